/**
 * The reader facing damaged and hostile parts (issue 23, fault 1): deep nesting, character
 * references that are not characters, counts, indexes, row numbers and ranges no workbook can hold.
 * Each is one DoctorInputError naming the part and the value, never a crash and never an
 * allocation by a declared size; a range over a whole sheet reads the cells that exist.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { diagnoseFile, DoctorInputError, fixFile } from "../../../src/xlsx/doctor";
import { buildWorkbook, forumBook } from "./workbooks";

const CHART = "xl/charts/chart1.xml";
const SHEET = "xl/worksheets/sheet1.xml";

/** The forum's book with one part's text edited. */
function edited(part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(buildWorkbook(forumBook()));
  files[part] = strToU8(edit(new TextDecoder().decode(files[part])));
  return zipSync(files);
}

/** The refusal's message, or a failure naming what was thrown instead. */
function refusal(bytes: Uint8Array, read = diagnoseFile as (b: Uint8Array) => unknown): string {
  try {
    read(bytes);
  } catch (e) {
    if (e instanceof DoctorInputError) return e.message;
    throw new Error(`not a clean refusal: ${String(e)}`);
  }
  throw new Error("read without a refusal");
}

describe("the doctor's reader on hostile parts", () => {
  it("refuses elements nested 5,000 deep, naming the part and the limit", () => {
    const deep = "<a:p>".repeat(5000) + "</a:p>".repeat(5000);
    const bytes = edited(CHART, (x) => x.replace("</c:chartSpace>", `${deep}</c:chartSpace>`));
    expect(refusal(bytes)).toMatch(/chart1\.xml: elements nested more than 256 deep/);
  });

  it("refuses a character reference above U+10FFFF and one to U+0000", () => {
    for (const ref of ["&#x110000;", "&#0;", "&#99999999999999;"]) {
      const bytes = edited(CHART, (x) => x.replace("y = 2x + 30", `y ${ref}`));
      expect(refusal(bytes)).toContain(`${ref} is not an XML character`);
    }
  });

  it("refuses a c:ptCount of 2^31 and 2^32 without allocating it", () => {
    for (const n of ["2147483648", "4294967296", "-1", "1e3"]) {
      const bytes = edited(CHART, (x) =>
        x.replace(/<c:ptCount val="21"\/>/, `<c:ptCount val="${n}"/>`)
      );
      expect(refusal(bytes)).toBe(
        `the workbook is damaged (${CHART}: c:ptCount "${n}" is not a count of points a series can have (0 to 1,048,576))`
      );
    }
  });

  it("refuses a point index of 1e9 (or past its count), in the check and in --fix", () => {
    for (const idx of ["1000000000", "21", "x"]) {
      const bytes = edited(CHART, (x) => x.replace('<c:pt idx="20">', `<c:pt idx="${idx}">`));
      expect(refusal(bytes)).toContain(`c:pt idx "${idx}" is not a point of its 21`);
      expect(refusal(bytes, fixFile)).toContain(`c:pt idx "${idx}"`);
    }
  });

  it("refuses a range past the sheet's last row or column, naming it", () => {
    for (const ref of ["Sheet1!$B$2:$B$1048577", "Sheet1!$XFE$2:$XFE$22"]) {
      const bytes = edited(CHART, (x) => x.replace("Sheet1!$B$2:$B$22", ref));
      expect(refusal(bytes)).toContain(
        `the range "${ref}" reaches past the sheet's 1,048,576 rows`
      );
    }
  });

  it("reads a y range to row 1,048,576 beside typed-in categories as the cells that exist", () => {
    const bytes = edited(CHART, (x) => x.replace("Sheet1!$B$2:$B$22", "Sheet1!$B$2:$B$1048576"));
    const { findings } = diagnoseFile(bytes);
    expect(findings.map((f) => f.code)).toContain("literal-categories");
    expect(fixFile(bytes).applied.length).toBeGreaterThan(0);
  });

  it("reads a range over the whole sheet ($A$1:$XFD$1048576) as the cells that exist", () => {
    const bytes = edited(CHART, (x) => x.replace("Sheet1!$B$2:$B$22", "Sheet1!$A$1:$XFD$1048576"));
    const { model } = diagnoseFile(bytes);
    expect(model.charts[0].series[0].y).toEqual({ kind: "ref", ref: "Sheet1!$A$1:$XFD$1048576" });
    expect(model.sheets[0].values.length).toBe(22); // the header row and 21 rows of data
    fixFile(bytes);
  });

  it("refuses a row numbered abc, 1.5, 0 or past 1,048,576, naming the part and the value", () => {
    for (const r of ["abc", "1.5", "0", "1048577"]) {
      const bytes = edited(SHEET, (x) => x.replace('<row r="2"', `<row r="${r}"`));
      expect(refusal(bytes)).toBe(
        `the workbook is damaged (${SHEET}: row number "${r}" is not a row of a sheet (1 to 1,048,576))`
      );
    }
  });

  it("refuses a cell address outside its row or past column XFD", () => {
    const bytes = edited(SHEET, (x) => x.replace('r="B2"', 'r="XFE2"'));
    expect(refusal(bytes)).toContain('cell address "XFE2" in row 2 is not a cell of that row');
  });
});

describe("the doctor's XML modules", () => {
  it("import no circle: ns.ts does not import xml.ts", () => {
    const ns = readFileSync(join(__dirname, "../../../src/xlsx/doctor/ns.ts"), "utf8");
    expect(ns).not.toMatch(/from "\.\/xml"/);
  });
});
