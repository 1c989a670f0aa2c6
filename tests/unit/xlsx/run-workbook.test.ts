import { describe, expect, it } from "vitest";
import { PRESETS, resolveConfig, train } from "../../../src/core";
import { a1, abs, quoteSheet } from "../../../src/sheet/address";
import { buildWorkbookPlan } from "../../../src/sheet/workbook";
import { runWorkbook } from "../../../src/xlsx";
import { formulaCells } from "../../helpers/formula-cells";
import { reopen } from "../../helpers/xlsx-file";

describe.each(PRESETS.map((p) => [p.id, p.options] as const))(
  "runWorkbook(%s), reopened by exceljs",
  (_id, options) => {
    const result = train(resolveConfig(options), { rows: true });
    const plan = buildWorkbookPlan([{ result }]).sheets[0];
    const bytes = runWorkbook(result);

    it("gives back every formula of the sheet plan, with the core's value as its result", async () => {
      const ws = (await reopen(bytes)).getWorksheet(plan.name)!;
      const cells = formulaCells(plan);
      expect(cells.length).toBeGreaterThan(500);
      for (const f of cells) {
        const cell = ws.getCell(a1(f.row, f.col));
        expect(`=${cell.formula}`, a1(f.row, f.col)).toBe(f.formula);
        const cached = f.cached === null ? undefined : f.cached;
        expect(cell.result, a1(f.row, f.col)).toEqual(cached);
      }
    });

    it("gives back every defined name of the plan, workbook-wide", async () => {
      const wb = await reopen(bytes);
      const want = plan.names.map((n) => ({
        name: n.name,
        ranges: [`${quoteSheet(plan.name)}!${abs(n.row, n.col)}`],
      }));
      expect(wb.definedNames.model).toEqual(want);
    });
  }
);
