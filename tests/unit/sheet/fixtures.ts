/** Small helpers shared by the sheet tests: a run's plan, and a step-table column by key. */
import { resolveConfig, train, type RunOptions, type RunResult } from "../../../src/core";
import {
  buildRunSheet,
  formulaAt,
  type Column,
  type SheetPlan,
  type Table,
} from "../../../src/sheet";

export interface PlannedRun {
  result: RunResult;
  plan: SheetPlan;
}

/** graddesc's 29 x values, y = 2x + 30, weights 1; two epochs unless told otherwise. */
export function plannedRun(o: RunOptions = {}, name = "Run 1"): PlannedRun {
  const result = train(resolveConfig({ epochs: 2, ...o }), { rows: true });
  return { result, plan: buildRunSheet(result, { name }) };
}

export function stepTable(plan: SheetPlan): Table {
  const t = plan.tables.find((x) => x.id === "steps");
  if (!t) throw new Error("no step table");
  return t;
}

export function column(plan: SheetPlan, key: string, table = stepTable(plan)): Column {
  const c = table.columns.find((x) => x.key === key);
  if (!c) throw new Error(`no column ${key}`);
  return c;
}

/** Formula of data row r (0-based) of a step-table column. */
export function formulaOf(plan: SheetPlan, key: string, r: number): string {
  const f = column(plan, key).formula;
  if (!f) throw new Error(`column ${key} has no formula`);
  return formulaAt(f, r);
}

/** Every formula text of a plan: blocks' and every row of every table. */
export function allFormulas(plan: SheetPlan): string[] {
  const out: string[] = [];
  for (const b of plan.blocks)
    for (const line of b.cells) for (const c of line) if (c?.formula) out.push(c.formula);
  for (const t of plan.tables)
    for (const c of t.columns)
      if (c.formula) for (let r = 0; r < t.rows; r++) out.push(formulaAt(c.formula, r));
  return out;
}
