/**
 * Every formula cell of a SheetPlan: its address and the core's cached value, and a comparison with
 * a spreadsheet engine's recalculated values under a stated tolerance.
 */
import { a1 } from "../../../src/sheet/address";
import type { CachedValue, SheetPlan } from "../../../src/sheet/plan";
import { formulaCells } from "../../helpers/formula-cells";
import type { LoValue } from "./libreoffice";

/** How far a recalculated number may be from the cached one (see the suite's header for why). */
export interface Tolerance {
  /** Relative difference allowed where the formula uses ^ or POWER (glibc pow is not correctly rounded). */
  powRelative: number;
  /** Relative difference allowed where the formula sums a range (LibreOffice sums with compensation). */
  sumRelative: number;
  /** Relative difference allowed for any cell downstream of those (differences travel down the chain). */
  chainRelative: number;
  /**
   * Relative difference allowed for a relative gap ABS(p−q)/… between two nearly equal numbers
   * (e.g. forward vs analytic derivative): the subtraction amplifies its inputs' differences by |q|/|p−q|.
   */
  cancellationRelative: number;
  /**
   * Absolute difference also allowed for such a gap: below it the two numbers agree to that many
   * digits and the gap is rounding noise (LibreOffice's "=" and "−" snap nearly equal numbers to equal).
   */
  cancellationAbsolute: number;
}

/**
 * The one tolerance for LibreOffice against the core (why each number, measured over the presets:
 * tests/e2e/libreoffice.test.ts's header): a relative 1e-10 where glibc's pow, compensated sums or
 * the chain below them differ from IEEE/JS arithmetic, a relative 1e-6 for a relative gap between
 * nearly equal numbers, and an absolute 1e-12 for such a gap that is rounding noise.
 */
export const LO_TOLERANCE: Tolerance = {
  powRelative: 1e-10,
  sumRelative: 1e-10,
  chainRelative: 1e-10,
  cancellationRelative: 1e-6,
  cancellationAbsolute: 1e-12,
};

export interface Mismatch {
  cell: string;
  formula: string;
  cached: CachedValue;
  got: LoValue | undefined;
}

export interface Comparison {
  cells: number;
  /** Bit-identical (or the same error / text). */
  exact: number;
  /** Numbers within the tolerance. */
  close: number;
  worstRelative: number;
  mismatches: Mismatch[];
}

const CANCELLATION = /ABS\(\$?[A-Z]+\$?\d+-\$?[A-Z]+\$?\d+\)\//;
const relative = (p: number, q: number): number =>
  Math.abs(p - q) / Math.max(Math.abs(p), Math.abs(q));

/** Does the engine's value equal the cached value (errors by their Excel spelling, "" as empty)? */
function sameValue(cached: CachedValue, got: LoValue | undefined): boolean {
  if (cached === null || cached === "") return got === null || got === "" || got === undefined;
  if (typeof cached === "boolean") return got === (cached ? 1 : 0);
  if (typeof cached === "object")
    return typeof got === "object" && got !== null && got.error === cached.error;
  return Object.is(cached, got) || (cached === 0 && got === 0);
}

/** Compare every formula cell of `plan` with `rows` (row-major, 0-based, as LibreOffice dumped them). */
export function compareWithEngine(plan: SheetPlan, rows: LoValue[][], tol: Tolerance): Comparison {
  const result: Comparison = { cells: 0, exact: 0, close: 0, worstRelative: 0, mismatches: [] };
  for (const f of formulaCells(plan)) {
    result.cells++;
    const got = rows[f.row]?.[f.col];
    if (sameValue(f.cached, got)) {
      result.exact++;
      continue;
    }
    if (typeof f.cached === "number" && typeof got === "number") {
      const rel = relative(f.cached, got);
      const gap = CANCELLATION.test(f.formula);
      const limit = gap
        ? tol.cancellationRelative
        : /\^|POWER\(/i.test(f.formula)
          ? tol.powRelative
          : /SUM|AVERAGE/i.test(f.formula)
            ? tol.sumRelative
            : tol.chainRelative;
      if (rel <= limit || (gap && Math.abs(f.cached - got) <= tol.cancellationAbsolute)) {
        result.close++;
        result.worstRelative = Math.max(result.worstRelative, rel);
        continue;
      }
    }
    result.mismatches.push({ cell: a1(f.row, f.col), formula: f.formula, cached: f.cached, got });
  }
  return result;
}
