/**
 * Number formats in one place, chosen so a number reads at a glance in a default-width column, in
 * Excel and in LibreOffice alike: no fixed-decimal format that turns 4.5e32 into ###.
 *
 * - Signed values that can be anything from 1e-9 to 1e300 (weights, derivatives, ŷ, optimizer
 *   state) use General: both applications fit General to the column, shortening decimals and
 *   switching to scientific notation (4.5E+32) when the digits do not fit.
 * - Learning rates always show their significant digits in scientific notation (1.0E-06, 3.16E-05).
 * - Integers (steps, epochs, counts) stay "0".
 *
 * (Conditional sections such as `[>=1E6]0.00E+00;…` were tried: LibreOffice drops the minus sign of
 * values in a section after a conditional one, so a negative weight would read as positive.)
 */
export const FORMATS = {
  general: "General",
  integer: "0",
  /** Positive; negative; zero (a plain 0 where a rate is "none"). */
  rate: "0.0##E+00;-0.0##E+00;0",
} as const;

/** How many decimals make the labels of a linear axis over [min, max] differ (0 to 4). */
function decimalsFor(min: number, max: number): number {
  const span = max - min;
  if (!(span > 0)) return 2;
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(span / 5))));
}

/**
 * A chart axis' number format from the range of its data: scientific with no decimals ("1E+08")
 * on a log axis that reaches beyond 1e-3…1e5, so every label has the same shape; scientific with
 * one decimal on a linear axis whose values reach 1e5 or stay below 1e-3; whole numbers for
 * counts; else fixed decimals, just enough for the labels of a five-step axis to differ.
 */
export function axisFormat(
  values: readonly unknown[],
  log = false,
  bounds?: { min?: number; max?: number }
): string {
  const nums = values.filter(
    (v): v is number => typeof v === "number" && Number.isFinite(v) && (!log || v > 0)
  );
  if (bounds?.min !== undefined) nums.push(bounds.min);
  if (bounds?.max !== undefined) nums.push(bounds.max);
  if (!nums.length) return FORMATS.general;
  let min = Infinity,
    max = -Infinity,
    big = 0;
  for (const v of nums) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    big = Math.max(big, Math.abs(v));
  }
  if (log) return min < 1e-3 || max >= 1e5 ? "0E+00" : FORMATS.general;
  // counts (steps, epochs): whole labels once the axis spans enough for whole ticks
  if (nums.every(Number.isInteger) && big < 1e5) return max - min >= 4 ? "0" : FORMATS.general;
  if (big >= 1e5 || (big > 0 && big < 1e-3)) return "0.0E+00";
  const d = decimalsFor(min, max);
  return d ? `0.${"0".repeat(d)}` : "0";
}
