import { describe, expect, it } from "vitest";
import {
  refText,
  renameSheetRefs,
  shiftRows,
  tokenizeFormula,
  type FormulaToken,
} from "../../../src/sheet/formula-refs";

/** Each token as "kind:text", the shape these expectations are written in. */
const kinds = (formula: string): string[] =>
  tokenizeFormula(formula).map((t: FormulaToken) => `${t.kind}:${t.text}`);

const renamed = (pairs: [string, string][]) => new Map(pairs);

describe("tokenizeFormula", () => {
  it("splits a formula into strings, references, names, functions, numbers and operators", () => {
    expect(kinds('=SUM($B$5:B33)*LearningRate-1.5e-3&"x"')).toEqual([
      "op:=",
      "function:SUM",
      "op:(",
      "ref:$B$5:B33",
      "op:)",
      "op:*",
      "name:LearningRate",
      "op:-",
      "number:1.5e-3",
      "op:&",
      'string:"x"',
    ]);
  });

  it("reads the corners of a reference 0-based, with which parts carry a $", () => {
    const [t] = tokenizeFormula("$C5:D$7");
    expect(t).toEqual({
      kind: "ref",
      text: "$C5:D$7",
      start: { col: 2, row: 4, absCol: true, absRow: false },
      end: { col: 3, row: 6, absCol: false, absRow: true },
    });
  });

  it("reads quoted sheet names, apostrophes doubled inside them", () => {
    const [t] = tokenizeFormula("'Bob''s run'!A1");
    expect(t).toMatchObject({
      kind: "ref",
      sheet: { name: "Bob's run" },
      start: { col: 0, row: 0 },
    });
    expect(kinds("='Run 1'!$Q$7+Data!B2")).toEqual([
      "op:=",
      "ref:'Run 1'!$Q$7",
      "op:+",
      "ref:Data!B2",
    ]);
  });

  it("reads whole columns and whole rows as references", () => {
    expect(kinds("=SUM(A:A,$B:$C,1:1,$2:$3)")).toEqual([
      "op:=",
      "function:SUM",
      "op:(",
      "ref:A:A",
      "op:,",
      "ref:$B:$C",
      "op:,",
      "ref:1:1",
      "op:,",
      "ref:$2:$3",
      "op:)",
    ]);
    expect(tokenizeFormula("Data!C:C")[0]).toMatchObject({
      sheet: { name: "Data" },
      start: { col: 2, absCol: false },
      end: { col: 2 },
    });
    expect(tokenizeFormula("7:9")[0]).toMatchObject({ start: { row: 6 }, end: { row: 8 } });
  });

  it("reads a sheet named like a cell or a function as a sheet, not as what it looks like", () => {
    expect(tokenizeFormula("'A1'!B2")[0]).toMatchObject({
      sheet: { name: "A1" },
      start: { col: 1, row: 1 },
    });
    expect(tokenizeFormula("SUM!B2")[0]).toMatchObject({
      sheet: { name: "SUM" },
      start: { col: 1, row: 1 },
    });
    expect(kinds("LOG10(D5)")).toEqual(["function:LOG10", "op:(", "ref:D5", "op:)"]);
  });

  it("leaves strings that merely look like references inside the string", () => {
    expect(kinds(`="A1"&"'Run 1'!B2"&"say ""C3"""`)).toEqual([
      "op:=",
      'string:"A1"',
      "op:&",
      `string:"'Run 1'!B2"`,
      "op:&",
      'string:"say ""C3"""',
    ]);
    expect(tokenizeFormula('"say ""C3"""')[0]).toMatchObject({ value: 'say "C3"' });
  });

  it("tells names from cells: LR is a name, LR1 a cell; past XFD or row 1,048,576 is a name", () => {
    expect(kinds("LR+LR1+XFD1048576+XFE1+A1048577+A0+Init_A1+R1C1")).toEqual([
      "name:LR",
      "op:+",
      "ref:LR1",
      "op:+",
      "ref:XFD1048576",
      "op:+",
      "name:XFE1",
      "op:+",
      "name:A1048577",
      "op:+",
      "name:A0",
      "op:+",
      "name:Init_A1",
      "op:+",
      "name:R1C1",
    ]);
    // LR = 12·26 + 18 = 330th column, index 329
    expect(tokenizeFormula("LR1")[0]).toMatchObject({ start: { col: 329, row: 0 } });
  });

  it("reads lowercase references, booleans, errors and sheet-qualified names", () => {
    expect(tokenizeFormula("c3")[0]).toMatchObject({ kind: "ref", start: { col: 2, row: 2 } });
    expect(kinds("=IF(TRUE,#N/A,'Run 1'!LearningRate)")).toEqual([
      "op:=",
      "function:IF",
      "op:(",
      "bool:TRUE",
      "op:,",
      "error:#N/A",
      "op:,",
      "name:'Run 1'!LearningRate",
      "op:)",
    ]);
  });

  it("gives back any text it is handed when the tokens are joined", () => {
    for (const text of [
      "=A1+",
      "'unclosed",
      '"open',
      "=[1]Sheet1!A1",
      "=A1:B",
      "=€uro*2",
      "=$",
      "",
    ])
      expect(
        tokenizeFormula(text)
          .map((t) => t.text)
          .join(""),
        text
      ).toBe(text);
  });
});

