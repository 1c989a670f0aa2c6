/**
 * The zip container of an .xlsx, written as a stream: parts go in as text chunks, compressed bytes
 * come out through a sink as soon as they exist, so a 100k-step sheet is never held whole, neither
 * as XML nor as the finished file. Browser- and Node-safe (fflate); the DEFLATE step can be swapped
 * for a native one (`ChunkDeflate`, e.g. Node's zlib in src/cli/workbook-file).
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { concatBytes } from "./bytes";

/**
 * Compresses one chunk of a zip entry as raw DEFLATE (RFC 1951) blocks, independently of the other
 * chunks: a non-final chunk ends with a sync flush (byte-aligned, no final bit), the final chunk
 * ends with the final block. The entry's data is the concatenation, a valid DEFLATE stream because
 * no chunk refers back into another one.
 */
export type ChunkDeflate = (
  chunk: Uint8Array,
  final: boolean,
  level: number
) => Uint8Array<ArrayBuffer>;

/** DEFLATE levels, as zlib and fflate number them. */
export type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface ArchiveOptions {
  /** Timestamp of every entry. */
  created: Date;
  level: Level;
  /** Native DEFLATE for each chunk; default fflate's streaming Deflate. */
  deflate?: ChunkDeflate;
}

/** Text gathered per part before it is encoded and compressed (characters). */
const CHUNK = 1 << 20;

/** A zip entry whose chunks are compressed by a `ChunkDeflate` (fflate computes CRC-32 and size). */
class NativeDeflateEntry extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflateChunk: ChunkDeflate,
    private readonly level: Level
  ) {
    super(name);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflateChunk(chunk, final, this.level), final);
  }
}

/** A streaming zip writer: `add` parts in order, then `end`; bytes go to `sink` in order. */
export class Archive {
  private readonly zip: Zip;

  constructor(
    private readonly opts: ArchiveOptions,
    sink: (bytes: Uint8Array) => void
  ) {
    this.zip = new Zip((err, data) => {
      if (err) throw err;
      sink(data);
    });
  }

  /** Adds the part `name` whose text is the concatenation of `parts`. */
  add(name: string, parts: Iterable<string>): void {
    const { deflate, level, created } = this.opts;
    const file = deflate
      ? new NativeDeflateEntry(name, deflate, level)
      : new ZipDeflate(name, { level });
    file.mtime = created;
    this.zip.add(file);
    let buf = "";
    for (const p of parts) {
      buf += p;
      if (buf.length >= CHUNK) {
        file.push(strToU8(buf));
        buf = "";
      }
    }
    file.push(strToU8(buf), true); // TextEncoder when there is one, else fflate's own UTF-8
  }

  /** Writes the central directory: the archive is complete once this returns. */
  end(): void {
    this.zip.end();
  }
}

/** The chunks of `write`'s output joined into one array (the whole file in memory). */
export function collect(write: (sink: (bytes: Uint8Array) => void) => void): Uint8Array {
  const out: Uint8Array[] = [];
  write((b) => out.push(b));
  return concatBytes(out);
}
