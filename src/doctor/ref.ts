/**
 * Chart data references: "'basic SGD'!$C$38:$C$62" ⇄ a plain rectangle, and reading a
 * rectangle's values out of a {@link SheetContext}. Only single-area, sheet-qualified A1 ranges are
 * understood; anything else (names, unions, external books) parses to `null`.
 */
import { addressA1, colIndex, parseRangeA1, quoteSheet, rangeA1 } from "../sheet/address";
import type { RangeRef } from "../sheet/plan";
import type { CellValue, SheetContext } from "./model";

export { quoteSheet };

/** A sheet-qualified A1 range whatever its corners: the sheet part, then one or two corners. */
const ANY_CORNERS = /^(.*!)\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * "Sheet1!$A$2:$A$22" → { sheet: "Sheet1", row: 1, col: 0, rows: 21, cols: 1 }; null if not a plain
 * range. A range whose corners lie past XFD or row 1,048,576 (a formula would read it as a name)
 * still parses here, so the reader refuses it by its text instead of reading it as nothing.
 */
export function parseRef(text: string): RangeRef | null {
  const r = parseRangeA1(text);
  if (r) return r;
  const m = ANY_CORNERS.exec(text.trim());
  const sheet = m && parseRangeA1(`${m[1]}A1`)?.sheet;
  if (!m || !sheet) return null;
  const [c1, r1] = [colIndex(m[2]), Number(m[3]) - 1];
  const [c2, r2] = m[4] ? [colIndex(m[4]), Number(m[5]) - 1] : [c1, r1];
  if (r1 < 0 || r2 < 0) return null;
  return {
    sheet,
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

/** The absolute A1 text of a rectangle, as charts store it: "'Run 1'!$B$5:$B$25". */
export function formatRef(r: RangeRef): string {
  return rangeA1(r);
}

/** One cell of a sheet as a finding names it: "'Run 1'!B5" (no $). */
export function cellAddress(sheet: string, row: number, col: number): string {
  return addressA1({ sheet, row, col, rows: 1, cols: 1 });
}

/** Number of cells in the rectangle. */
export function refSize(r: RangeRef): number {
  return r.rows * r.cols;
}

/** The cells of a rectangle, row by row (a column range reads top to bottom, a row range left to right). */
export function refCells(r: RangeRef): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rows; i++)
    for (let j = 0; j < r.cols; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

/** The most cells a range is read cell by cell; a larger one is read as the cells that exist. */
export const MAX_RANGE_CELLS = 1_048_576;

/** The value at (row, col) of a sheet context; undefined when the cell is outside its window. */
export function cellAt(ctx: SheetContext, row: number, col: number): CellValue | undefined {
  const i = row - ctx.top;
  const j = col - ctx.left;
  if (i < 0 || j < 0) return undefined;
  if (i >= ctx.values.length) return ctx.complete ? null : undefined;
  const line = ctx.values[i];
  return line ? (line[j] ?? null) : null;
}

/** The widest row of a window, in cells. */
export function windowWidth(ctx: SheetContext): number {
  let w = 0;
  for (const line of ctx.values) if (line && line.length > w) w = line.length;
  return w;
}

/** The cell at position k of a rectangle read row by row. */
export function refCell(r: RangeRef, k: number): { row: number; col: number } {
  return { row: r.row + Math.floor(k / r.cols), col: r.col + (k % r.cols) };
}

/** The sheet a name refers to (Excel compares sheet names case-insensitively). */
export function findSheet(sheets: SheetContext[], name: string): SheetContext | undefined {
  const lower = name.toLowerCase();
  return sheets.find((s) => s.name.toLowerCase() === lower);
}

/** The values of a rectangle read from the sheets, or undefined if its sheet or rows are not known. */
export function readRef(sheets: SheetContext[], range: RangeRef): CellValue[] | undefined {
  const ctx = findSheet(sheets, range.sheet);
  if (!ctx) return undefined;
  let r = range;
  if (refSize(r) > MAX_RANGE_CELLS && ctx.complete) {
    // Far larger than any data (a whole sheet): only the rows and columns that hold cells.
    const rows = Math.max(0, Math.min(r.rows, ctx.top + ctx.values.length - r.row));
    const cols = Math.max(0, Math.min(r.cols, ctx.left + windowWidth(ctx) - r.col));
    r = { ...r, rows: cols ? rows : 0, cols: rows ? cols : 0 };
  }
  if (refSize(r) > MAX_RANGE_CELLS) return undefined;
  const out: CellValue[] = [];
  for (let i = 0; i < r.rows; i++)
    for (let j = 0; j < r.cols; j++) {
      const v = cellAt(ctx, r.row + i, r.col + j);
      if (v === undefined) return undefined;
      out.push(v);
    }
  return out;
}
