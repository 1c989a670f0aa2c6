/**
 * The JavaScript CRC-32 the pane's .xlsx writer and the doctor use where Node's zlib is absent: the
 * check value of the CRC-32/ISO-HDLC catalogue ("123456789" → CBF43926), and equal to zlib's own
 * crc32 (an implementation we did not write) on every length around the 8-byte step, at unaligned
 * offsets, and when continued from the CRC of the bytes before.
 */
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "../../../src/xlsx/crc32";

const zlibCrc32 = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

/** Seeded bytes (a 32-bit linear congruential generator). */
function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe("crc32", () => {
  it("gives the catalogue's check value and 0 for no bytes", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new Uint8Array([0]))).toBe(0xd202ef8d);
  });

  it.skipIf(!zlibCrc32)("equals zlib's on lengths 0 to 40 at every offset 0 to 7", () => {
    const data = bytes(64);
    for (let off = 0; off < 8; off++)
      for (let n = 0; n <= 40; n++) {
        const part = data.subarray(off, off + n);
        expect(crc32(part), `offset ${off}, length ${n}`).toBe(zlibCrc32!(part));
      }
  });

  it.skipIf(!zlibCrc32)(
    "continues from the CRC of the bytes before, as zip entries are summed chunk by chunk",
    () => {
      const data = bytes(100_003, 7);
      for (const cut of [0, 1, 5, 8, 4099, 100_003]) {
        const head = crc32(data.subarray(0, cut));
        expect(crc32(data.subarray(cut), head)).toBe(zlibCrc32!(data));
      }
    }
  );
});
