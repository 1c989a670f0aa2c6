/**
 * Reads under Excel on the web's 5 MB response limit: a rectangle's values or formulas loaded in
 * row blocks, one sync per block, each block's estimated JSON at most READ_BUDGET bytes.
 */
import type { Rect } from "./plan-ops";

/** Estimated response bytes per sync (5 MB is the limit; estimates of unknown cells are rough). */
export const READ_BUDGET = 2 * 1024 * 1024;

/** Bytes a cell's value is assumed to take when nothing better is known (a 17-digit number plus JSON punctuation). */
export const CELL_BYTES = 32;

/**
 * `prop` of `rect` on `sheet`, read in blocks of rows so each response stays under `budget`;
 * `rowBytes` is the estimated JSON size of one row (the widest row when rows differ).
 */
export async function readRows(
  sheet: Excel.Worksheet,
  rect: Rect,
  prop: "values" | "formulas",
  rowBytes: number,
  sync: () => Promise<void>,
  budget = READ_BUDGET
): Promise<unknown[][]> {
  const per = Math.max(1, Math.floor(budget / Math.max(1, rowBytes)));
  const out: unknown[][] = [];
  for (let r = 0; r < rect.rows; r += per) {
    const range = sheet
      .getRangeByIndexes(rect.row + r, rect.col, Math.min(per, rect.rows - r), rect.cols)
      .load(prop);
    await sync();
    for (const line of range[prop] as unknown[][]) out.push(line); // no spread: a long read would overflow the stack
  }
  return out;
}
