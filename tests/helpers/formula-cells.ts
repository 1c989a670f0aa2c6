/** Every formula cell of a SheetPlan, expanded from step-table templates, with its cached value. */
import { formulaAt } from "../../src/sheet/address";
import type { CachedValue, SheetPlan } from "../../src/sheet/plan";

export interface FormulaCell {
  row: number;
  col: number;
  formula: string;
  cached: CachedValue;
}

/** All formula cells of `plan` (blocks and step tables), with their cached values. */
export function formulaCells(plan: SheetPlan): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const b of plan.blocks)
    b.cells.forEach((line, i) =>
      line.forEach((c, j) => {
        if (c?.formula !== undefined)
          out.push({
            row: b.row + i,
            col: b.col + j,
            formula: c.formula,
            cached: c.cached ?? null,
          });
      })
    );
  for (const t of plan.tables)
    t.columns.forEach((c, j) => {
      if (!c.formula) return;
      for (let i = 0; i < t.rows; i++)
        out.push({
          row: t.row + 1 + i,
          col: t.col + j,
          formula: formulaAt(c.formula, i),
          cached: c.cached?.[i] ?? null,
        });
    });
  return out;
}
