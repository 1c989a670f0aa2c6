/**
 * Chart data references: "'basic SGD'!$C$38:$C$62" ⇄ a plain rectangle, and reading a
 * rectangle's values out of a {@link SheetContext}. Only single-area, sheet-qualified A1 ranges are
 * understood; anything else (names, unions, external books) parses to `null`.
 */
import { colIndex, colLetter, quoteSheet } from "../sheet/address";

export { quoteSheet };
import type { CellValue, SheetContext } from "./model";

/** A rectangle on a named sheet, 0-based and inclusive of `rows` × `cols` cells. */
export interface RangeAddress {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const REF = /^=?(?:'((?:[^']|'')+)'|([^'!():,]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/** "Sheet1!$A$2:$A$22" → { sheet: "Sheet1", row: 1, col: 0, rows: 21, cols: 1 }; null if not a plain range. */
export function parseRef(text: string): RangeAddress | null {
  const m = REF.exec(text.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const c1 = colIndex(m[3]);
  const r1 = Number(m[4]) - 1;
  const c2 = m[5] ? colIndex(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) - 1 : r1;
  if (r1 < 0 || r2 < 0) return null;
  return { sheet, row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** The absolute A1 text of a rectangle, as charts store it: "'Run 1'!$B$5:$B$25". */
export function formatRef(r: RangeAddress): string {
  const tl = `$${colLetter(r.col)}$${r.row + 1}`;
  const br = `$${colLetter(r.col + r.cols - 1)}$${r.row + r.rows}`;
  return `${quoteSheet(r.sheet)}!${r.rows === 1 && r.cols === 1 ? tl : `${tl}:${br}`}`;
}

/** "B5" for one cell of a rectangle's sheet (no sheet name, no $). */
export function cellName(row: number, col: number): string {
  return `${colLetter(col)}${row + 1}`;
}

/** Number of cells in the rectangle. */
export function refSize(r: RangeAddress): number {
  return r.rows * r.cols;
}

/** The cells of a rectangle, row by row (a column range reads top to bottom, a row range left to right). */
export function refCells(r: RangeAddress): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

/** The value at (row, col) of a sheet context; undefined when the cell is outside its window. */
export function cellAt(ctx: SheetContext, row: number, col: number): CellValue | undefined {
  const i = row - ctx.top;
  const j = col - ctx.left;
  if (i < 0 || j < 0 || i >= ctx.values.length) return undefined;
  const line = ctx.values[i];
  return j < line.length ? line[j] : null;
}

/** The sheet a name refers to (Excel compares sheet names case-insensitively). */
export function findSheet(sheets: SheetContext[], name: string): SheetContext | undefined {
  const lower = name.toLowerCase();
  return sheets.find((s) => s.name.toLowerCase() === lower);
}

/** The values of a rectangle read from the sheets, or undefined if its sheet or rows are not known. */
export function readRef(sheets: SheetContext[], r: RangeAddress): CellValue[] | undefined {
  const ctx = findSheet(sheets, r.sheet);
  if (!ctx) return undefined;
  const out: CellValue[] = [];
  for (const c of refCells(r)) {
    const v = cellAt(ctx, c.row, c.col);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
