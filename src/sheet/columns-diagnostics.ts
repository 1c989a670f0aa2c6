/**
 * Diagnostic columns of the step table, as `src/core/diagnostics.ts` computes them:
 * the stability k of each step (k = 2·lr·‖∇w ŷ‖² for SGD and Momentum, 2·Σ η_w·(∂ŷ/∂w)² with
 * RMSProp's or Adam's per-weight rate η_w), where k > 2 means the step overshoots and the row's
 * error grows; and the derivative check, |estimate − analytic| / |analytic| for the forward (and
 * central) differences, so a learner sees the bias of h.
 */
import { relativeError, stabilityK, type StepRow } from "../core";
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import { modelCells, type RunContext } from "./context";
import { optimizerCellsOf } from "./columns-optimizer";
import { square } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

/** The key of the stability column. */
export const STABILITY_KEY = "k";

const DIV_ERROR: { error: "#DIV/0!" } = Object.freeze({ error: "#DIV/0!" as const });

/**
 * True when a per-weight rate η_w divides by exactly 0 (e.g. RMSProp with ε = 0 and a state still
 * 0, before a mini-batch's first update): the core's η is Infinity, the cell shows #DIV/0!.
 */
function rateDividesByZero(ctx: RunContext, row: StepRow): boolean {
  const rate = ctx.optimizer.rate;
  if (!rate) return false;
  const t = row.batch?.t ?? row.step;
  // with lr = 1 the rate is infinite only when its denominator is exactly 0 (√v̂ + ε ≥ 1e-162 otherwise)
  return ctx.weights.some(
    (w) =>
      Math.abs(rate(1, (slot) => row.state[`${slot}_${w}`], t, ctx.config.optimizerSettings)) ===
      Infinity
  );
}

/** k = 2·lr·(Σ (∂ŷ/∂w)²), or with per-weight rates 2·(Σ η_w·(∂ŷ/∂w)²), in `stabilityK`'s order. */
function stabilityFormula(ctx: RunContext, at: At, r: number): string {
  const cells = modelCells(at, r);
  const sq = (w: string) => {
    const g = ctx.model.sheet.derivative(w).pred(cells);
    return g === "1" ? "1" : square(g);
  };
  const rate = ctx.optimizer.sheet.rate;
  if (!rate) return `=2*${NAMES.lr}*(${ctx.weights.map(sq).join("+")})`;
  const set = ctx.config.optimizerSettings;
  return `=2*(${ctx.weights.map((w) => `${rate(optimizerCellsOf(ctx, at, r, w), set)}*${sq(w)}`).join("+")})`;
}

export function diagnosticColumns(ctx: RunContext): ColumnSpec[] {
  const specs: ColumnSpec[] = [
    {
      key: STABILITY_KEY,
      header: "k",
      group: "stability",
      style: "number",
      width: 10,
      description: !ctx.optimizer.rate
        ? "k = 2·lr·‖∇ŷ‖²: one step scales this row's residual by about (1 − k); k > 2 overshoots and the error grows"
        : "k = 2·Σ η_w·(∂ŷ/∂w)², η_w the optimizer's per-weight rate: k > 2 overshoots and the row's error grows",
      formula: (at, r) => stabilityFormula(ctx, at, r),
      cached: (row) =>
        rateDividesByZero(ctx, row) ? DIV_ERROR : cachedNumber(stabilityK(ctx.result, row)),
    },
  ];
  const central = ctx.config.gradient === "central";
  ctx.weights.forEach((w, i) => {
    const check = (kind: "fwd" | "ctr") => {
      const est = kind === "fwd" ? KEYS.forward(w) : KEYS.central(w);
      return (at: At, r: number) => {
        const e = at(est, r);
        const a = at(KEYS.analytic(w), r);
        return `=IF(${e}=${a},0,ABS(${e}-${a})/MAX(ABS(${a}),1e-300))`;
      };
    };
    specs.push({
      key: `relErr${w.toUpperCase()}_fwd`,
      header: `fwd error ${w}`,
      group: i === 0 ? "derivative check" : undefined,
      style: "number",
      width: 10,
      description: `relative error of the forward difference for ${w}: |fwd − analytic| / |analytic| (its bias is about h/2·∂²e/∂${w}²)`,
      formula: check("fwd"),
      cached: (row) => cachedNumber(relativeError(row.forward[w], row.analytic[w])),
    });
    if (central)
      specs.push({
        key: `relErr${w.toUpperCase()}_ctr`,
        header: `central error ${w}`,
        style: "number",
        width: 10,
        description: `relative error of the central difference for ${w}: |central − analytic| / |analytic| (no first-order bias)`,
        formula: check("ctr"),
        cached: (row) => cachedNumber(relativeError(row.central[w], row.analytic[w])),
      });
  });
  return specs;
}
