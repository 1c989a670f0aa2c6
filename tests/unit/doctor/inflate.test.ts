/**
 * Inflating with limits (issue 23, fault 2): parts are inflated one at a time and counted by the
 * bytes actually produced, so a part whose directory understates its size, or a bomb, is refused as
 * soon as it passes its stated size, 256 MiB a part or 1 GiB in all, never after inflating it all.
 */
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { diagnoseFile, DoctorInputError } from "../../../src/xlsx/doctor";
import {
  entryData,
  MAX_INFLATED_TOTAL,
  MAX_PART_BYTES,
  readZip,
} from "../../../src/xlsx/doctor/zip";
import { buildWorkbook, forumBook } from "./workbooks";

const CHART = "xl/charts/chart1.xml";

/** Set the uncompressed size that the central directory states for `name`. */
function stateSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let o = out.length - 22; o >= 0; o--) {
    if (v.getUint32(o, true) !== 0x02014b50) continue;
    const n = v.getUint16(o + 28, true);
    if (new TextDecoder().decode(out.subarray(o + 46, o + 46 + n)) === name)
      v.setUint32(o + 24, size, true);
  }
  return out;
}

/** The forum's book with its chart part replaced by `bytes`, stored deflated. */
function withChart(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(buildWorkbook(forumBook()));
  files[CHART] = Uint8Array.from(bytes);
  return zipSync(files, { level: 1 });
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof DoctorInputError) return e.message;
    throw new Error(`not a clean refusal: ${String(e)}`);
  }
  throw new Error("read without a refusal");
}

describe("inflating a workbook's parts", () => {
  it("stops a part that inflates past the size its directory states (2,000 bytes stated, 32 MiB inside)", () => {
    const book = stateSize(withChart(new Uint8Array(32 * 1024 * 1024)), CHART, 2000);
    expect(refusal(() => diagnoseFile(book))).toBe(
      `the workbook is damaged (zip entry ${CHART} inflates to more than the 2000 bytes its directory states)`
    );
  });

  it("refuses a part that states more than 256 MiB before inflating anything", () => {
    const book = stateSize(withChart(strToU8("<x/>")), CHART, MAX_PART_BYTES + 1);
    expect(refusal(() => diagnoseFile(book))).toBe(
      `zip entry ${CHART} inflates to more than 256 MiB, more than the doctor reads in one part`
    );
  });

  it("refuses once the parts read from one archive pass 1 GiB in all", () => {
    const zip = readZip(buildWorkbook(forumBook()));
    const entry = zip.entries.find((e) => e.name === CHART)!;
    zip.inflated = MAX_INFLATED_TOTAL - entry.size + 1;
    expect(refusal(() => entryData(zip, entry))).toContain("more than 1024 MiB in all");
  });

  it("reads an honest part whole, and counts what it inflated", () => {
    const zip = readZip(buildWorkbook(forumBook()));
    const entry = zip.entries.find((e) => e.name === CHART)!;
    expect(entryData(zip, entry).length).toBe(entry.size);
    expect(zip.inflated).toBe(entry.size);
  });

  it("calls garbage in a deflated entry damaged", () => {
    const book = buildWorkbook(forumBook());
    const zip = readZip(book);
    const entry = zip.entries.find((e) => e.name === CHART)!;
    const bad = book.slice();
    bad.fill(0xff, entry.dataOffset, entry.dataOffset + Math.min(64, entry.compressedSize));
    expect(refusal(() => diagnoseFile(bad))).toMatch(
      /chart1\.xml (does not decompress|fails its checksum)/
    );
  });
});
