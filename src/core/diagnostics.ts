/**
 * Diagnostics that answer the forum's questions from a recorded run: why a step overshoots
 * (stability k), why a run exploded, when a ReLU died, and how biased finite differences are.
 */
import { MODELS } from "./models";
import { OPTIMIZERS } from "./optimizers";
import type { RunResult, StepRow } from "./types";

/**
 * Per-weight effective learning rate η_w of a row: lr for SGD and Momentum (Momentum's steady
 * state), lr / (√s + ε) for RMSProp, lr / (√v̂ + ε) for Adam, with the state after the row's update
 * (with mini-batches: the state after the row, and t the step number of the row's batch).
 */
export function effectiveRates(result: RunResult, row: StepRow): Record<string, number> {
  const { config } = result;
  const opt = OPTIMIZERS[config.optimizer];
  const t = row.batch?.t ?? row.step;
  const out: Record<string, number> = {};
  for (const w of MODELS[config.model].weights)
    out[w] = opt.rate
      ? opt.rate(config.lr, (slot) => row.state[`${slot}_${w}`], t, config.optimizerSettings)
      : config.lr;
  return out;
}

/**
 * Stability of a row's step: k = 2·Σ_w η_w·(∂ŷ/∂w)², which for SGD and Momentum is
 * 2·lr·‖∇w ŷ‖². One step changes the row's residual ŷ − y by about a factor (1 − k): above k = 2
 * the step overshoots so far that the row's error grows. Computed in the sheet's operation order:
 * 2·lr·(g_a² + g_b² + …) when every η is lr, else 2·(η_a·g_a² + η_b·g_b² + …).
 */
export function stabilityK(result: RunResult, row: StepRow): number {
  const model = MODELS[result.config.model];
  const w = Float64Array.from(model.weights, (n) => row.weights[n]);
  const gp = new Float64Array(model.weights.length);
  model.predGrad(w, row.x, gp);
  const eta = OPTIMIZERS[result.config.optimizer].rate ? effectiveRates(result, row) : undefined;
  let sum = 0;
  model.weights.forEach((n, i) => {
    const sq = gp[i] * gp[i];
    sum = i === 0 ? (eta ? eta[n] * sq : sq) : sum + (eta ? eta[n] * sq : sq);
  });
  return eta ? 2 * sum : 2 * result.config.lr * sum;
}

export interface DivergenceExplanation {
  step: number;
  epoch: number;
  row: number;
  x: number;
  /** The first step at or before the divergence whose k exceeded 2, if any. */
  firstOvershoot: { step: number; x: number; k: number } | null;
  /** The weight that grew the most (by |value| relative to the run's start). */
  weight: string;
  from: number;
  to: number;
  text: string;
}

/** Why the run diverged, from its rows; null when it did not diverge. */
export function explainDivergence(result: RunResult): DivergenceExplanation | null {
  const d = result.divergence;
  if (!d || !result.rows) return null;
  const rows = result.rows.slice(0, d.step);
  const at = rows[rows.length - 1];
  let firstOvershoot: DivergenceExplanation["firstOvershoot"] = null;
  for (const r of rows) {
    const k = stabilityK(result, r);
    if (k > 2) {
      firstOvershoot = { step: r.step, x: r.x, k };
      break;
    }
  }
  const start = result.config.init;
  let weight = Object.keys(start)[0];
  let growth = -Infinity;
  for (const [n, v0] of Object.entries(start)) {
    const v = at.newWeights[n];
    const gr = Number.isFinite(v) ? Math.abs(v) / Math.max(Math.abs(v0), 1e-12) : Infinity;
    if (gr > growth) ((growth = gr), (weight = n));
  }
  const over = firstOvershoot
    ? ` The first step that overshot was step ${firstOvershoot.step} (x = ${fmt(firstOvershoot.x)}): k = 2·lr·‖∇ŷ‖² was ${fmt(firstOvershoot.k)}, above 2, so that row's error grew instead of shrinking, and the larger weights made the next steps larger still.`
    : " No single step had k above 2: the error grew through the optimizer's accumulated state.";
  const text =
    `The run diverged at step ${d.step} (epoch ${d.epoch}, row ${d.row}, x = ${fmt(at.x)}): ${d.reason}` +
    over +
    ` Weight ${weight} grew the most, from ${fmt(start[weight])} to ${fmt(at.newWeights[weight])}.` +
    ` A smaller learning rate keeps k below 2 on the largest x.`;
  return {
    step: d.step,
    epoch: d.epoch,
    row: d.row,
    x: at.x,
    firstOvershoot,
    weight,
    from: start[weight],
    to: at.newWeights[weight],
    text,
  };
}

