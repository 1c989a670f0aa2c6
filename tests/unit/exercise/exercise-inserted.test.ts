/**
 * Check after the learner inserted rows. Whole rows inserted above the step table (in the chart
 * band) and inside it (between steps 3 and 4) move the cells and the formulas' references with
 * them, in the fake as in Excel; HyperFormula calculates the moved workbook. The pane's check
 * (reading what Excel calculated) and `gradsheet check` (reading the workbook saved with those
 * values) find the table where it now is: the learner's right formulas are all right, and a slip
 * is named at the cell it now sits in. A step row that is gone is said plainly, nothing graded.
 */
import { describe, expect, it } from "vitest";
import { fiveStepRun } from "../../helpers/five-step-run";
import { createWorkbook } from "../../../src/excel/gateway";
import {
  checkWorkbookBytes,
  CheckInputError,
  exerciseWorkbookPlan,
  gradedArea,
  gradeSheetValues,
  runWorkbookPlan,
} from "../../../src/run";
import { formulaAt, shiftRows } from "../../../src/sheet/address";
import { stepsTable } from "../../../src/sheet/exercise";
import type { Block, CachedValue, SheetPlan } from "../../../src/sheet/plan";
import { writeWorkbook } from "../../../src/xlsx";
import { cellKey, createFakeExcel } from "../../../fake-excel";
import { workbookEngine } from "../../../fake-excel/engine";
import { hostOf, sheetNamed } from "../excel/helpers";

const result = fiveStepRun();
const book = exerciseWorkbookPlan(result, { name: "Run 1", blank: ["prediction", "error"] });
const plan = book.sheets[0];
const full = stepsTable(runWorkbookPlan(result, { name: "Run 1" }).sheets[0]);
const keys = (plan.meta.exercise as { columns: string[] }).columns;
const colOf = (key: string) => full.col + full.columns.findIndex((c) => c.key === key);

/** The exercise handed in (ŷ of step 3 slipped by 1% when `slip`), then `rows` (1-based "6:7") inserted in order. */
async function insertedInto(rows: string[], slip = false) {
  const fake = createFakeExcel({ calculate: (s, r, c) => engine.calculate(s, r, c) });
  const engine = workbookEngine(fake.state);
  const { host } = hostOf(fake);
  const gateway = createWorkbook(host);
  await gateway.write(plan, { record: { options: plan.meta } });
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Run 1");
    for (const key of keys) {
      const j = full.columns.findIndex((c) => c.key === key);
      ws.getRangeByIndexes(full.row + 1, full.col + j, full.rows, 1).formulas = Array.from(
        { length: full.rows },
        (_, i) => {
          const f = formulaAt(full.columns[j].formula!, i);
          return [slip && key === "pred" && i === 2 ? `=(${f.slice(1)})*1.01` : f];
        }
      );
    }
    await ctx.sync();
    for (const r of rows) {
      const [a, b] = r.split(":");
      ws.getRange(`A${a}:A${b}`)
        .getEntireRow()
        .insert("Down" as Excel.InsertShiftDirection.down);
    }
    await ctx.sync();
  });
  engine.changed();
  return { fake, gateway, engine };
}

/** The pane's check: what Excel calculated, graded; the verdicts' cells as the marks would get them. */
async function paneCheck(h: Awaited<ReturnType<typeof insertedInto>>) {
  const area = gradedArea(plan.meta);
  const values = await h.gateway.exercise!.values("Run 1", area.rows, area.cols);
  const marked: string[] = [];
  const g = gradeSheetValues("Run 1", plan.meta, values, (row, col, v) => {
    if (v === "wrong") marked.push(`${row},${col}`);
  });
  return { g, marked };
}

