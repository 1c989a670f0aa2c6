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

/**
 * Parse CSV text of x values, or x,y pairs: one row per line, comma, semicolon or tab separated, an
 * optional header line. Throws ConfigError on a non-numeric cell or an empty file.
 */
export function parseCsv(text: string): { x: number[]; y?: number[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const rows = lines.map((l) => l.split(/[,;\t]/).map((c) => c.trim()));
  if (rows.length && rows[0].every((c) => !isNumeric(c))) rows.shift(); // a header has no numbers
  if (!rows.length) throw new ConfigError("data", "The data file has no rows of numbers.");
  const width = rows[0].length;
  const x: number[] = [];
  const y: number[] = [];
  rows.forEach((r, i) => {
    if (r.length !== width)
      throw new ConfigError(
        "data",
        `Data row ${i + 1} has ${r.length} cells; the first row has ${width}.`
      );
    for (const c of r)
      if (!isNumeric(c))
        throw new ConfigError("data", `Data row ${i + 1} has a cell that is not a number: "${c}".`);
    x.push(Number(r[0]));
    if (width > 1) y.push(Number(r[1]));
  });
  return width > 1 ? { x, y } : { x };
}

function isNumeric(s: string): boolean {
  return s !== "" && Number.isFinite(Number(s));
}
