/**
 * The pane's polyfills for old web views (src/taskpane/polyfills.ts), checked against Node's own
 * built-ins. Importing the module installs nothing here: Node has every one of them.
 */
import { describe, expect, it } from "vitest";
import {
  flat,
  flatMap,
  fromEntries,
  Utf8Decoder,
  Utf8Encoder,
} from "../../../src/taskpane/polyfills";

describe("the ES2019 polyfills", () => {
  it("flat spreads nested arrays as deep as asked, default one level", () => {
    const a = [1, [2, [3, [4]]], 5];
    expect(flat.call(a)).toEqual(a.flat());
    expect(flat.call(a, 2)).toEqual(a.flat(2));
    expect(flat.call(a, Infinity)).toEqual(a.flat(Infinity));
    expect(flat.call(a, 0)).toEqual(a.flat(0));
  });

  it("flatMap maps then flattens one level, passing index and array", () => {
    const a = ["x", "y"];
    const fn = (v: string, i: number, arr: string[]) => [v, [i, arr.length]];
    expect(Reflect.apply(flatMap, a, [fn])).toEqual(a.flatMap(fn));
    expect(Reflect.apply(flatMap, [1, 2], [(v: number) => v * 2])).toEqual([2, 4]);
  });

  it("fromEntries builds an object from any iterable of pairs", () => {
    const m = new Map<string, unknown>([
      ["a", 1],
      ["b", [2]],
    ]);
    expect(fromEntries(m)).toEqual(Object.fromEntries(m));
    expect(fromEntries([["k", "v"]] as const)).toEqual({ k: "v" });
  });
});

describe("the UTF-8 TextEncoder/TextDecoder polyfills", () => {
  const samples = [
    "",
    "plain ASCII",
    "√SSE · β₂ = 0.999 · é ß",
    "𝔸𝔹 emoji 😀 and CJK 漢字",
    '<c r="A1"><v>1</v></c>',
  ];

  it("encode exactly as the standard encoder", () => {
    for (const s of samples)
      expect(Array.from(new Utf8Encoder().encode(s))).toEqual(
        Array.from(new TextEncoder().encode(s))
      );
  });

  it("decode well-formed UTF-8 (arrays, views and buffers) exactly as the standard decoder", () => {
    for (const s of samples) {
      const bytes = new TextEncoder().encode(`..${s}..`);
      expect(new Utf8Decoder().decode(bytes)).toBe(s ? `..${s}..` : "....");
      expect(new Utf8Decoder().decode(bytes.subarray(2, bytes.length - 2))).toBe(s);
      expect(new Utf8Decoder().decode(bytes.slice().buffer)).toBe(new TextDecoder().decode(bytes));
    }
  });

  it("turns malformed bytes into U+FFFD instead of throwing", () => {
    expect(new Utf8Decoder().decode(new Uint8Array([0x61, 0xff, 0x62]))).toBe("a\ufffdb");
    expect(new Utf8Decoder().decode(new Uint8Array([0xed, 0xa0, 0x80]))).toMatch(/^\ufffd+$/);
    expect(new Utf8Decoder().decode(new Uint8Array([0x61, 0xe2, 0x82]))).toMatch(/^a\ufffd+$/);
  });
});