export interface DeadReluEpoch {
  epoch: number;
  /** Rows whose derivatives for a, b and c are all exactly 0. */
  deadRows: number;
  rows: number;
}

export interface DeadReluReport {
  epochs: DeadReluEpoch[];
  /** The step from which every remaining row is dead, or null. */
  deadFrom: number | null;
  text: string;
}

/** The weights whose analytic derivatives are all exactly 0 on a dead-ReLU row: every weight but d. */
export function reluWeights(model: RunResult["config"]["model"]): string[] | null {
  const dead = MODELS[model].deadRelu;
  return dead ? [...dead.weights] : null;
}

/**
 * Dead-ReLU rows of a ReLU run: rows where the analytic derivatives of every weight but d are
 * exactly 0 (a·x + b ≤ 0; for a wide layer, a_j·x + b_j ≤ 0 for every neuron j at once).
 */
export function deadRelu(result: RunResult): DeadReluReport | null {
  const note = MODELS[result.config.model].deadRelu;
  if (!note || !result.rows) return null;
  const dead = (r: StepRow) => note.weights.every((w) => r.analytic[w] === 0);
  const epochs: DeadReluEpoch[] = result.epochs.map((e) => ({
    epoch: e.epoch,
    deadRows: 0,
    rows: 0,
  }));
  for (const r of result.rows) {
    epochs[r.epoch - 1].rows++;
    if (dead(r)) epochs[r.epoch - 1].deadRows++;
  }
  let deadFrom: number | null = null;
  for (let i = result.rows.length - 1; i >= 0 && dead(result.rows[i]); i--)
    deadFrom = result.rows[i].step;
  const last = result.rows[result.rows.length - 1];
  return {
    epochs,
    deadFrom,
    text: deadFrom === null ? note.alive : note.dead(deadFrom, last, fmt),
  };
}

export interface DerivativeCheck {
  weight: string;
  /** Largest and mean relative error |estimate − analytic| / |analytic| over rows where analytic ≠ 0. */
  forward: { max: number; mean: number };
  central: { max: number; mean: number };
}

/** Relative error of an estimate against the analytic derivative (0 when both are 0). */
export function relativeError(estimate: number, analytic: number): number {
  if (estimate === analytic) return 0;
  return Math.abs(estimate - analytic) / Math.max(Math.abs(analytic), 1e-300);
}

/** Forward and central differences against the analytic derivative, per weight, over the finite rows. */
export function derivativeCheck(result: RunResult): DerivativeCheck[] {
  if (!result.rows) return [];
  return MODELS[result.config.model].weights.map((w) => {
    const f = { max: 0, sum: 0 };
    const c = { max: 0, sum: 0 };
    let n = 0;
    for (const r of result.rows!) {
      const an = r.analytic[w];
      if (
        !Number.isFinite(an) ||
        an === 0 ||
        !Number.isFinite(r.forward[w]) ||
        !Number.isFinite(r.central[w])
      )
        continue;
      const ef = relativeError(r.forward[w], an);
      const ec = relativeError(r.central[w], an);
      f.max = Math.max(f.max, ef);
      c.max = Math.max(c.max, ec);
      f.sum += ef;
      c.sum += ec;
      n++;
    }
    return {
      weight: w,
      forward: { max: f.max, mean: n ? f.sum / n : 0 },
      central: { max: c.max, mean: n ? c.sum / n : 0 },
    };
  });
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(3)
    : String(Number(v.toPrecision(6)));
}
