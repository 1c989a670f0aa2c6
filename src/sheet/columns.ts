/**
 * Step-table columns as specs: a literal per row, or a formula template written once for the first
 * data row and once for any later row (the writers fill it down), with the core's value cached for
 * every row. Specs name other columns by key; `buildTable` turns keys into A1 columns.
 */
import { inGlossaryWords, type StepRow } from "../core";
import { a1, shiftRows } from "./address";
import type { CachedValue, Column, Scalar, StyleId, Table } from "./plan";

/** The relative A1 reference of column `key` at data row `r` (0 = first data row). */
export type At = (key: string, r: number) => string;

export interface ColumnSpec<R = StepRow> {
  key: string;
  header: string;
  description: string;
  style: StyleId;
  /** Label of the group this column starts or belongs to (written above the headers). */
  group?: string;
  width?: number;
  value?: (row: R) => Scalar;
  /** The formula of data row r, for r = 0 (the first row) and r = 1 (every later row, filled down). */
  formula?: (at: At, r: 0 | 1) => string;
  cached?: (row: R, i: number) => CachedValue;
}

const DEFAULT_WIDTH = 12;

/** Turn specs into a Table at (row, col): header at `row`, one data row per entry of `rows`. */
export function buildTable<R>(
  specs: ColumnSpec<R>[],
  rows: readonly R[],
  row: number,
  col: number
): Table {
  const index = new Map<string, number>();
  specs.forEach((s, i) => {
    if (index.has(s.key)) throw new Error(`duplicate column key: ${s.key}`);
    index.set(s.key, col + i);
  });
  const at: At = (key, r) => {
    const c = index.get(key);
    if (c === undefined) throw new Error(`no column with key: ${key}`);
    return a1(row + 1 + r, c);
  };
  const columns = specs.map((s): Column => {
    const width = Math.max(s.width ?? DEFAULT_WIDTH, s.header.length + 2); // headers fit on one line
    const out: Column = {
      key: s.key,
      header: s.header,
      description: inGlossaryWords(s.description), // the glossary's words: "learning rate", not "lr"
      style: s.style,
      width,
    };
    if (s.value) out.values = rows.map(s.value);
    if (s.formula) {
      const first = s.formula(at, 0);
      const rest = s.formula(at, 1);
      out.formula = shiftRows(rest, -1) === first ? { rest } : { first, rest };
      if (s.cached) out.cached = rows.map(s.cached);
    }
    return out;
  });
  return { row, col, rows: rows.length, columns };
}

/** Column index (absolute, 0-based) of a key in a built table. */
export function columnOf(table: Table, key: string): number {
  const i = table.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column with key: ${key}`);
  return table.col + i;
}
