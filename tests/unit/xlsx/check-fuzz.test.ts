/**
 * `check` on damaged and hostile workbooks never crashes: seeded mutations of a GradSheet file
 * (its record's values, its sheet's cells, its bytes) end in a grade or in one CheckInputError.
 * A fixed small count runs in CI; GRADSHEET_FUZZ_RUNS=N runs N of each.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { resolveConfig, rng, train } from "../../../src/core";
import { CheckInputError, checkWorkbookBytes, exerciseWorkbookPlan } from "../../../src/run";
import { writeWorkbook } from "../../../src/xlsx";

const RUNS = Number(process.env.GRADSHEET_FUZZ_RUNS ?? 25);
const bytes = writeWorkbook(
  exerciseWorkbookPlan(
    train(
      resolveConfig({
        model: "two-relu",
        optimizer: "adam",
        data: { x: { kind: "list", x: [3, 9, 4] } },
      }),
      {
        rows: true,
      }
    ),
    { name: "Run 1", blank: ["ŷ", "updates"] }
  )
);
const files = unzipSync(bytes);
const VALUES = [
  '"x"',
  "-1",
  "0",
  "1e308",
  "null",
  "[]",
  "{}",
  "true",
  '"NaN"',
  "99999999",
  "[[1,2]]",
];

/** Grade `b`: a grade or one CheckInputError; anything else fails the test. */
function gradeOrRefuse(b: Uint8Array): void {
  try {
    checkWorkbookBytes(b);
  } catch (e) {
    if (!(e instanceof CheckInputError)) throw e;
    expect(e.message.split("\n")).toHaveLength(1);
  }
}

describe("check on mutated workbooks", () => {
  it("grades or refuses, never crashes, when the record's values change", () => {
    const next = rng(11);
    const record = strFromU8(files["customXml/item1.xml"]);
    const spots = [...record.matchAll(/:(-?[\d.e+-]+|&quot;[^&]*&quot;|true|false|null)/g)];
    for (let k = 0; k < RUNS; k++) {
      const m = spots[Math.floor(next() * spots.length)];
      const v = VALUES[Math.floor(next() * VALUES.length)].replace(/"/g, "&quot;");
      const text = record.slice(0, m.index! + 1) + v + record.slice(m.index! + m[0].length);
      gradeOrRefuse(zipSync({ ...files, "customXml/item1.xml": strToU8(text) }));
    }
  });

  it("grades or refuses, never crashes, when cells of the sheet change", () => {
    const next = rng(12);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
    const values = [...sheet.matchAll(/<v>[^<]*<\/v>/g)];
    for (let k = 0; k < RUNS; k++) {
      let text = sheet;
      for (let j = 0; j < 5; j++) {
        const m = values[Math.floor(next() * values.length)];
        text = text.replace(m[0], ["<v>abc</v>", "<v>1e400</v>", "<v></v>", "<v>-0</v>"][j % 4]);
      }
      gradeOrRefuse(zipSync({ ...files, "xl/worksheets/sheet1.xml": strToU8(text) }));
    }
  });

  it("refuses, never crashes, when the file's bytes are damaged", () => {
    const next = rng(13);
    for (let k = 0; k < RUNS; k++) {
      const b = bytes.slice();
      for (let j = 0; j < 4; j++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
      gradeOrRefuse(b);
    }
  });
});
