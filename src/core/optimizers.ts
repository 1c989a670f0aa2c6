/**
 * The optimizer registry. Each entry updates one weight from its gradient g and its own state
 * slots, in the exact operation order the sheet's formulas use. State starts at 0 and carries
 * across epochs; t is the 1-based step number over the whole run.
 */
import type { OptimizerId, OptimizerSettings } from "./types";

export interface Optimizer {
  id: OptimizerId;
  label: string;
  /** The update in one line. */
  rule: string;
  /** State slots per weight, e.g. ["v"] for momentum, ["m", "v"] for Adam. */
  state: readonly string[];
  /** Which settings it reads. */
  uses: readonly (keyof OptimizerSettings)[];
  /** New weight; updates `s` (this weight's state slots, starting at `o`) in place. */
  step(w: number, g: number, s: Float64Array, o: number, t: number, lr: number, c: OptimizerSettings): number;
}

/** w ← w − lr·g */
const sgd: Optimizer = {
  id: "sgd",
  label: "SGD",
  rule: "w ← w − lr·g",
  state: [],
  uses: [],
  step: (w, g, _s, _o, _t, lr) => w - lr * g,
};

/** v ← β·v + (1 − β)·g; w ← w − lr·v (graddesc's momentum sheet, state from 0). */
const momentum: Optimizer = {
  id: "momentum",
  label: "Momentum",
  rule: "v ← β·v + (1 − β)·g;  w ← w − lr·v",
  state: ["v"],
  uses: ["beta"],
  step(w, g, s, o, _t, lr, c) {
    const v = c.beta * s[o] + (1 - c.beta) * g;
    s[o] = v;
    return w - lr * v;
  },
};

/** s ← β·s + (1 − β)·g²; w ← w − lr·g / (√s + ε). */
const rmsprop: Optimizer = {
  id: "rmsprop",
  label: "RMSProp",
  rule: "s ← β·s + (1 − β)·g²;  w ← w − lr·g / (√s + ε)",
  state: ["s"],
  uses: ["beta", "eps"],
  step(w, g, s, o, _t, lr, c) {
    const ms = c.beta * s[o] + (1 - c.beta) * (g * g);
    s[o] = ms;
    return w - (lr * g) / (Math.sqrt(ms) + c.eps);
  },
};

/**
 * m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t);
 * w ← w − lr·m̂ / (√v̂ + ε). Without bias correction m̂ = m and v̂ = v (graddesc's Adam sheet,
 * which also has ε = 0).
 */
const adam: Optimizer = {
  id: "adam",
  label: "Adam",
  rule: "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  w ← w − lr·m̂ / (√v̂ + ε)",
  state: ["m", "v"],
  uses: ["beta", "beta2", "eps", "biasCorrection"],
  step(w, g, s, o, t, lr, c) {
    const m = c.beta * s[o] + (1 - c.beta) * g;
    const v = c.beta2 * s[o + 1] + (1 - c.beta2) * (g * g);
    s[o] = m;
    s[o + 1] = v;
    const mHat = c.biasCorrection ? m / (1 - Math.pow(c.beta, t)) : m;
    const vHat = c.biasCorrection ? v / (1 - Math.pow(c.beta2, t)) : v;
    return w - (lr * mHat) / (Math.sqrt(vHat) + c.eps);
  },
};

export const OPTIMIZERS: Readonly<Record<OptimizerId, Optimizer>> = { sgd, momentum, rmsprop, adam };

export const OPTIMIZER_IDS = Object.keys(OPTIMIZERS) as OptimizerId[];
