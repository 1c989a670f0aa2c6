/**
 * Which formula cells of a sheet Excel's check compares with the core (the plans' cached results):
 * every formula cell of its blocks (the final weights, each epoch's √SSE, the summaries, a Compare
 * sheet's per-epoch columns, a landscape's grid; every k-th row when a block is long) and the last
 * row of every formula column of every table. An experiment sheet stores a thinned sample with its
 * record (the add-in's and `gradsheet export`'s alike), so Check this sheet needs no recomputing.
 */
import { operandScale } from "./agreement";
import type { CachedValue, SheetPlan } from "./plan";

/** One cell to check: where it is and the core's value. */
export interface CheckCell {
  row: number;
  col: number;
  core: CachedValue;
  /** The scale of its operands when the value is made by cancellation (see `agreesWithin`). */
  scale?: number;
}

/** A stored check sample: [row, col, the core's value] (0-based). */
export type StoredCheck = [number, number, CachedValue][];

/** At most this many sampled rows per block (a long per-epoch block is sampled every k-th row, its last row always). */
const MAX_BLOCK_ROWS = 500;

/** The formula cells of `plan` to check, block by block then each table's last row (`maxRows` sampled rows per block). */
export function sampleCells(plan: SheetPlan, maxRows = MAX_BLOCK_ROWS): CheckCell[] {
  const cells: CheckCell[] = [];
  for (const b of plan.blocks) {
    const rows = b.cells.length;
    const step = Math.max(1, Math.ceil(rows / maxRows));
    b.cells.forEach((row, i) => {
      if (i % step && i !== rows - 1) return;
      row.forEach(
        (c, j) =>
          c?.formula !== undefined &&
          c.cached !== undefined &&
          c.cached !== null &&
          cells.push({ row: b.row + i, col: b.col + j, core: c.cached })
      );
    });
  }
  const h = Number((plan.meta.settings as { h?: unknown } | undefined)?.h);
  for (const t of plan.tables) {
    if (!t.rows) continue;
    const last = (key: string) => t.columns.find((c) => c.key === key)?.cached?.[t.rows - 1];
    t.columns.forEach((c, j) => {
      if (!c.formula || c.cached?.[t.rows - 1] == null) return;
      const scale = operandScale(c.key, last, h);
      cells.push({
        row: t.row + t.rows,
        col: t.col + j,
        core: c.cached[t.rows - 1],
        ...(scale ? { scale } : {}),
      });
    });
  }
  return cells;
}

/** Sampled rows per block in the sample stored with an experiment sheet's record (a few KB in the index). */
const STORED_BLOCK_ROWS = 16;

/** The sample stored with an experiment sheet's record: [row, col, core value], every block thinned to 16 rows. */
export const storedSample = (plan: SheetPlan): StoredCheck =>
  sampleCells(plan, STORED_BLOCK_ROWS).map((c) => [c.row, c.col, c.core]);

/** A stored sample as cells to check. */
export const storedCells = (stored: StoredCheck): CheckCell[] =>
  stored.map(([row, col, core]) => ({ row, col, core }));
