/**
 * Test helper: an exercise as a learner hands it in. The exercise's blank columns get the complete
 * run's formulas back, and every step-table formula cell carries the value an engine we did not
 * write (HyperFormula) calculated, as a save would store it. Optionally one cell's formula is
 * multiplied by 1.01, or a column is left empty (the engine then calculates with it empty).
 */
import { formulaAt } from "../../../src/sheet/address";
import { blankColumns, exercisePlan, stepsTable } from "../../../src/sheet/exercise";
import type { CachedValue, SheetPlan, WorkbookPlan } from "../../../src/sheet/plan";
import { runWorkbookPlan } from "../../../src/run";
import type { RunResult } from "../../../src/core";
import { engineValue, evaluatePlan } from "../../helpers/hyperformula";

export interface Fill {
  /** Multiply this cell's formula by 1.01: a column key and a data row (0-based). */
  slip?: { key: string; row: number };
  /** Leave this blank column empty. */
  empty?: string;
}

/** The exercise of `result` with `blank`, filled as `fill` says and calculated by HyperFormula. */
export function filledExercise(
  result: RunResult,
  blank: readonly string[],
  fill: Fill = {}
): { plan: WorkbookPlan; sheet: SheetPlan; keys: string[] } {
  const book = runWorkbookPlan(result, { name: "Run 1" });
  const full = book.sheets[0];
  const steps = stepsTable(full);
  const keys = blankColumns(result.config, steps, blank);
  const hf = evaluatePlan(full);
  const at = (key: string) => steps.col + steps.columns.findIndex((c) => c.key === key);
  if (fill.slip) {
    const c = steps.columns.find((x) => x.key === fill.slip!.key)!;
    const f = formulaAt(c.formula!, fill.slip.row).replace(/^=/, "");
    hf.setCellContents(
      { sheet: 0, row: steps.row + 1 + fill.slip.row, col: at(fill.slip.key) },
      `=(${f})*1.01`
    );
  }
  if (fill.empty)
    for (let r = 0; r < steps.rows; r++)
      hf.setCellContents({ sheet: 0, row: steps.row + 1 + r, col: at(fill.empty) }, null);
  const values = (key: string): CachedValue[] =>
    Array.from({ length: steps.rows }, (_, r) => engineValue(hf, 0, steps.row + 1 + r, at(key)));
  const exercise = exercisePlan(full, keys);
  const exSteps = stepsTable(exercise);
  const columns = exSteps.columns.map((c, j) => {
    const original = steps.columns[j];
    if (!original.formula || c.key === fill.empty) return c;
    return { ...c, formula: original.formula, cached: values(c.key) };
  });
  const sheet: SheetPlan = {
    ...exercise,
    tables: exercise.tables.map((t) => (t === exSteps ? { ...exSteps, columns } : t)),
  };
  hf.destroy();
  return { plan: { ...book, sheets: [sheet] }, sheet, keys };
}
