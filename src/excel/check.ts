/**
 * Excel as the oracle: read back a sample of the cells Excel calculated on a GradSheet sheet and
 * compare them with the training core's values (the plan's cached results). The sample: every
 * formula cell of the sheet's blocks (the final weights, each epoch's √SSE and the summaries; every
 * k-th row when a block is long) and the last row of every formula column of every table.
 * Numbers agree when |excel − core| ≤ 1e-9 · max(|excel|, |core|), or both are below 1e-12
 * (the same relative tolerance as the HyperFormula agreement tests).
 */
import { a1 } from "../sheet/address";
import type { CachedValue, SheetPlan } from "../sheet/plan";
import { syncWithin, type ExcelHost } from "./host";
import type { Rect } from "./plan-ops";
import { CELL_BYTES, readRows } from "./reads";

/** Relative tolerance and the absolute floor for numbers near 0. */
export const RELATIVE_TOLERANCE = 1e-9;
const ABSOLUTE_FLOOR = 1e-12;
/** At most this many sampled rows per block (a long per-epoch block is sampled every k-th row, its last row always). */
const MAX_BLOCK_ROWS = 500;

/** One cell to check: where it is and the core's value. */
export interface CheckCell {
  row: number;
  col: number;
  core: CachedValue;
}

/** What the check found, as plain data for the pane. */
export interface CheckResult {
  /** Cells compared. */
  cells: number;
  /** The first cell that differs (A1 address on the sheet), with both values; absent when all agree. */
  differs?: { address: string; excel: unknown; core: CachedValue };
  /** One sentence for the pane. */
  message: string;
}

/** The sample to read: rectangles (each read whole) and the cells checked inside them. */
export function sampleCells(plan: SheetPlan): { rect: Rect; cells: CheckCell[] }[] {
  const out: { rect: Rect; cells: CheckCell[] }[] = [];
  for (const b of plan.blocks) {
    const rows = b.cells.length,
      cols = Math.max(0, ...b.cells.map((r) => r.length));
    const step = Math.max(1, Math.ceil(rows / MAX_BLOCK_ROWS));
    const cells: CheckCell[] = [];
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
    if (cells.length) out.push({ rect: { row: b.row, col: b.col, rows, cols }, cells });
  }
  for (const t of plan.tables) {
    if (!t.rows) continue;
    const last = t.row + t.rows;
    const cells = t.columns.flatMap((c, j) =>
      c.formula && c.cached?.[t.rows - 1] != null
        ? [{ row: last, col: t.col + j, core: c.cached[t.rows - 1] }]
        : []
    );
    if (cells.length)
      out.push({ rect: { row: last, col: t.col, rows: 1, cols: t.columns.length }, cells });
  }
  return out;
}

/** True when Excel's value and the core's agree (numbers within the tolerance, errors and text exactly). */
export function agrees(excel: unknown, core: CachedValue): boolean {
  if (core !== null && typeof core === "object") return excel === core.error;
  if (typeof core === "number" && typeof excel === "number") {
    const d = Math.abs(excel - core);
    return (
      d <= RELATIVE_TOLERANCE * Math.max(Math.abs(excel), Math.abs(core)) ||
      (Math.abs(excel) < ABSOLUTE_FLOOR && Math.abs(core) < ABSOLUTE_FLOOR)
    );
  }
  return excel === core;
}

const show = (v: unknown): string =>
  v !== null && typeof v === "object"
    ? String((v as { error: string }).error)
    : typeof v === "string"
      ? `"${v}"`
      : String(v);

/** Compare the sample with what Excel calculated (`excel(row, col)`), first difference in sample order. */
export function compareSample(
  sheet: string,
  sample: { cells: CheckCell[] }[],
  excel: (row: number, col: number) => unknown
): CheckResult {
  let n = 0;
  for (const c of sample.flatMap((s) => s.cells)) {
    n++;
    const v = excel(c.row, c.col);
    if (v === "" && c.core !== "") {
      // A formula cell reads back blank only before Excel has calculated it: nothing to compare yet.
      const address = a1(c.row, c.col);
      return {
        cells: 0,
        message: `Excel has not calculated ${sheet}!${address} yet, so nothing was compared: use Check this sheet once it has.`,
      };
    }
    if (!agrees(v, c.core)) {
      const address = a1(c.row, c.col);
      return {
        cells: n,
        differs: { address, excel: v, core: c.core },
        message: `${sheet}!${address} differs: Excel calculated ${show(v)}, the training core ${show(c.core)}.`,
      };
    }
  }
  return { cells: n, message: `Excel agrees with the training core on ${n} cells.` };
}

/** Read the sample of `plan` from sheet `sheet` (in blocks under the response limit) and compare it with the core. */
export async function checkSheet(
  host: ExcelHost,
  sheet: string,
  plan: SheetPlan
): Promise<CheckResult> {
  const sample = sampleCells(plan);
  return host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const got = new Map<number, unknown>();
    for (const s of sample) {
      const values = await readRows(ws, s.rect, "values", s.rect.cols * CELL_BYTES, () =>
        syncWithin(context, host.syncTimeoutMs)
      );
      values.forEach((row, i) =>
        row.forEach((v, j) => got.set((s.rect.row + i) * 16384 + s.rect.col + j, v))
      );
    }
    return compareSample(sheet, sample, (r, c) => got.get(r * 16384 + c));
  });
}
