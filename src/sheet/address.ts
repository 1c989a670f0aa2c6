/**
 * A1 addresses: the one place that turns 0-based (row, col) into A1 text and back, quotes sheet
 * names and shifts formulas the way Excel's fill-down does.
 */
import type { RangeRef } from "./plan";

/** 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD". */
export function colLetter(col: number): string {
  if (!Number.isInteger(col) || col < 0 || col > 16383)
    throw new RangeError(`column index out of range: ${col}`);
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "XFD" → 16383. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

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

/** "Sheet1" stays bare; anything else is quoted, with ' doubled: "It's run" → "'It''s run'". */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
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

// "Sheet1!$A$2:$A$22", "'Run 1'!B5", "B5:C9", with an optional leading "=": one area, its sheet
// optional here (parseRangeA1 decides whether a missing sheet is allowed). A sheet name has no [ or ]:
// "[1]Sheet1!A1" is another workbook's.
const RANGE_A1 =
  /^=?(?:(?:'((?:[^'[\]]|'')+)'|([^'!():,[\]]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * Parse an A1 range, the inverse of {@link rangeA1} and {@link addressA1}: "'Run 1'!$B$5:$B$33" →
 * { sheet: "Run 1", row: 4, col: 1, rows: 29, cols: 1 }. Corners may come in any order and with or
 * without $. Text without a sheet ("B5:B33") is on `sheet` when one is given, else null; null for
 * anything else too (names, unions, external books, row 0).
 */
export function parseRangeA1(text: string, sheet?: string): RangeRef | null {
  const m = RANGE_A1.exec(text.trim());
  if (!m) return null;
  const named = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (named === undefined && sheet === undefined) return null;
  const c1 = colIndex(m[3]);
  const r1 = Number(m[4]) - 1;
  const c2 = m[5] ? colIndex(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) - 1 : r1;
  if (r1 < 0 || r2 < 0) return null;
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

// A cell reference outside string literals, not part of a name and not a function name. (The
// "not part of a name" test on the character before is done in code: lookbehind is ES2018, and
// Office 2019's web views cannot parse it.)
const CELL_REF = /("(?:[^"]|"")*")|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;
const NAME_CHAR = /[A-Za-z0-9_.$]/;

/**
 * Shift every relative row reference of an en-US A1 formula down by `d` rows (up if negative), as
 * Excel does when a formula is filled down: "=C5-LearningRate*L5" shifted by 2 is
 * "=C7-LearningRate*L7"; "$C$2" and "C$2" stay. Text inside "..." is left alone.
 */
export function shiftRows(formula: string, d: number): string {
  if (d === 0) return formula;
  return formula.replace(CELL_REF, (whole, str, dc, letters, dr, digits, at: number) => {
    if (str !== undefined) return whole;
    if (at > 0 && NAME_CHAR.test(formula[at - 1])) return whole;
    if (dr === "$") return whole;
    const row = Number(digits) + d;
    if (row < 1) throw new RangeError(`shifting ${whole} by ${d} leaves the sheet`);
    return `${dc}${letters}${dr}${row}`;
  });
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