describe("refText", () => {
  it("writes a reference in capitals with its sheet quoted as Excel needs", () => {
    expect(
      refText({
        sheet: { name: "Bob's run" },
        start: { col: 0, row: 0, absCol: true, absRow: true },
        end: { col: 1, row: 1, absCol: false, absRow: false },
      })
    ).toBe("'Bob''s run'!$A$1:B2");
    expect(
      refText({
        start: { col: 0, absCol: false, absRow: false },
        end: { col: 0, absCol: false, absRow: false },
      })
    ).toBe("A:A");
  });
});

describe("shiftRows (fill-down)", () => {
  it("moves relative rows only, and not inside strings, names or function names", () => {
    expect(shiftRows('=C5-LearningRate*L5+$C$2+C$2&"A1"+LOG10(D5)', 2)).toBe(
      '=C7-LearningRate*L7+$C$2+C$2&"A1"+LOG10(D7)'
    );
  });

  it("moves each corner of a range by its own anchor, and rows but not columns", () => {
    expect(shiftRows("=SUM($B$5:B9)+SUM(B5:B$9)+SUM(A:A)+SUM(3:$4)", 1)).toBe(
      "=SUM($B$5:B10)+SUM(B6:B$9)+SUM(A:A)+SUM(4:$4)"
    );
  });

  it("keeps the sheet prefix as written and writes lowercase references in capitals", () => {
    expect(shiftRows("='Bob''s run'!b5+Data!C5", -1)).toBe("='Bob''s run'!B4+Data!C4");
  });

  it("does not touch names that look like cells beyond the sheet, nor LR beside LR1", () => {
    expect(shiftRows("=XFE1+LR*LR1+Init_A1", 1)).toBe("=XFE1+LR*LR2+Init_A1");
  });

  it("refuses a shift that leaves the sheet", () => {
    expect(() => shiftRows("=C1", -1)).toThrow(RangeError);
    expect(() => shiftRows("=C1048576", 1)).toThrow(RangeError);
    expect(shiftRows("=$C$1", -1)).toBe("=$C$1");
  });
});

describe("renameSheetRefs", () => {
  it("rewrites quoted and bare prefixes, quoting the new name only where Excel needs it", () => {
    const m = renamed([
      ["Bob's run", "Run 2"],
      ["Data", "Data (2)"],
      ["Run_1", "Run1b"],
    ]);
    expect(renameSheetRefs("='Bob''s run'!A1+Data!$B$2:C3+Run_1!A:A+Run_1!1:1", m)).toBe(
      "='Run 2'!A1+'Data (2)'!$B$2:C3+Run1b!A:A+Run1b!1:1"
    );
  });

  it("renames sheet-qualified names too, and gives an apostrophe in the new name doubled", () => {
    expect(renameSheetRefs("='Run 1'!LearningRate*2", renamed([["Run 1", "Bob's run"]]))).toBe(
      "='Bob''s run'!LearningRate*2"
    );
  });

  it("quotes a new name that looks like a cell, and reads an old one that looks like a function", () => {
    expect(renameSheetRefs("=SUM!A1+SUM(B1)", renamed([["SUM", "A1"]]))).toBe("='A1'!A1+SUM(B1)");
  });

  it("leaves strings, names that end in a sheet's name and other workbooks alone", () => {
    const m = renamed([["Data", "New"]]);
    expect(renameSheetRefs(`=IF(A1="Data!A1",MyData!A1,Data!A1)&"'Data'!B2"`, m)).toBe(
      `=IF(A1="Data!A1",MyData!A1,New!A1)&"'Data'!B2"`
    );
    expect(renameSheetRefs("=[1]Data!A1", m)).toBe("=[1]Data!A1");
  });

  it("matches case-insensitively, as Excel does, and renames in one pass", () => {
    const swap = renamed([
      ["A", "B"],
      ["b", "C"],
    ]);
    expect(renameSheetRefs("=a!A1+B!A1", swap)).toBe("=B!A1+C!A1");
  });
});
