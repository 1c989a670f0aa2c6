/**
 * Text written straight into UTF-8 byte chunks: a part's XML is never a JavaScript string longer
 * than one row, and never encoded twice. Our markup and the digits of numbers are ASCII, so they
 * are copied a byte per character with no encoder; any other text goes through fflate's `strToU8`
 * (TextEncoder where there is one, its own UTF-8 where not: EdgeHTML has no `encodeInto`).
 */
import { strToU8 } from "fflate";

/** Bytes gathered before a chunk is handed out (the deflate step's unit). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Writes text into chunks of about `CHUNK_BYTES`, each handed to `emit` once full. A chunk is one
 * buffer, reused: it is valid only during the `emit` call (zlib and fflate both copy their input).
 */
export class ChunkWriter {
  private buf = new Uint8Array(CHUNK_BYTES);
  private pos = 0;

  constructor(private readonly emit: (chunk: Uint8Array, final: boolean) => void) {}

  /** Makes room for `n` more bytes, handing out the chunk so far when it is full. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) this.emit(this.buf.subarray(0, this.pos), false);
    if (n > this.buf.length) this.buf = new Uint8Array(n);
    this.pos = 0;
  }

  /** Text known to be ASCII (our markup, `String(number)`): one byte per character. */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Bytes already encoded (a column's constant markup). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.bytes(strToU8(s));
  }

  /** Hands out the last chunk (possibly empty) as final. */
  end(): void {
    this.emit(this.buf.subarray(0, this.pos), true);
    this.buf = new Uint8Array(0);
    this.pos = 0;
  }
}
