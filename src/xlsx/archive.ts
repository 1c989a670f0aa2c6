/**
 * The zip container of an .xlsx, written as a stream: parts are written as text into byte chunks,
 * compressed bytes come out through a sink as soon as they exist, so a 100k-step sheet is never
 * held whole, neither as XML nor as the finished file. Browser- and Node-safe (fflate); DEFLATE
 * and CRC-32 can be swapped for native ones (`ChunkDeflate`, `Crc32`: Node's zlib in
 * src/cli/workbook-file).
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { concatBytes } from "./bytes";
import { ChunkWriter } from "./chunk-writer";

/**
 * Compresses one chunk of a zip entry as raw DEFLATE (RFC 1951) blocks, independently of the other
 * chunks: a non-final chunk ends with a sync flush (byte-aligned, no final bit), the final chunk
 * ends with the final block. The entry's data is the concatenation, a valid DEFLATE stream because
 * no chunk refers back into another one. `chunk` is valid only during the call (its buffer is reused).
 */
export type ChunkDeflate = (
  chunk: Uint8Array,
  final: boolean,
  level: number
) => Uint8Array<ArrayBuffer>;

/** CRC-32 (ISO-HDLC, as zip uses) of `data` continued from `value`, the CRC of the bytes before it. */
export type Crc32 = (data: Uint8Array, value: number) => number;

/** DEFLATE levels, as zlib and fflate number them. */
export type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface ArchiveOptions {
  /** Timestamp of every entry. */
  created: Date;
  level: Level;
  /** Native DEFLATE for each chunk; default fflate's streaming Deflate. */
  deflate?: ChunkDeflate;
  /** Native CRC-32, used with `deflate`; default fflate's. */
  crc32?: Crc32;
}

/** A zip entry whose chunks are compressed by a `ChunkDeflate`, its CRC-32 by `crc32` or fflate. */
class NativeDeflateEntry extends ZipPassThrough {
  private crcSoFar = 0;

  constructor(
    name: string,
    private readonly deflateChunk: ChunkDeflate,
    private readonly level: Level,
    private readonly crc32: Crc32 | undefined
  ) {
    super(name);
    this.compression = 8;
  }

  /** As ZipPassThrough's push (size, then `crc` once final, then `process`), with `crc32` when given. */
  override push(chunk: Uint8Array, final = false): void {
    if (!this.crc32) return super.push(chunk, final);
    this.crcSoFar = this.crc32(chunk, this.crcSoFar);
    this.size += chunk.length;
    if (final) this.crc = this.crcSoFar;
    this.process(chunk, final);
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

  /** Adds the part `name`: `text`, or what `write` writes. */
  add(name: string, text: string | ((out: ChunkWriter) => void)): void {
    const { deflate, level, created, crc32 } = this.opts;
    const file = deflate
      ? new NativeDeflateEntry(name, deflate, level, crc32)
      : new ZipDeflate(name, { level });
    file.mtime = created;
    this.zip.add(file);
    if (typeof text === "string") return file.push(strToU8(text), true);
    const out = new ChunkWriter((chunk, final) => file.push(chunk, final));
    text(out);
    out.end();
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