/** The workbook as Excel saves it: every cell with its formula and calculated value, and GradSheet's record. */
function saved(h: Awaited<ReturnType<typeof insertedInto>>): Uint8Array {
  const sheet = sheetNamed(h.fake, "Run 1");
  let rows = 0,
    cols = 0;
  for (const k of sheet.cells.keys()) {
    rows = Math.max(rows, Math.floor(k / 16384) + 1);
    cols = Math.max(cols, (k % 16384) + 1);
  }
  const cells: Block["cells"] = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const cell = sheet.cells.get(cellKey(r, c));
      if (!cell || (cell.formula === undefined && cell.value === undefined)) return null;
      if (cell.formula === undefined) return { value: cell.value as string | number };
      const v = h.engine.calculate("Run 1", r, c);
      const cached: CachedValue =
        typeof v === "string" && v.startsWith("#") ? { error: v as "#NUM!" } : (v as CachedValue);
      return { formula: cell.formula, cached };
    })
  );
  const moved: SheetPlan = {
    ...plan,
    blocks: [{ row: 0, col: 0, cells }],
    tables: [],
    charts: [],
    conditionalFormats: [],
  };
  return writeWorkbook({ ...book, sheets: [moved] });
}

describe("check after the learner inserted rows", () => {
  // two rows in the chart band (6:7), then one between steps 3 and 4 (now row 27: 22 + 2 + 3)
  const ROWS = ["6:7", "27:27"];

  it("the pane's check finds the table where it is now: all right", async () => {
    const { g } = await paneCheck(await insertedInto(ROWS));
    expect(g).toMatchObject({ kind: "exercise", cells: 15, right: 15, wrong: 0, empty: 0 });
  });

  it("gradsheet check on the saved workbook finds it too", async () => {
    const [g] = checkWorkbookBytes(saved(await insertedInto(ROWS)));
    expect(g).toMatchObject({ kind: "exercise", cells: 15, right: 15, wrong: 0, empty: 0 });
  });

  it("names a slip at the cell it now sits in, on both surfaces, and marks that cell", async () => {
    const h = await insertedInto(ROWS, true);
    // ŷ of step 3: written at row 24, two rows lower now (the insert inside the table is below it)
    const cell = `K${22 + 2 + 2}`;
    const { g, marked } = await paneCheck(h);
    expect(g.firstWrong).toMatchObject({ cell, step: 3, column: "ŷ" });
    expect(g.wrongOnOwnInputs).toBe(1);
    expect(marked[0]).toBe(`${22 + 2 + 2 - 1},${colOf("pred")}`);
    // Show me this formula writes GradSheet's formula for that cell where it is now
    const j = full.columns.findIndex((c) => c.key === "pred");
    expect(g.firstWrong!.formula).toBe(shiftRows(formulaAt(full.columns[j].formula!, 2), 2));
    const [f] = checkWorkbookBytes(saved(h));
    expect(f.firstWrong).toMatchObject({ cell, step: 3, column: "ŷ" });
    // the explanation's numbers link to the moved cells: x of step 3 is D26 now
    expect(f.firstWrong!.explanationParts!.some((p) => p.cell?.a1 === "D26")).toBe(true);
    await h.gateway.exercise!.writeFormula("Run 1", 25, colOf("pred"), g.firstWrong!.formula!);
    h.engine.changed();
    expect((await paneCheck(h)).g).toMatchObject({ right: 15, wrong: 0 });
  });

  it("says plainly when a step row is gone, and grades nothing", async () => {
    const h = await insertedInto([]);
    await h.gateway.exercise!.writeFormula("Run 1", 24, 0, "=99"); // step 4's number overwritten
    h.engine.changed();
    const area = gradedArea(plan.meta);
    const values = await h.gateway.exercise!.values("Run 1", area.rows, area.cols);
    expect(() => gradeSheetValues("Run 1", plan.meta, values)).toThrow(
      /step 4 is no longer in the step table \(from row 25\)/
    );
    expect(() => checkWorkbookBytes(saved(h))).toThrow(CheckInputError);
  });
});
