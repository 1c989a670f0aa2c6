/**
 * The byte chunks a part's text is written into: together, exactly the UTF-8 of the text, whatever
 * mix of ASCII, pre-encoded bytes and other text it was written with, cut into chunks of about
 * CHUNK_BYTES, the last one marked final.
 */
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, ChunkWriter } from "../../../src/xlsx/chunk-writer";

/** Writes `pieces` (ascii, bytes or text, by kind) and returns the chunks with their final flags. */
function write(pieces: [kind: "ascii" | "bytes" | "text", s: string][]) {
  const chunks: { bytes: Buffer; final: boolean }[] = [];
  const out = new ChunkWriter((c, final) => chunks.push({ bytes: Buffer.from(c), final }));
  for (const [kind, s] of pieces) {
    if (kind === "bytes") out.bytes(new TextEncoder().encode(s));
    else out[kind](s);
  }
  out.end();
  return chunks;
}

describe("ChunkWriter", () => {
  it("hands out exactly the UTF-8 of the text written, across chunk boundaries", () => {
    const pieces: [kind: "ascii" | "bytes" | "text", s: string][] = [];
    for (let i = 0; i < 60_000; i++)
      pieces.push(
        ["bytes", `<c r="AB${i}" s="8"><f t="shared" si="22"/><v>`],
        ["ascii", String(Math.PI * i * 1e-7)],
        ["text", i % 1000 ? "</v></c>" : "</v></c><!-- Rün ✓ 𝑥² -->"]
      );
    const chunks = write(pieces);
    const text = pieces.map(([, s]) => s).join("");
    expect(chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).toString("utf8")).toBe(text);
    expect(chunks.map((c) => c.final)).toEqual(chunks.map((_, i) => i === chunks.length - 1));
    for (const c of chunks.slice(0, -1)) {
      expect(c.bytes.length).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(c.bytes.length).toBeGreaterThan(CHUNK_BYTES - 100);
    }
  });

  it("hands out a piece larger than a chunk whole, in a chunk of its own", () => {
    const big = "é".repeat(CHUNK_BYTES);
    const chunks = write([
      ["ascii", "<a>"],
      ["text", big],
      ["ascii", "</a>"],
    ]);
    expect(chunks.map((c) => c.bytes.toString("utf8"))).toEqual(["<a>", big, "</a>"]);
  });

  it("hands out one empty final chunk when nothing was written", () => {
    expect(write([])).toEqual([{ bytes: Buffer.alloc(0), final: true }]);
  });
});
