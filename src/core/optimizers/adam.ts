/**
 * Adam: m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t);
 * w ← w − lr·m̂ / (√v̂ + ε). Without bias correction m̂ = m and v̂ = v (graddesc's Adam sheet, which
 * also has ε = 0). The step and its formulas side by side.
 */
import { square } from "../formula-text";
import { averaged, n, overRoot, stepped, type Part } from "../explain/parts";
import { optimizer, type OptimizerCells } from "../optimizer";
import type { OptimizerSettings } from "../types";

/** v̂ as formula text: v / (1 − β2^t), or v without bias correction. */
const vHat = (c: OptimizerCells, s: OptimizerSettings) =>
  s.biasCorrection ? `${c.state("v")}/(1-${c.setting("beta2")}^${c.t})` : c.state("v");

export const adam = optimizer({
  id: "adam",
  label: "Adam",
  rule: "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  w ← w − lr·m̂ / (√v̂ + ε)",
  state: ["m", "v"],
  uses: ["beta", "beta2", "eps", "biasCorrection"],
  notes: { beta: "β1: how much of the running average m is kept each step." },
  step(w, g, s, o, t, lr, c) {
    const m = c.beta * s[o] + (1 - c.beta) * g;
    const v = c.beta2 * s[o + 1] + (1 - c.beta2) * (g * g);
    s[o] = m;
    s[o + 1] = v;
    const mHat = c.biasCorrection ? m / (1 - Math.pow(c.beta, t)) : m;
    const vHat = c.biasCorrection ? v / (1 - Math.pow(c.beta2, t)) : v;
    return w - (lr * mHat) / (Math.sqrt(vHat) + c.eps);
  },
  rate(lr, slot, t, c) {
    const v = slot("v");
    return lr / (Math.sqrt(c.biasCorrection ? v / (1 - Math.pow(c.beta2, t)) : v) + c.eps);
  },
  explain: (s, v, w, g) => {
    const { beta: b1, beta2: b2, eps, biasCorrection } = s.optimizerSettings;
    const t = v.batch?.t ?? v.step;
    const m = v.state[`m_${w}`],
      vv = v.state[`v_${w}`];
    const mHat = biasCorrection ? m / (1 - Math.pow(b1, t)) : m;
    const vHat = biasCorrection ? vv / (1 - Math.pow(b2, t)) : vv;
    const hat: Part[] = biasCorrection
      ? [
          `; m̂ = m/(1 − β1^t) = `,
          n(mHat, undefined, false),
          `, v̂ = v/(1 − β2^t) = `,
          n(vHat, undefined, false),
          ` (t = ${t})`,
        ]
      : ["; without bias correction m̂ = m, v̂ = v"];
    return [
      `m ← β1·m + (1 − β1)·g = `,
      ...averaged(v, w, "m", { value: b1, q: "beta" }, g, false),
      `; v ← β2·v + (1 − β2)·g² = `,
      ...averaged(v, w, "v", { value: b2, q: "beta2" }, g, true),
      ...hat,
      `; ${w} ← ${w} − lr·m̂/(√v̂ + ε) = `,
      ...stepped(s, v, w, [n(mHat), ...overRoot(n(vHat, undefined, false), eps)]),
    ];
  },
  sheet: {
    state: {
      m: {
        group: "Adam m",
        next: (c) => `${c.setting("beta")}*${c.prev("m")}+(1-${c.setting("beta")})*${c.g}`,
        note: (g) => `m ← β1·m + (1 − β1)·${g}: the running average of ${g} (starts at 0)`,
      },
      v: {
        group: "Adam v",
        next: (c) =>
          `${c.setting("beta2")}*${c.prev("v")}+(1-${c.setting("beta2")})*${square(c.g)}`,
        note: (g) =>
          `v ← β2·v + (1 − β2)·(${g})²: the running mean of the squared derivative (starts at 0)`,
      },
    },
    update(c, s) {
      const m = s.biasCorrection
        ? `(${c.state("m")}/(1-${c.setting("beta")}^${c.t}))`
        : c.state("m");
      return `${c.setting("lr")}*${m}/(SQRT(${vHat(c, s)})+${c.setting("eps")})`;
    },
    note: (w, _g, s) =>
      s.biasCorrection
        ? `new ${w} = ${w} − lr·m̂ / (√v̂ + ε), with m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t)`
        : `new ${w} = ${w} − lr·m / (√v + ε) (no bias correction)`,
    rate: (c, s) => `${c.setting("lr")}/(SQRT(${vHat(c, s)})+${c.setting("eps")})`,
  },
});
