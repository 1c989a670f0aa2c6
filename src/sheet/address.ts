/**
 * A1 addresses: turns 0-based (row, col) and ranges into A1 text and back. Column letters, sheet
 * quoting and fill-down come from the formula tokenizer (./formula-refs), re-exported here.
 */
import { colIndex, colLetter, quoteSheet, shiftRows, tokenizeFormula } from "./formula-refs";
import type { RangeRef } from "./plan";

export { colIndex, colLetter, quoteSheet, shiftRows };

export interface RefOptions {
  absRow?: boolean;
  absCol?: boolean;
}

/** (4, 2) → "C5"; with { absRow, absCol } → "$C$5". */
export function a1(row: number, col: number, opts: RefOptions = {}): string {
  if (!Number.isInteger(row) || row < 0 || row > 1048575)
    throw new RangeError(`row index out of range: ${row}`);
  return `${opts.absCol ? "$" : ""}${colLetter(col)}${opts.absRow ? "$" : ""}${row + 1}`;
}

/** Absolute "$C$5". */
export function abs(row: number, col: number): string {
  return a1(row, col, { absRow: true, absCol: true });
}

/** The corners of a range as A1 text, "B5:B33" ("$B$5:$B$33" when `absolute`); a single cell has no ":". */
function areaA1(ref: Omit<RangeRef, "sheet">, absolute: boolean): string {
  const opts = { absRow: absolute, absCol: absolute };
  const tl = a1(ref.row, ref.col, opts);
  if (ref.rows === 1 && ref.cols === 1) return tl;
  return `${tl}:${a1(ref.row + ref.rows - 1, ref.col + ref.cols - 1, opts)}`;
}

/** A range as absolute A1 text, "'Run 1'!$B$5:$B$33"; a single cell has no ":". */
export function rangeA1(ref: RangeRef, withSheet = true): string {
  const body = areaA1(ref, true);
  return withSheet ? `${quoteSheet(ref.sheet)}!${body}` : body;
}

/** One cell of a sheet as absolute A1 text: ("Run 1", 6, 16) → "'Run 1'!$Q$7". */
export function sheetCellA1(sheet: string, row: number, col: number): string {
  return rangeA1({ sheet, row, col, rows: 1, cols: 1 });
}

/**
 * A range as Excel's `Range.address` reports it: sheet-qualified, relative corners,
 * "'Run 1'!B5:B33"; a single cell has no ":".
 */
export function addressA1(ref: RangeRef): string {
  return `${quoteSheet(ref.sheet)}!${areaA1(ref, false)}`;
}

/**
 * Parse an A1 range, the inverse of {@link rangeA1} and {@link addressA1}: "'Run 1'!$B$5:$B$33" →
 * { sheet: "Run 1", row: 4, col: 1, rows: 29, cols: 1 }, read by the formula tokenizer, with an
 * optional leading "=". Corners may come in any order and with or without $. Text without a sheet
 * ("B5:B33") is on `sheet` when one is given, else null; null for anything else too (names, unions,
 * whole columns or rows, another workbook's [1]Sheet1!A1, row 0).
 */
export function parseRangeA1(text: string, sheet?: string): RangeRef | null {
  const tokens = tokenizeFormula(text.trim().replace(/^=/, ""));
  const t = tokens[0];
  if (tokens.length !== 1 || t.kind !== "ref" || t.sheet?.book !== undefined) return null;
  const named = t.sheet?.name;
  if ((named === undefined && sheet === undefined) || /[[\]]/.test(named ?? "")) return null;
  const { col: c1, row: r1 } = t.start;
  const { col: c2, row: r2 } = t.end ?? t.start;
  if (c1 === undefined || r1 === undefined || c2 === undefined || r2 === undefined) return null;
  return {
    sheet: named ?? (sheet as string),
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

/** A cell reference without a sheet, 0-based, with which parts are absolute. */
export interface CellA1 {
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

/** Parse "C5", "$C$5" (no sheet) into 0-based indexes; null when it is not one cell. */
export function parseCellA1(ref: string): CellA1 | null {
  const m = /^(\$?)([A-Z]{1,3})(\$?)(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m || Number(m[4]) < 1) return null;
  return { col: colIndex(m[2]), row: Number(m[4]) - 1, absCol: m[1] === "$", absRow: m[3] === "$" };
}

/** The formula of data row `r` (0-based) of a table column, from its `first`/`rest` templates. */
export function formulaAt(formula: { first?: string; rest: string }, r: number): string {
  if (r === 0 && formula.first !== undefined) return formula.first;
  return shiftRows(formula.rest, r - 1);
}

const MAX_SHEET_NAME = 31;

/**
 * A name Excel accepts for a worksheet: no []:*?/\ characters, no leading or trailing ', at most
 * 31 characters, not empty and not "History" (reserved by Excel).
 */
export function sanitizeSheetName(name: string): string {
  let s = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/[\u0000-\u001f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  s = s.replace(/^'+|'+$/g, "").trim();
  if (s.length > MAX_SHEET_NAME) s = s.slice(0, MAX_SHEET_NAME).trim();
  if (!s || s.toLowerCase() === "history") s = s ? `${s} 1` : "Sheet";
  return s;
}

/**
 * `base` made unique among `taken` (case-insensitive, as Excel compares sheet names):
 * "Run", "Run (2)", "Run (3)", … each kept within 31 characters.
 */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  const clean = sanitizeSheetName(base);
  if (!used.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = clean.slice(0, MAX_SHEET_NAME - suffix.length).trim() + suffix;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
