/**
 * Excel's host rules for a learner's edits, written apart from src/sheet on purpose (the fake is
 * an oracle: its reference rewriting must not share the code it checks):
 * - inserting or deleting whole rows or columns moves the cells after them, and every reference
 *   to the moved cells follows (formulas on every sheet, defined names, chart series, conditional
 *   formats, the selection); a reference to a deleted cell becomes #REF!, a range that loses some
 *   of its rows shrinks;
 * - inserting or deleting part of a sheet (`Range.insert("Down")` on C5:D5) moves only the cells
 *   of that band (columns C:D from row 5 down); a reference follows only when it lies wholly
 *   within the band's columns, and one that straddles the band's edge stays where it was (as
 *   LibreOffice's ScRefUpdate and Excel do it); nonblank cells are never pushed off the sheet;
 * - renaming a sheet rewrites every formula that names it (`renameSheet` in ./state moves the rest);
 * - sorting a range moves its rows; a moved formula's relative row references move with it, as a copy does.
 */
import type { FakeCell, FakeRangeRef, FakeSheet, FakeWorkbookState } from "./state";
import { cellKey } from "./state";

/** One insert or delete of whole rows or columns on `sheet`. */
export interface Shift {
  sheet: string;
  axis: "rows" | "cols";
  /** First row or column (0-based). */
  at: number;
  count: number;
  insert: boolean;
  /**
   * For part of a sheet: the first and last column (row shifts) or row (column shifts) that move;
   * absent for whole rows or columns.
   */
  band?: [number, number];
}

/** Whether the span [first, last] across the shift lies within its band (always, for whole rows or columns). */
const inBand = (s: Shift, first: number, last: number): boolean =>
  !s.band || (first >= s.band[0] && last <= s.band[1]);

/** Where index `i` goes under `s`; null when it was deleted. */
export function moveIndex(i: number, s: Shift): number | null {
  if (i < s.at) return i;
  if (s.insert) return i + s.count;
  if (i < s.at + s.count) return null;
  return i - s.count;
}

/** The span [first, last] after `s`; null when all of it was deleted. */
function moveSpan(first: number, last: number, s: Shift): [number, number] | null {
  if (s.insert) return [moveIndex(first, s)!, moveIndex(last, s)!];
  const a = moveIndex(first, s),
    b = moveIndex(last, s);
  if (a === null && b === null) {
    // the whole span deleted, or the deletion strictly inside it
    if (first >= s.at && last < s.at + s.count) return null;
  }
  const lo = a ?? s.at;
  const hi = b ?? s.at - 1;
  return hi < lo ? null : [lo, hi];
}

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A rectangle after `s` (a copy), or null when every cell of it was deleted. */
export function moveRef(ref: FakeRangeRef, s: Shift): FakeRangeRef | null {
  if (!sameSheet(ref.sheet, s.sheet)) return { ...ref };
  const rows = s.axis === "rows";
  const first = rows ? ref.row : ref.col;
  const size = rows ? ref.rows : ref.cols;
  // whole-sheet spans (a full column for row shifts) do not move
  if (size >= (rows ? 1048576 : 16384)) return { ...ref };
  // a reference not wholly within a partial shift's band stays where it was
  const cross = rows ? [ref.col, ref.col + ref.cols - 1] : [ref.row, ref.row + ref.rows - 1];
  if (!inBand(s, cross[0], cross[1])) return { ...ref };
  const span = moveSpan(first, first + size - 1, s);
  if (!span) return null;
  return rows
    ? { ...ref, row: span[0], rows: span[1] - span[0] + 1 }
    : { ...ref, col: span[0], cols: span[1] - span[0] + 1 };
}

const colName = (c: number): string => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const colNumber = (letters: string): number =>
  [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

// A string literal, or [sheet!]cell[:cell]: sheet 'quoted' or bare; not part of a name or function.
const REF =
  /("(?:[^"]|"")*")|(?:'((?:[^']|'')+)'!|(?<![A-Za-z0-9_.'$])([A-Za-z_][A-Za-z0-9_.]*)!)?(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(!])/g;

/**
 * Rewrite every reference in `formula` (on sheet `home`) with `fn`: it gets the referenced
 * sheet and rectangle and answers the new rectangle, or null for #REF!.
 */
