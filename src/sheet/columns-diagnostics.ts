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
import type { RunContext } from "./context";
import { stepNumberKey } from "./columns-optimizer";
import { square } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

/** The key of the stability column. */
export const STABILITY_KEY = "k";

/** ∂ŷ/∂w as formula text, as `predGrad` in `src/core/models.ts` computes it ("1" for d and for b of one neuron). */
function predGradText(ctx: RunContext, at: At, r: number, w: string): string {
  const x = at("x", r);
  switch (ctx.config.model) {
    case "linear":
      return w === "a" ? x : "1";
    case "two-linear":
      return { a: `${at("c", r)}*${x}`, b: at("c", r), c: at("z", r), d: "1" }[w] as string;
    case "two-relu": {
      const z = at("z", r);
      return { a: `IF(${z}>0,${at("c", r)}*${x},0)`, b: `IF(${z}>0,${at("c", r)},0)`, c: at("relu", r), d: "1" }[w] as string;
    }
    default: {
      // relu-n: weight a_j, b_j or c_j of neuron j, or d
      if (w === "d") return "1";
      const j = w.slice(1);
      const z = at(`z${j}`, r);
      const c = at(`c${j}`, r);
      return w[0] === "a" ? `IF(${z}>0,${c}*${x},0)` : w[0] === "b" ? `IF(${z}>0,${c},0)` : at(`relu${j}`, r);
    }
  }
}

/** η_w as formula text for RMSProp and Adam (the state after this row's update). */
function rateText(ctx: RunContext, at: At, r: number, w: string): string {
  const { lr, eps, beta2 } = NAMES;
  if (ctx.config.optimizer === "rmsprop") return `${lr}/(SQRT(${at(KEYS.state("s", w), r)})+${eps})`;
  const v = at(KEYS.state("v", w), r);
  return ctx.config.optimizerSettings.biasCorrection
    ? `${lr}/(SQRT(${v}/(1-${beta2}^${at(stepNumberKey(ctx), r)}))+${eps})`
    : `${lr}/(SQRT(${v})+${eps})`;
}

const DIV_ERROR: { error: "#DIV/0!" } = Object.freeze({ error: "#DIV/0!" as const });

/**
 * True when a per-weight rate η_w = lr / (√s + ε) divides by exactly 0 (ε = 0 and a state still 0,
 * e.g. before a mini-batch's first update): the core's η is Infinity, the cell shows #DIV/0!.
 */
function rateDividesByZero(ctx: RunContext, row: StepRow): boolean {
  const { optimizer, optimizerSettings: s } = ctx.config;
  if (optimizer !== "rmsprop" && optimizer !== "adam") return false;
  const slot = optimizer === "rmsprop" ? "s" : "v";
  return ctx.weights.some((w) => {
    const v = row.state[`${slot}_${w}`];
    const t = row.batch?.t ?? row.step;
    const vHat = optimizer === "adam" && s.biasCorrection ? v / (1 - Math.pow(s.beta2, t)) : v;
    return Number.isFinite(vHat) && Math.sqrt(vHat) + s.eps === 0;
  });
}

function stabilityFormula(ctx: RunContext, at: At, r: number): string {
  const sq = (w: string) => {
    const g = predGradText(ctx, at, r, w);
    return g === "1" ? "1" : square(g);
  };
  const uniform = ctx.config.optimizer === "sgd" || ctx.config.optimizer === "momentum";
  if (uniform) return `=2*${NAMES.lr}*(${ctx.weights.map(sq).join("+")})`;
  return `=2*(${ctx.weights.map((w) => `${rateText(ctx, at, r, w)}*${sq(w)}`).join("+")})`;
}

export function diagnosticColumns(ctx: RunContext): ColumnSpec[] {
  const specs: ColumnSpec[] = [
    {
      key: STABILITY_KEY,
      header: "k",
      group: "stability",
      style: "number",
      width: 10,
      description:
        ctx.config.optimizer === "sgd" || ctx.config.optimizer === "momentum"
          ? "k = 2·lr·‖∇ŷ‖²: one step scales this row's residual by about (1 − k); k > 2 overshoots and the error grows"
          : "k = 2·Σ η_w·(∂ŷ/∂w)², η_w the optimizer's per-weight rate: k > 2 overshoots and the row's error grows",
      formula: (at, r) => stabilityFormula(ctx, at, r),
      cached: (row) => (rateDividesByZero(ctx, row) ? DIV_ERROR : cachedNumber(stabilityK(ctx.result, row))),
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
