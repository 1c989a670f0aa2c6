/**
 * Training data: the target line y = slope·x + intercept, with x given, drawn like graddesc's
 * RANDBETWEEN(1,100), or evenly spaced; optional seeded noise; or x and y read from CSV.
 */
import { ConfigError } from "./errors";
import { gaussian, randBetween, rng } from "./random";
import type { DataPoint } from "./types";

/** graddesc's 29 x values (basic sheet A4:A32). */
export const GRADDESC_X: readonly number[] = [
  14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99,
  70, 27, 17, 8,
];

export interface Target {
  slope: number;
  intercept: number;
}

export const DEFAULT_TARGET: Target = { slope: 2, intercept: 30 };

/** Where the x values come from. */
export type XSource =
  | { kind: "list"; x: number[] }
  | { kind: "random"; n: number; seed: number; min?: number; max?: number }
  | { kind: "range"; from: number; to: number; step: number };

export interface DataSpec {
  x?: XSource;
  /** Given (x, y) pairs; when present, `x` and `target` are ignored. */
  points?: DataPoint[];
  target?: Target;
  /** Gaussian noise of this standard deviation added to y, drawn from `noiseSeed`. */
  noise?: number;
  noiseSeed?: number;
}

const MAX_ROWS = 1_000_000;

/** x values for a source. Ranges include `to` when it falls on a step (−80..120 step 10 gives 21). */
export function xValues(src: XSource): number[] {
  switch (src.kind) {
    case "list":
      return src.x.slice();
    case "random": {
      const next = rng(src.seed);
      return Array.from({ length: src.n }, () => randBetween(next, src.min ?? 1, src.max ?? 100));
    }
    case "range": {
      if (
        !(src.step > 0) ||
        !Number.isFinite(src.from) ||
        !Number.isFinite(src.to) ||
        src.to < src.from
      )
        throw new ConfigError("x", "An x range needs from ≤ to and a step above 0.");
      const n = Math.floor((src.to - src.from) / src.step + 1e-9) + 1;
      if (n > MAX_ROWS)
        throw new ConfigError(
          "x",
          `That x range has ${n} values; at most ${MAX_ROWS} are allowed.`
        );
      return Array.from({ length: n }, (_, i) => src.from + i * src.step);
    }
  }
}

/** The data rows of one epoch. y = slope·x + intercept (+ noise) unless points are given. */
export function makeData(spec: DataSpec = {}): DataPoint[] {
  if (spec.points) return spec.points.map((p) => ({ x: p.x, y: p.y }));
  const t = spec.target ?? DEFAULT_TARGET;
  const xs = xValues(spec.x ?? { kind: "list", x: GRADDESC_X.slice() });
  const next = spec.noise ? rng(spec.noiseSeed ?? 1) : undefined;
  return xs.map((x) => ({
    x,
    y: t.slope * x + t.intercept + (next ? (spec.noise as number) * gaussian(next) : 0),
  }));
}

/** A decimal number as people write it: "-2.5", "1e3", ".5", "+4" (no hex, no "Infinity", no blanks). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a decimal text means, or NaN for anything else ("0x10", "Infinity", "", "1_000"). */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** Which columns of a CSV file hold x and y: a header name or a 1-based column number. */
export interface CsvColumns {
  x?: string;
  y?: string;
}

/** The delimiter of a CSV file: tab, else semicolon, else comma, as its first line shows. */
function delimiterOf(line: string): "\t" | ";" | "," {
  if (line.includes("\t")) return "\t";
  if (line.includes(";")) return ";";
  return ",";
}

/**
 * Parse CSV text of x values, or x,y pairs: one row per line, an optional header line. The
 * delimiter is a tab, a semicolon or a comma (the first line tells); in a semicolon file a comma is
 * the decimal separator ("1,5;32" is x = 1.5, y = 32). Numbers are decimal only. A file of more than
 * two columns needs `columns` to say which are x and y (by header or number), and is refused naming
 * its columns otherwise. Throws ConfigError on a non-numeric cell, a ragged row or an empty file.
 */
export function parseCsv(text: string, columns: CsvColumns = {}): { x: number[]; y?: number[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (!lines.length) throw new ConfigError("data", "The data file has no rows of numbers.");
  const delimiter = delimiterOf(lines[0]);
  const number = (c: string): number =>
    parseDecimal(delimiter === ";" && /^[^.]*,[^.]*$/.test(c) ? c.replace(",", ".") : c);
  const rows = lines.map((l) => l.split(delimiter).map((c) => c.trim()));
  const header = rows[0].every((c) => Number.isNaN(number(c))) ? rows.shift() : undefined;
  if (!rows.length) throw new ConfigError("data", "The data file has no rows of numbers.");
  const width = rows[0].length;
  const names = header ?? Array.from({ length: width }, (_, k) => `column ${k + 1}`);
  const pick = (which: "x" | "y", fallback: number): number => {
    const want = columns[which];
    if (want === undefined) return fallback;
    const byName = names.findIndex((n) => n.toLowerCase() === want.trim().toLowerCase());
    const byNumber = /^\d+$/.test(want.trim()) ? Number(want) - 1 : -1;
    const k = byName >= 0 ? byName : byNumber;
    if (k < 0 || k >= width)
      throw new ConfigError(
        `${which}-column`,
        `--${which}-column ${want} is not a column of the data file (${list(names)}).`
      );
    return k;
  };
  if (width > 2 && (columns.x === undefined || columns.y === undefined))
    throw new ConfigError(
      "data",
      `The data file has ${width} columns (${list(names)}); say which are x and y with --x-column and --y-column.`
    );
  const xk = pick("x", 0);
  const yk = width > 1 || columns.y !== undefined ? pick("y", 1) : -1;
  const x: number[] = [];
  const y: number[] = [];
  rows.forEach((r, i) => {
    if (r.length !== width)
      throw new ConfigError(
        "data",
        `Data row ${i + 1} has ${r.length} cells; the first row has ${width}.`
      );
    for (const k of yk >= 0 ? [xk, yk] : [xk])
      if (Number.isNaN(number(r[k])))
        throw new ConfigError(
          "data",
          `Data row ${i + 1} has a cell that is not a number: "${r[k]}".`
        );
    x.push(number(r[xk]));
    if (yk >= 0) y.push(number(r[yk]));
  });
  return yk >= 0 ? { x, y } : { x };
}

/** "x", "y", "z" → "x, y, z". */
function list(names: readonly string[]): string {
  return names.map((n) => n || "(no name)").join(", ");
}
