/**
 * Shared formulas as every reader of our files meets them. HyperFormula evaluates the formulas
 * exceljs expands from each group (hyperformula.test.ts, cells.test.ts), LibreOffice recalculates
 * the groups (tests/e2e/libreoffice*.test.ts); here the doctor's own reader, which reads charts'
 * data from cached values, gets the core's value from every shared-formula member a chart plots.
 */
import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../../src/core";
import { parseRef } from "../../../src/doctor";
import { buildWorkbookPlan } from "../../../src/sheet/workbook";
import { writeWorkbook } from "../../../src/xlsx";
import { diagnoseFile } from "../../../src/xlsx/doctor";
import { cellsOf, parts } from "../../helpers/xlsx-file";
import { a1 } from "../../../src/sheet/address";

describe("the doctor's reader on shared formulas", () => {
  const result = train(resolveConfig(presetById("two-relu")!.options), { rows: true });
  const book = buildWorkbookPlan([{ result, name: "Run 1" }]);
  const bytes = writeWorkbook(book);
  const cells = cellsOf(parts(bytes)["xl/worksheets/sheet1.xml"]);
  const { model } = diagnoseFile(bytes);
  const steps = book.sheets[0].tables.find((t) => t.id === "steps")!;

  it("reads the core's cached value from every shared-formula member a chart plots", () => {
    let members = 0;
    for (const chart of model.charts)
      for (const s of chart.series)
        for (const src of [s.x, s.y]) {
          const ref = src.kind === "ref" ? parseRef(src.ref) : null;
          const j = ref ? ref.col - steps.col : -1;
          const column = steps.columns[j];
          if (!ref || !column?.formula || ref.row <= steps.row) continue;
          const sheet = model.sheets.find((x) => x.name === ref.sheet)!;
          for (let r = ref.row; r < ref.row + ref.rows; r++) {
            const i = r - steps.row - 1;
            const xml = cells.get(a1(r, ref.col))!;
            if (!/<f t="shared" si="\d+"\/>/.test(xml)) continue;
            members++;
            const cached = column.cached![i];
            const got = sheet.values[r - sheet.top]?.[ref.col - sheet.left];
            expect(got, `${a1(r, ref.col)}`).toBe(
              typeof cached === "number" && Number.isFinite(cached) ? cached : null
            );
          }
        }
    expect(members).toBeGreaterThan(steps.rows);
  });
});