function rewrite(
  formula: string,
  home: string,
  fn: (sheet: string, ref: FakeRangeRef) => FakeRangeRef | null
): string {
  return formula.replace(REF, (whole, str, quoted, bare, d1, c1, d2, r1, d3, c2, d4, r2) => {
    if (str !== undefined) return whole;
    const sheet = quoted !== undefined ? (quoted as string).replace(/''/g, "'") : (bare ?? home);
    const prefix = whole.slice(0, whole.length - whole.replace(/^.*!/, "").length);
    const a = { row: Number(r1) - 1, col: colNumber(c1) };
    const b = c2 ? { row: Number(r2) - 1, col: colNumber(c2) } : a;
    const ref: FakeRangeRef = {
      sheet,
      row: Math.min(a.row, b.row),
      col: Math.min(a.col, b.col),
      rows: Math.abs(b.row - a.row) + 1,
      cols: Math.abs(b.col - a.col) + 1,
    };
    const moved = fn(sheet, ref);
    if (!moved) return "#REF!";
    const cell = (dc: string, dr: string, row: number, col: number) =>
      `${dc}${colName(col)}${dr}${row + 1}`;
    const start = cell(d1, d2, moved.row, moved.col);
    if (!c2) return `${prefix}${start}`;
    return `${prefix}${start}:${cell(d3, d4, moved.row + moved.rows - 1, moved.col + moved.cols - 1)}`;
  });
}

/** `formula` on sheet `home` after `s`. */
export function shiftFormula(formula: string, home: string, s: Shift): string {
  return rewrite(formula, home, (_sheet, ref) => moveRef(ref, s));
}

/** `formula` with every reference that names sheet `from` naming `to` instead (quoted when it must be). */
export function renameInFormula(formula: string, from: string, to: string): string {
  const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(to) ? to : `'${to.replace(/'/g, "''")}'`;
  return formula.replace(
    /("(?:[^"]|"")*")|(?:'((?:[^']|'')+)'|(?<![A-Za-z0-9_.'$])([A-Za-z_][A-Za-z0-9_.]*))!/g,
    (whole, str, quoted, bare) => {
      if (str !== undefined) return whole;
      const name = quoted !== undefined ? (quoted as string).replace(/''/g, "'") : bare;
      return sameSheet(name, from) ? `${q}!` : whole;
    }
  );
}

/** Thrown (as Excel's message) when an insert would push nonblank cells off the sheet. */
export const OFF_THE_SHEET =
  "To prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet.";

/** Insert or delete whole rows or columns, or part of a sheet, as Excel does (see the module's rules). */
export function applyShift(state: FakeWorkbookState, s: Shift): void {
  const sheet = state.sheets.find((x) => sameSheet(x.name, s.sheet));
  if (!sheet) throw new Error(`no sheet ${s.sheet}`);
  const max = s.axis === "rows" ? 1048576 : 16384;
  if (s.insert)
    for (const k of sheet.cells.keys()) {
      const r = Math.floor(k / 16384),
        c = k % 16384;
      const [along, across] = s.axis === "rows" ? [r, c] : [c, r];
      if (along >= max - s.count && along >= s.at && inBand(s, across, across))
        throw new Error(OFF_THE_SHEET);
    }
  const moveKey = (k: number): number | null => {
    const r = Math.floor(k / 16384),
      c = k % 16384;
    if (!inBand(s, s.axis === "rows" ? c : r, s.axis === "rows" ? c : r)) return k;
    const i = moveIndex(s.axis === "rows" ? r : c, s);
    if (i === null) return null;
    return s.axis === "rows" ? cellKey(i, c) : cellKey(r, i);
  };
  const remap = <T>(map: Map<number, T>) => {
    const next = new Map<number, T>();
    for (const [k, v] of map) {
      const to = moveKey(k);
      if (to !== null) next.set(to, v);
    }
    return next;
  };
  sheet.cells = remap(sheet.cells);
  sheet.notes = remap(sheet.notes);
  if (s.axis === "cols" && !s.band) {
    const widths = new Map<number, number>();
    for (const [c, w] of sheet.columnWidths) {
      const to = moveIndex(c, s);
      if (to !== null) widths.set(to, w);
    }
    sheet.columnWidths = widths;
  }
  for (const other of state.sheets) {
    for (const cell of other.cells.values())
      if (cell.formula) cell.formula = shiftFormula(cell.formula, other.name, s);
    for (const chart of other.charts) {
      chart.source = moveRef(chart.source, s) ?? { ...chart.source, sheet: "#REF!" };
      for (const ser of chart.series) {
        if (ser.x) ser.x = moveRef(ser.x, s) ?? { ...ser.x, sheet: "#REF!" };
        if (ser.y) ser.y = moveRef(ser.y, s) ?? { ...ser.y, sheet: "#REF!" };
      }
      const pos = chart.props.position as { start?: FakeRangeRef; end?: FakeRangeRef } | undefined;
      if (pos?.start) pos.start = moveRef(pos.start, s) ?? pos.start;
      if (pos?.end) pos.end = moveRef(pos.end, s) ?? pos.end;
    }
    other.conditionalFormats = other.conditionalFormats.flatMap((cf) => {
      const r = moveRef(cf.range, s);
      return r ? [{ ...cf, range: r }] : [];
    });
  }
  for (const n of state.names) {
    if (n.ref) n.ref = moveRef(n.ref, s) ?? { ...n.ref, sheet: "#REF!" };
    else if (n.formula) n.formula = shiftFormula(n.formula, "", s);
  }
  state.selection = moveRef(state.selection, s) ?? { ...state.selection, rows: 1, cols: 1 };
}

