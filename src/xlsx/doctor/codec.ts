/**
 * How the doctor's zip reader inflates and deflates parts and sums their CRC-32: fflate by default
 * (it runs anywhere), zlib when a Node surface installs it. Inflation is always limited by the
 * bytes actually produced, never by what the zip directory claims.
 */
import { deflateSync, Inflate } from "fflate";
import { concatBytes } from "../bytes";

/** Compressed bytes fed to the inflater at a time: the output is counted after each feed. */
const FEED = 64 * 1024;

/**
 * Inflates raw DEFLATE data, stopping with {@link InflateLimit} as soon as it has produced more
 * than `limit` bytes. The default is fflate's streaming inflater, counted feed by feed; Node
 * surfaces install zlib's (about 5× faster) with {@link useInflater}.
 */
export type RawInflate = (raw: Uint8Array, limit: number) => Uint8Array;

/** Thrown by a RawInflate that reached its limit. */
export class InflateLimit extends Error {}

const fflateInflate: RawInflate = (raw, limit) => {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) over = true;
    else chunks.push(chunk);
  });
  for (let at = 0; at < raw.length && !over; at += FEED) {
    const end = Math.min(raw.length, at + FEED);
    inflater.push(raw.subarray(at, end), end === raw.length);
  }
  if (!raw.length) inflater.push(raw, true);
  if (over) throw new InflateLimit();
  return chunks.length === 1 ? chunks[0] : concatBytes(chunks);
};

/** The codec in use: fflate's inflate and DEFLATE and the JS CRC-32 unless a Node surface passes zlib's. */
export const codec: {
  inflate: RawInflate;
  deflate: (data: Uint8Array) => Uint8Array;
  crc32?: (data: Uint8Array) => number;
} = { inflate: fflateInflate, deflate: (data) => deflateSync(data, { level: 6 }) };

/** Use another inflater (the CLI passes zlib's); it must honour the limit by bytes produced. */
export function useInflater(f: RawInflate): void {
  codec.inflate = f;
}

/** Use zlib's DEFLATE and CRC-32 for rewritten parts (the same bytes' meaning, faster). */
export function useZipCodec(c: {
  deflate?: (data: Uint8Array) => Uint8Array;
  crc32?: (data: Uint8Array) => number;
}): void {
  if (c.deflate) codec.deflate = c.deflate;
  if (c.crc32) codec.crc32 = c.crc32;
}
