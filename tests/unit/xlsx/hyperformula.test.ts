import { DetailedCellError } from "hyperformula";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/xlsx";
import { LR_CELL, sgdWorkbook } from "../../helpers/sgd-plan";
import { reopen } from "../../helpers/xlsx-file";
import { buildEngine, worksheetGrid } from "../../helpers/hyperformula";

/** Evaluate the file's formulas in HyperFormula (a spreadsheet engine we did not write). */
async function evaluate(bytes: Uint8Array) {
  const wb = await reopen(bytes);
  const ws = wb.getWorksheet("Run")!;
  const { rows, cached } = worksheetGrid(ws);
  const names = wb.definedNames.model.map((n) => ({ name: n.name, expression: `=${n.ranges[0]}` }));
  const hf = buildEngine({ Run: rows }, names);
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
