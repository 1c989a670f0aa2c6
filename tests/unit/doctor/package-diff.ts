/** What a fixed copy may differ in: chart parts only, every other entry byte-identical (raw zip record included). */
import { unzipSync } from "fflate";
import { expect } from "vitest";
import { rawRecord, readZip } from "../../../src/xlsx/doctor/zip";

/** Every entry except `changed` has the same uncompressed bytes and the same raw zip record; `changed` are chart parts. */
export function expectOnlyChartsChanged(
  input: Uint8Array,
  output: Uint8Array,
  changed: string[]
): void {
  const a = unzipSync(input);
  const b = unzipSync(output);
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const name of Object.keys(a)) {
    if (changed.includes(name)) continue;
    expect(Buffer.from(b[name]).equals(Buffer.from(a[name])), `${name} changed`).toBe(true);
  }
  const za = readZip(input);
  const zb = readZip(output);
  for (const e of za.entries) {
    if (changed.includes(e.name)) continue;
    const f = zb.entries.find((x) => x.name === e.name)!;
    expect(
      Buffer.from(rawRecord(zb, f)).equals(Buffer.from(rawRecord(za, e))),
      `${e.name} raw record`
    ).toBe(true);
  }
  for (const name of changed) expect(name).toMatch(/^xl\/charts\/chart\d+\.xml$/i);
}
