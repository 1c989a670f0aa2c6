import { DetailedCellError, HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import type ExcelJS from "exceljs";
import { writeWorkbook } from "../../../src/xlsx";
import { LR_CELL, sgdWorkbook } from "../../helpers/sgd-plan";
import { reopen } from "../../helpers/xlsx-file";

type Raw = number | string | boolean | null;

/** The file's first sheet as HyperFormula input (formulas as "=..."), and each formula cell's cached result. */
function sheetOf(ws: ExcelJS.Worksheet): { rows: Raw[][]; cached: Map<string, unknown> } {
  const rows: Raw[][] = [];
  const cached = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      let v: Raw = null;
      if (cell.formula) {
        v = `=${cell.formula}`;
        cached.set(cell.address, cell.result ?? "");
      } else if (typeof cell.value === "string")
        v = cell.value.startsWith("=") ? `'${cell.value}` : cell.value;
      else if (typeof cell.value === "number" || typeof cell.value === "boolean") v = cell.value;
      rows[r - 1][c - 1] = v;
    });
  });
  return { rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)), cached };
}

/** Evaluate the file's formulas in HyperFormula (a spreadsheet engine we did not write). */
async function evaluate(bytes: Uint8Array) {
  const wb = await reopen(bytes);
  const ws = wb.getWorksheet("Run")!;
  const { rows, cached } = sheetOf(ws);
  const names = wb.definedNames.model.map((n) => ({ name: n.name, expression: `=${n.ranges[0]}` }));
  const hf = HyperFormula.buildFromSheets(
    { Run: rows },
    { licenseKey: "gpl-v3", smartRounding: false },
    names
  );
  const value = (address: string) => {
    const cell = ws.getCell(address);
    const v = hf.getCellValue({ sheet: 0, row: Number(cell.row) - 1, col: Number(cell.col) - 1 });
    return v instanceof DetailedCellError ? { error: v.value } : v;
  };
  return { hf, cached, value };
}

describe("writeWorkbook: formulas evaluated by HyperFormula", () => {
  it("compute every formula cell's cached value, bit for bit", async () => {
    const { cached, value } = await evaluate(writeWorkbook(sgdWorkbook({ steps: 120 })));
    expect(cached.size).toBe(8 * 120 + 4);
    for (const [address, v] of cached) expect(value(address), address).toEqual(v);
  });

  it("recompute the whole table when LearningRate changes, as a fresh export at that rate", async () => {
    const { hf, value } = await evaluate(writeWorkbook(sgdWorkbook({ steps: 60 })));
    hf.setCellContents({ sheet: 0, row: LR_CELL.row, col: LR_CELL.col }, 3e-4);
    const { cached } = await evaluate(writeWorkbook(sgdWorkbook({ steps: 60, lr: 3e-4 })));
    for (const [address, v] of cached) expect(value(address), address).toEqual(v);
  });
});
