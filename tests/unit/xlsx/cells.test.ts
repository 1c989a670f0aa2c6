import { describe, expect, it } from "vitest";
import { formulaAt } from "../../../src/sheet/address";
import { formulaCell, SharedStrings, valueCell } from "../../../src/xlsx/cells";
import { writeWorkbook } from "../../../src/xlsx";
import { sgdPlan, sgdWorkbook, TABLE_ROW } from "../../helpers/sgd-plan";
import { cellsOf, parts, reopen } from "../../helpers/xlsx-file";

describe("valueCell", () => {
  it("writes text through the shared-strings table, so '=1+1' stays text", () => {
    const sst = new SharedStrings();
    expect(valueCell("A1", undefined, "=1+1", sst)).toBe('<c r="A1" t="s"><v>0</v></c>');
    expect(sst.xml()).toContain('<si><t xml:space="preserve">=1+1</t></si>');
  });

  it("writes numbers in their shortest round-trip form, -0 as 0 and non-finite numbers as #NUM!", () => {
    const sst = new SharedStrings();
    expect(valueCell("B2", 3, 0.1 + 0.2, sst)).toBe(
      '<c r="B2" s="3"><v>0.30000000000000004</v></c>'
    );
    expect(valueCell("B2", undefined, -0, sst)).toBe('<c r="B2"><v>0</v></c>');
    expect(valueCell("B2", undefined, 5e-324, sst)).toBe('<c r="B2"><v>5e-324</v></c>');
    expect(valueCell("B2", undefined, Infinity, sst)).toBe('<c r="B2" t="e"><v>#NUM!</v></c>');
  });

  it('writes booleans as t="b"', () => {
    expect(valueCell("C1", undefined, false, new SharedStrings())).toBe(
      '<c r="C1" t="b"><v>0</v></c>'
    );
  });

  it("stores each distinct text once and counts every use", () => {
    const sst = new SharedStrings();
    ["x", "y", "x"].forEach((t) => sst.index(t));
    expect(sst.xml()).toContain('count="3" uniqueCount="2"');
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    const sst = new SharedStrings();
    sst.index('a<b & "c"\u0001');
    expect(sst.xml()).toContain('<t xml:space="preserve">a&lt;b &amp; &quot;c&quot;</t>');
  });
});

describe("formulaCell", () => {
  it("writes the formula without '=' and the cached value in <v>", () => {
    expect(formulaCell("E5", 3, { kind: "plain", formula: "=(B5-E5)^2" }, 4)).toBe(
      '<c r="E5" s="3"><f>(B5-E5)^2</f><v>4</v></c>'
    );
  });

  it("writes error, text, boolean, empty and overflowed results with their types", () => {
    const f = { kind: "plain", formula: "=X1" } as const;
    expect(formulaCell("A1", undefined, f, { error: "#DIV/0!" })).toBe(
      '<c r="A1" t="e"><f>X1</f><v>#DIV/0!</v></c>'
    );
    expect(formulaCell("A1", undefined, f, "ok")).toBe('<c r="A1" t="str"><f>X1</f><v>ok</v></c>');
    expect(formulaCell("A1", undefined, f, true)).toBe('<c r="A1" t="b"><f>X1</f><v>1</v></c>');
    expect(formulaCell("A1", undefined, f, null)).toBe('<c r="A1" t="str"><f>X1</f><v></v></c>');
    expect(formulaCell("A1", undefined, f, NaN)).toBe('<c r="A1" t="e"><f>X1</f><v>#NUM!</v></c>');
  });

  it("writes a shared group's master with its range and the members with the group id only", () => {
    expect(
      formulaCell("F6", undefined, { kind: "master", formula: "=D6*B6", ref: "F6:F9", si: 2 }, 1)
    ).toBe('<c r="F6"><f t="shared" ref="F6:F9" si="2">D6*B6</f><v>1</v></c>');
    expect(formulaCell("F7", undefined, { kind: "member", si: 2 }, 1)).toBe(
      '<c r="F7"><f t="shared" si="2"/><v>1</v></c>'
    );
  });

  it("refuses a formula cell without a cached value, and a formula without '='", () => {
    expect(() => formulaCell("A1", undefined, { kind: "plain", formula: "=1" }, undefined)).toThrow(
      /A1 has no cached value/
    );
    expect(() => formulaCell("A1", undefined, { kind: "plain", formula: "1+1" }, 2)).toThrow(
      /does not start with "="/
    );
  });
});

