/**
 * The rounding plateau: finite differences need w + h to differ from w. A double near w is spaced
 * ulp(w) = 2^(⌊log2 |w|⌋ − 52) from its neighbours, so once h < ulp(w) / 2 (w near 1e15 with
 * h = 0.01), w + h rounds back to w, e(w + h) − e(w) is exactly 0, and the forward (or central)
 * difference of that weight is 0: the weight stops, though nothing overflowed. When every weight
 * has stopped, each later epoch repeats the same SSE with the same weights.
 */
import type { RunResult, StepRow } from "./types";

export interface HPlateau {
  /** The first step where some weight w has w + h = w in double precision. */
  step: number;
  epoch: number;
  row: number;
  h: number;
  /** The weights that lost h at that step, with their values. */
  weights: { name: string; value: number }[];
  /** The first step from which every weight has lost h (nothing moves any more), or null. */
  allFrom: number | null;
  text: string;
}

/** The spacing of doubles at |v|: 2^(⌊log2 |v|⌋ − 52). */
export function ulp(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return Number.MIN_VALUE;
  return Math.pow(2, Math.floor(Math.log2(a)) - 52);
}

/**
 * The weights of a row whose finite difference is exactly 0 though the analytic derivative is not:
 * either w ± h rounds to w (h below w's precision), or the change h makes in e is below e's.
 */
export function weightsLostH(row: StepRow, gradient: "forward" | "central"): string[] {
  const fd = gradient === "central" ? row.central : row.forward;
  return Object.keys(row.weights).filter(
    (w) =>
      Number.isFinite(row.weights[w]) &&
      fd[w] === 0 &&
      Number.isFinite(row.analytic[w]) &&
      row.analytic[w] !== 0
  );
}

const short = (v: number): string => v.toPrecision(2).replace("e+", "e");

/**
 * Where a finite-difference run first loses h in its numbers' precision, or null (analytic runs,
 * runs without rows, and runs whose weights never grow that far).
 */
export function hPlateau(result: RunResult): HPlateau | null {
  const { gradient, h } = result.config;
  if (gradient === "analytic" || !result.rows) return null;
  let first: HPlateau | null = null;
  let error = 0;
  for (const row of result.rows) {
    const lost = weightsLostH(row, gradient);
    if (lost.length < Object.keys(row.weights).length && first) first.allFrom = null;
    if (!lost.length) continue;
    if (!first) {
      first = {
        step: row.step,
        epoch: row.epoch,
        row: row.row,
        h,
        weights: lost.map((name) => ({ name, value: row.weights[name] })),
        allFrom: null,
        text: "",
      };
      error = row.error;
    }
    if (lost.length === Object.keys(row.weights).length) first.allFrom ??= row.step;
  }
  if (!first) return null;
  const big = first.weights.filter((x) => x.value + h === x.value);
  const rest = first.weights.filter((x) => x.value + h !== x.value);
  const parts: string[] = [];
  if (big.length) {
    const w = big[0];
    parts.push(
      `${big.map((x) => x.name).join(", ")} ${big.length > 1 ? "are" : "is"} so large (${w.name} ≈ ${short(w.value)}) that h = ${h} is below the weights' precision: ` +
        `doubles near ${short(w.value)} are ${short(ulp(w.value))} apart, so ${w.name} + h rounds back to ${w.name} and e(${w.name} + h) − e(${w.name}) is exactly 0`
    );
  }
  if (rest.length)
    parts.push(
      `for ${rest.map((x) => x.name).join(", ")} the change h makes in e is below e's own precision (e ≈ ${short(error)}), so e(w + h) − e(w) rounds to 0`
    );
  first.text =
    `From step ${first.step} (epoch ${first.epoch}, row ${first.row}) the ${gradient} difference is exactly 0 though the true derivative is not: ${parts.join("; ")}. ` +
    (first.allFrom !== null
      ? `From step ${first.allFrom} every weight is stuck: later epochs repeat the same error with the same weights, a plateau made by rounding, not a minimum.`
      : "Those weights stop moving while the others still learn.");
  return first;
}
