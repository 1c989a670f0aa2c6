/**
 * The derivative of e by every weight, three ways, as `src/core/train.ts` computes them:
 * forward difference (e(w + h) − e) / h, central difference (e(w + h) − e(w − h)) / (2·h), and the
 * analytic chain rule of the model registry (`src/core/models`: g = 2·(ŷ − y), then de/db = g·c, …).
 * The central columns appear only when the run uses them.
 */
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import { modelCells, type RunContext } from "./context";
import { square } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

export function derivativeColumns(ctx: RunContext): ColumnSpec[] {
  const central = ctx.config.gradient === "central";
  const specs: ColumnSpec[] = [];
  for (const w of ctx.weights) {
    specs.push(
      {
        key: KEYS.bumped(w),
        header: `e(${w} + h)`,
        group: `de/d${w}`,
        style: "error",
        description: `the error with ${w} nudged up by h: e(${w} + h) = (ŷ(${w} + h) − y)²`,
        formula: (at, r) => `=${nudged(ctx, at, r, w, "+")}`,
        cached: (row) => cachedNumber(row.bumped[w]),
      },
      {
        key: KEYS.forward(w),
        header: `de/d${w} fwd`,
        style: "number",
        description: `forward difference: de/d${w} ≈ (e(${w} + h) − e) / h`,
        formula: (at, r) => `=(${at(KEYS.bumped(w), r)}-${at("err", r)})/${NAMES.h}`,
        cached: (row) => cachedNumber(row.forward[w]),
      }
    );
    if (central) {
      specs.push(
        {
          key: KEYS.lowered(w),
          header: `e(${w} − h)`,
          style: "error",
          description: `the error with ${w} nudged down by h: e(${w} − h) = (ŷ(${w} − h) − y)²`,
          formula: (at, r) => `=${nudged(ctx, at, r, w, "-")}`,
          cached: (row) => cachedNumber(row.lowered[w]),
        },
        {
          key: KEYS.central(w),
          header: `de/d${w} central`,
          style: "number",
          description: `central difference: de/d${w} ≈ (e(${w} + h) − e(${w} − h)) / (2·h)`,
          formula: (at, r) =>
            `=(${at(KEYS.bumped(w), r)}-${at(KEYS.lowered(w), r)})/(2*${NAMES.h})`,
          cached: (row) => cachedNumber(row.central[w]),
        }
      );
    }
    const d = ctx.model.sheet.derivative(w);
    specs.push({
      key: KEYS.analytic(w),
      header: `de/d${w}`,
      style: "number",
      description: d.lossNote,
      formula: (at, r) => `=${d.loss(modelCells(at, r))}`,
      cached: (row) => cachedNumber(row.analytic[w]),
    });
  }
  return specs;
}

/** (ŷ with weight w moved by ±h, minus y)², with ŷ written out as the core's predict does. */
function nudged(ctx: RunContext, at: At, r: number, w: string, sign: "+" | "-"): string {
  const cell = (v: string) => (v === w ? `(${at(v, r)}${sign}${NAMES.h})` : at(v, r));
  return square(`${ctx.model.sheet.predict(cell, at("x", r))}-${at("y", r)}`);
}
