import { describe, expect, it } from "vitest";
import {
  a1,
  addressA1,
  colIndex,
  colLetter,
  parseCellA1,
  parseRangeA1,
  quoteSheet,
  rangeA1,
  sheetCellA1,
  shiftRows,
} from "../../../src/sheet/address";

describe("A1 columns", () => {
  it("numbers columns as Excel does, both ways", () => {
    for (const [col, letters] of [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [701, "ZZ"],
      [702, "AAA"],
      [16383, "XFD"],
    ] as const) {
      expect(colLetter(col)).toBe(letters);
      expect(colIndex(letters)).toBe(col);
    }
    expect(() => colLetter(16384)).toThrow(RangeError);
  });
});

describe("formatting A1", () => {
  const run = { sheet: "Run 1", row: 4, col: 1, rows: 29, cols: 1 };

  it("writes a cell relative or absolute", () => {
    expect(a1(4, 2)).toBe("C5");
    expect(a1(4, 2, { absRow: true, absCol: true })).toBe("$C$5");
  });

  it("quotes a sheet name unless it is a plain word that is not itself a cell", () => {
    expect(quoteSheet("Sheet1")).toBe("Sheet1");
    expect(quoteSheet("It's run")).toBe("'It''s run'");
    expect(quoteSheet("AB12")).toBe("'AB12'");
  });

  it("writes a range absolute for charts and names, relative as Range.address reports it", () => {
    expect(rangeA1(run)).toBe("'Run 1'!$B$5:$B$33");
    expect(rangeA1(run, false)).toBe("$B$5:$B$33");
    expect(addressA1(run)).toBe("'Run 1'!B5:B33");
    expect(addressA1({ ...run, sheet: "Sheet1", rows: 1 })).toBe("Sheet1!B5");
    expect(sheetCellA1("Run 1", 6, 16)).toBe("'Run 1'!$Q$7");
  });
});

describe("parsing A1", () => {
  const run = { sheet: "Run 1", row: 4, col: 1, rows: 29, cols: 1 };

  it("reads back what it writes, absolute or relative", () => {
    expect(parseRangeA1(rangeA1(run))).toEqual(run);
    expect(parseRangeA1(addressA1(run))).toEqual(run);
    expect(parseRangeA1("=Sheet1!$A$2:$A$22")).toEqual({
      sheet: "Sheet1",
      row: 1,
      col: 0,
      rows: 21,
      cols: 1,
    });
    expect(parseRangeA1("'It''s run'!c3")).toEqual({
      sheet: "It's run",
      row: 2,
      col: 2,
      rows: 1,
      cols: 1,
    });
  });

  it("takes corners in any order", () => {
    expect(parseRangeA1("S!D9:B2")).toEqual({ sheet: "S", row: 1, col: 1, rows: 8, cols: 3 });
  });

  it("puts an address without a sheet on the sheet given, and refuses it when none is", () => {
    expect(parseRangeA1("B2:D9", "Data")).toEqual({
      sheet: "Data",
      row: 1,
      col: 1,
      rows: 8,
      cols: 3,
    });
    expect(parseRangeA1("'Run 1'!B2", "Data")?.sheet).toBe("Run 1");
    expect(parseRangeA1("B2:D9")).toBeNull();
  });

  it("refuses names, unions, external books and row 0", () => {
    for (const text of [
      "LearningRate",
      "S!A1,S!B2",
      "[1]S!A1",
      "'[1]S'!A1",
      "S!A0",
      "S!A1:B",
      "",
    ]) {
      expect(parseRangeA1(text, "S"), text).toBeNull();
    }
  });

  it("reads one cell without a sheet, with which parts are absolute", () => {
    expect(parseCellA1("$C5")).toEqual({ row: 4, col: 2, absCol: true, absRow: false });
    expect(parseCellA1("ab12")).toEqual({ row: 11, col: 27, absCol: false, absRow: false });
    for (const text of ["C0", "C", "Sheet1!C5", "C5:C6"])
      expect(parseCellA1(text), text).toBeNull();
  });
});

describe("fill-down", () => {
  it("moves relative rows only, and not inside strings or names", () => {
    expect(shiftRows('=C5-LearningRate*L5+$C$2+C$2&"A1"+LOG10(D5)', 2)).toBe(
      '=C7-LearningRate*L7+$C$2+C$2&"A1"+LOG10(D7)'
    );
  });
});
