/**
 * When a spreadsheet's value agrees with the core's. Numbers agree within 1e-9 of their scale:
 * |got − core| ≤ 1e-9 · max(|got|, |core|, scale), or both below 1e-12. `scale` is the scale of a
 * value's operands when it is made by subtracting nearly equal numbers (cancellation): a forward
 * difference (e(w + h) − e)/h carries the error of e, about 1e-16·|e|/h, not of its own size, and
 * Excel and LibreOffice round such subtractions differently from IEEE. Errors and text agree
 * exactly. The CLI's `check`, the exercise grader and Excel's Check this sheet share this rule.
 */
import { KEYS } from "./keys";
import type { CachedValue } from "./plan";

export const RELATIVE_TOLERANCE = 1e-9;
export const ABSOLUTE_FLOOR = 1e-12;

/** True when a spreadsheet's value and the core's agree (see the file comment). */
export function agreesWithin(got: unknown, core: CachedValue, scale = 0): boolean {
  if (core !== null && typeof core === "object")
    return (
      got === core.error ||
      (got !== null && typeof got === "object" && (got as { error?: unknown }).error === core.error)
    );
  if (typeof core === "number" && typeof got === "number") {
    const d = Math.abs(got - core);
    return (
      d <= RELATIVE_TOLERANCE * Math.max(Math.abs(got), Math.abs(core), scale) ||
      (Math.abs(got) < ABSOLUTE_FLOOR && Math.abs(core) < ABSOLUTE_FLOOR)
    );
  }
  return got === core;
}

/** The weight a key's cancellation belongs to, and how: "fwd", "ctr", or a derivative check "relFwd"/"relCtr". */
function cancelling(
  key: string
): { kind: "fwd" | "ctr" | "relFwd" | "relCtr"; w: string } | undefined {
  const m = /^(?:d([A-Z0-9_]+)_(fwd|ctr)|relErr([A-Z0-9_]+)_(fwd|ctr))$/.exec(key);
  if (!m) return undefined;
  if (m[1]) return { kind: m[2] as "fwd" | "ctr", w: m[1].toLowerCase() };
  return { kind: m[4] === "fwd" ? "relFwd" : "relCtr", w: m[3].toLowerCase() };
}

const mag = (v: unknown): number => (typeof v === "number" && v - v === 0 ? Math.abs(v) : 0);

/**
 * The operands' scale of step-table column `key` on one row, from that row's values (`value(key)`)
 * and the derivative step h: (e(w + h), e)/h for a forward difference, (e(w ± h))/(2h) for a
 * central one, and for a derivative check |est − analytic|/|analytic| the estimate's scale over
 * |analytic|. 0 for every other column (its own size is its scale).
 */
export function operandScale(key: string, value: (key: string) => unknown, h: number): number {
  const c = cancelling(key);
  if (!c || !(h > 0)) return 0;
  const up = mag(value(KEYS.bumped(c.w)));
  if (c.kind === "fwd") return Math.max(up, mag(value("err"))) / h;
  if (c.kind === "ctr") return Math.max(up, mag(value(KEYS.lowered(c.w)))) / (2 * h);
  const est = c.kind === "relFwd" ? "fwd" : "ctr";
  const estKey = est === "fwd" ? KEYS.forward(c.w) : KEYS.central(c.w);
  const inner = operandScale(estKey, value, h);
  const analytic = Math.max(mag(value(KEYS.analytic(c.w))), 1e-300);
  return Math.max(inner, mag(value(estKey)), analytic) / analytic;
}