describe("writeWorkbook: cells", () => {
  const bytes = writeWorkbook(sgdWorkbook({ steps: 40 }));
  const sheet = parts(bytes)["xl/worksheets/sheet1.xml"];

  it("gives every formula cell a cached value", () => {
    const formulaCells = [...cellsOf(sheet).values()].filter((c) => c.includes("<f"));
    expect(formulaCells.length).toBe(8 * 40 + 4);
    expect(formulaCells.filter((c) => !/<v>[^<]*<\/v>/.test(c))).toEqual([]);
  });

  it("writes a step table's formula column as one shared group after its distinct first row", () => {
    const cells = cellsOf(sheet);
    const first = TABLE_ROW + 2;
    expect(cells.get(`D${first}`)).toMatch(/<f>\$C\$4<\/f>/);
    expect(cells.get(`D${first + 1}`)).toMatch(
      new RegExp(`<f t="shared" ref="D${first + 1}:D${first + 39}" si="\\d+">J${first}</f>`)
    );
    expect(cells.get(`F${first}`)).toMatch(
      new RegExp(`<f t="shared" ref="F${first}:F${first + 39}" si="\\d+">`)
    );
    expect(sheet.match(/<f t="shared" si="\d+"\/>/g)?.length).toBe(8 * 40 - 2 * 2 - 6);
  });

  it("expands, when reopened by exceljs, to exactly the per-row formulas of the plan", async () => {
    const plan = sgdPlan({ steps: 40 });
    const ws = (await reopen(bytes)).getWorksheet("Run")!;
    for (const [j, col] of plan.tables[0].columns.entries()) {
      if (!col.formula) continue;
      for (let i = 0; i < 40; i++) {
        const cell = ws.getCell(TABLE_ROW + 2 + i, j + 1);
        expect(`=${cell.formula}`, `${col.key} row ${i}`).toBe(formulaAt(col.formula, i));
        expect(cell.result).toBe(col.cached![i]);
      }
    }
  });

  it("keeps text that looks like a formula as text when reopened", async () => {
    const cell = (await reopen(bytes)).getWorksheet("Run")!.getCell("F4");
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe("=1+1");
  });

  it("writes literal values, headers and styles of the table", () => {
    const cells = cellsOf(sheet);
    expect(cells.get(`B${TABLE_ROW + 2}`)).toMatch(/^<c r="B10" s="\d+"><v>14<\/v><\/c>$/);
    expect(cells.get(`A${TABLE_ROW + 1}`)).toMatch(/t="s"/);
  });

  it("writes a one-row table's formula columns as plain formulas", () => {
    const xml = parts(writeWorkbook(sgdWorkbook({ steps: 1 })))["xl/worksheets/sheet1.xml"];
    expect(xml).not.toContain('t="shared"');
    expect(xml).toContain(`<f>D${TABLE_ROW + 2}*B${TABLE_ROW + 2}+E${TABLE_ROW + 2}</f>`);
  });

  it("writes rows in order with cells in column order", () => {
    const refs = [...sheet.matchAll(/<c r="([A-Z]+)(\d+)"/g)].map((m) => [
      Number(m[2]),
      m[1].length * 100 + m[1].charCodeAt(0),
    ]);
    const sorted = [...refs].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    expect(refs).toEqual(sorted);
  });
});
