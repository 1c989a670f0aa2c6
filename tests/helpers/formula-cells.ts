/** Every formula cell of a SheetPlan, expanded from step-table templates, with its cached value. */
import { formulaAt } from "../../src/sheet/address";
import type { CachedValue, SheetPlan } from "../../src/sheet/plan";

/** A formula cell of the plan: where it is, its formula and the cached value the plan gives it. */
export interface FormulaCell {
  row: number;
  col: number;
  formula: string;
  /** The core's value for the cell; null when the plan gives none. */
  cached: CachedValue;
  /** Where it came from: "table steps, column newA, row 12" or "block". */
  origin: string;
}

/** All formula cells of `plan`: blocks first, then step tables row by row. */
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
            origin: "block",
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
          origin: `table ${t.id ?? "?"}, column ${c.key}, row ${i + 1}`,
        });
    });
  return out;
}
