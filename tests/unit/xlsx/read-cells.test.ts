/**
 * The saved-workbook reader behind `gradsheet check`: it reads only GradSheet's sheets, by their
 * record, refuses what it cannot grade in one sentence, and never reads a part above its limits.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { resolveConfig, train } from "../../../src/core";
import { CheckInputError, checkWorkbookBytes, runWorkbookPlan } from "../../../src/run";
import { writeWorkbook } from "../../../src/xlsx";
import { READ_LIMITS, readSavedBook } from "../../../src/xlsx/read/cells";

const book = () =>
  writeWorkbook(
    runWorkbookPlan(
      train(resolveConfig({ data: { x: { kind: "list", x: [14, 86, 28] } } }), { rows: true }),
      {
        name: "Run 1",
      }
    )
  );

/** The workbook with one part's text changed. */
function edited(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[part] = strToU8(edit(strFromU8(files[part])));
  return zipSync(files);
}

describe("readSavedBook", () => {
  it("finds the GradSheet sheet by its record and reads cached values, text and formulas", () => {
    const b = readSavedBook(book());
    expect(b.sheets.map((s) => s.name)).toEqual(["Run 1"]);
    const s = b.sheets[0];
    expect(s.meta.kind).toBe("run");
    expect(s.value(2, 0)).toBe("LearningRate");
    expect(s.value(3, 0)).toBe(1e-4);
    expect(s.value(21, 3)).toBe(14); // x of the first step, D22
    expect(s.hasFormula(21, 5)).toBe(true); // a = InitA
    expect(s.uncalculated).toBe(0);
  });

  it("says which record names a sheet the file no longer has", () => {
    const renamed = edited(book(), "xl/workbook.xml", (x) =>
      x.replace('name="Run 1"', 'name="Mine"')
    );
    expect(readSavedBook(renamed).missing).toEqual(["Run 1"]);
    expect(() => checkWorkbookBytes(renamed)).toThrow(/no GradSheet sheet/);
  });

  it("refuses a file saved without calculated values: open it in Excel and save it once", () => {
    const bare = edited(book(), "xl/worksheets/sheet1.xml", (x) =>
      x.replace(/(<\/f>|<f [^>]*\/>)<v>[^<]*<\/v>/g, "$1")
    );
    expect(() => checkWorkbookBytes(bare)).toThrow(CheckInputError);
    expect(() => checkWorkbookBytes(bare)).toThrow(/open it in Excel and save it once/);
  });

  it("refuses a damaged or truncated file, and a part above its size limit, in one sentence", () => {
    const bytes = book();
    expect(() => checkWorkbookBytes(bytes.subarray(0, bytes.length - 30))).toThrow(CheckInputError);
    expect(() => checkWorkbookBytes(strToU8("hello"))).toThrow(/not an \.xlsx/);
    const limit = READ_LIMITS.sheetBytes;
    READ_LIMITS.sheetBytes = 1000;
    try {
      expect(() => checkWorkbookBytes(bytes)).toThrow(/more than GradSheet reads/);
    } finally {
      READ_LIMITS.sheetBytes = limit;
    }
  });

  it("reads a damaged record as one sentence, not a crash", () => {
    const bad = edited(book(), "customXml/item1.xml", (x) => x.replace(/>\{/, ">{{"));
    expect(() => checkWorkbookBytes(bad)).toThrow(CheckInputError);
  });
});

describe("a record that does not match its sheet", () => {
  it("is refused before any training when it claims more steps than the sheet has rows", () => {
    const hostile = edited(book(), "customXml/item1.xml", (x) =>
      x.replace(/&quot;epochs&quot;:1,/, "&quot;epochs&quot;:100000,")
    );
    expect(() => checkWorkbookBytes(hostile)).toThrow(
      /its record describes 300000 steps but the sheet has only \d+ rows below its headers/
    );
  });
});
