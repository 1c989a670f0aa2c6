/**
 * The zip container of an .xlsx, written as a stream: parts are written as text into byte chunks,
 * compressed bytes come out through a sink as soon as they exist, so a 100k-step sheet is never
 * held whole, neither as XML nor as the finished file. Browser- and Node-safe (fflate's DEFLATE, a
 * slicing-by-8 CRC-32: ./crc32); DEFLATE and CRC-32 can be swapped for native ones (`ChunkDeflate`, `Crc32`: Node's zlib in
 * src/cli/workbook-file).
 */
import { Deflate, strToU8, Zip, ZipPassThrough } from "fflate";
import { concatBytes } from "./bytes";
import { crc32 as jsCrc32 } from "./crc32";
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
  /** Native CRC-32 (Node: zlib.crc32); default ./crc32's, eight bytes a step. */
  crc32?: Crc32;
}

/** A zip entry whose CRC-32 is summed by `crc32` and whose chunks `process` compresses. */
abstract class SummedEntry extends ZipPassThrough {
  private sum = 0;

  constructor(
    name: string,
    private readonly crc32: Crc32
  ) {
    super(name);
    this.compression = 8;
  }

  /** Compresses one chunk and hands the bytes to `ondata`. */
  protected abstract override process(chunk: Uint8Array, final: boolean): void;

  /** As ZipPassThrough's push (size, then the CRC once final, then `process`), with `crc32`. */
  override push(chunk: Uint8Array, final = false): void {
    this.sum = this.crc32(chunk, this.sum);
    this.size += chunk.length;
    if (final) this.crc = this.sum;
    this.process(chunk, final);
  }
}

/**
 * fflate's memory level: a hash table of 2^(12 + mem) entries. Its streaming default is 2^20 (2 MiB,
 * zeroed for every part, far out of cache); 2^16 (128 KiB; zlib's default is 2^15) writes a step
 * table about 5% faster for a file about 0.1% larger (bench/export.ts).
 */
const FFLATE_MEM = 4;

/** DEFLATE by fflate's streaming Deflate (as fflate's ZipDeflate, whose CRC is a byte a step). */
class FflateEntry extends SummedEntry {
  /** Zip's general-purpose bits 1–2, the DEFLATE option, as ZipDeflate sets them for `level`. */
  readonly flag: 0 | 1 | 2 | 3;
  private readonly deflate: Deflate;

  constructor(name: string, level: Level, crc32: Crc32) {
    super(name, crc32);
    this.flag = level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0;
    this.deflate = new Deflate({ level, mem: FFLATE_MEM }, (data, final) =>
      this.ondata(null, data, final)
    );
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.deflate.push(chunk, final);
  }
}

/** DEFLATE by a `ChunkDeflate` (Node's zlib), chunk by chunk. */
class NativeDeflateEntry extends SummedEntry {
  constructor(
    name: string,
    private readonly deflateChunk: ChunkDeflate,
    private readonly level: Level,
    crc32: Crc32
  ) {
    super(name, crc32);
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
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
    const { deflate, level, created } = this.opts;
    const crc32 = this.opts.crc32 ?? jsCrc32;
    const file = deflate
      ? new NativeDeflateEntry(name, deflate, level, crc32)
      : new FflateEntry(name, level, crc32);
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