/** Rewrite every formula that names sheet `from` (on any sheet, and in names) to name `to`. */
export function renameFormulas(state: FakeWorkbookState, from: string, to: string): void {
  for (const s of state.sheets)
    for (const cell of s.cells.values())
      if (cell.formula) cell.formula = renameInFormula(cell.formula, from, to);
  for (const n of state.names) if (n.formula) n.formula = renameInFormula(n.formula, from, to);
}

/** Excel's sort order: numbers, then text (ignoring case), then booleans; blank cells last either way. */
function compareCells(a: FakeCell | undefined, b: FakeCell | undefined): number {
  const rank = (c: FakeCell | undefined) =>
    c?.value === undefined
      ? 3
      : typeof c.value === "number"
        ? 0
        : typeof c.value === "string"
          ? 1
          : 2;
  const ra = rank(a),
    rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a!.value as number) - (b!.value as number);
  if (ra === 1) return String(a!.value).toLowerCase().localeCompare(String(b!.value).toLowerCase());
  return Number(a?.value ?? 0) - Number(b?.value ?? 0);
}

/**
 * Sort the rows of `ref` on `sheet` by the column `key` (offset within the range), keeping the
 * header row with `hasHeaders`. Stable, as Excel's sort is. Formulas are sorted by their
 * calculated value in Excel; the fake sorts them by their cached value (none: last).
 */
export function sortRows(
  sheet: FakeSheet,
  ref: FakeRangeRef,
  key: number,
  ascending: boolean,
  hasHeaders: boolean
): void {
  const first = ref.row + (hasHeaders ? 1 : 0);
  const rows = Array.from({ length: ref.row + ref.rows - first }, (_, i) => first + i);
  const keyOf = (r: number) => sheet.cells.get(cellKey(r, ref.col + key));
  const order = [...rows].sort((a, b) => {
    const ka = keyOf(a),
      kb = keyOf(b);
    if (ka?.value === undefined || kb?.value === undefined) return compareCells(ka, kb);
    return ascending ? compareCells(ka, kb) : compareCells(kb, ka);
  });
  const moved = order.map((from) =>
    Array.from({ length: ref.cols }, (_, j) => sheet.cells.get(cellKey(from, ref.col + j)))
  );
  order.forEach((from, i) => {
    const to = first + i;
    moved[i].forEach((cell, j) => {
      const k = cellKey(to, ref.col + j);
      if (!cell) return sheet.cells.delete(k);
      const copy: FakeCell = { ...cell, format: { ...cell.format } };
      if (copy.formula) copy.formula = moveRelativeRowsOnly(copy.formula, to - from);
      sheet.cells.set(k, copy);
    });
  });
}

/** Relative row references move; absolute ones ($5) stay. */
function moveRelativeRowsOnly(formula: string, d: number): string {
  if (!d) return formula;
  return formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g,
    (whole, str, col, dollar, row) =>
      str !== undefined || dollar === "$" ? whole : `${col}${Number(row) + d}`
  );
}

/** Rename a sheet as Excel does: every reference to it (names, chart series, formats, selection) follows. */
export function renameSheet(state: FakeWorkbookState, sheet: FakeSheet, name: string): void {
  const old = sheet.name;
  const fix = (r: FakeRangeRef | null | undefined) => {
    if (r && r.sheet === old) r.sheet = name;
  };
  for (const n of state.names) fix(n.ref);
  for (const s of state.sheets) {
    fix(s.freeze);
    for (const c of s.charts) {
      fix(c.source);
      for (const ser of c.series) (fix(ser.x), fix(ser.y));
    }
    for (const cf of s.conditionalFormats) fix(cf.range);
  }
  fix(state.selection);
  renameFormulas(state, old, name);
  sheet.name = name;
}
