/**
 * Each optimizer's update written with numbers, for a step's explanation (see ./explain-lines):
 * the rule of `src/core/optimizers/`, one entry per optimizer id.
 */
import type { ExplainSettings, Part, Ref, StepValues } from "./explain";
import type { OptimizerId } from "./types";

/** A number in an explanation line, with the quantity it is (`ref`) and whether it is bracketed. */
export const n = (value: number, ref?: Ref, paren = true): Part => ({
  value,
  ...(ref ? { ref } : {}),
  ...(paren ? { paren } : {}),
});

export type Update = (settings: ExplainSettings, v: StepValues, w: string, g: Part[]) => Part[];

const st = (v: StepValues, slot: string, w: string, before: boolean): Part =>
  n(
    (before ? v.stateBefore : v.state)[`${slot}_${w}`],
    { q: "state", slot, w, ...(before ? { prev: true } : {}) },
    before
  );

/** Each optimizer's state update and new weight, written with numbers (the rule of `src/core/optimizers.ts`). */
export const UPDATES: Record<OptimizerId, Update> = {
  sgd: (s, v, w, g) => [
    `${w} ← ${w} − lr·g = `,
    n(v.weights[w], { q: "weight", w }, false),
    " − ",
    n(s.lr, { q: "lr" }),
    "·",
    ...g,
    " = ",
    n(v.newWeights[w], { q: "next", w }, false),
  ],
  momentum: (s, v, w, g) => {
    const b = s.optimizerSettings.beta;
    return [
      `v ← β·v + (1 − β)·g = `,
      n(b, { q: "beta" }),
      "·",
      st(v, "v", w, true),
      " + ",
      n(1 - b),
      "·",
      ...g,
      " = ",
      st(v, "v", w, false),
      `; ${w} ← ${w} − lr·v = `,
      n(v.weights[w], { q: "weight", w }, false),
      " − ",
      n(s.lr, { q: "lr" }),
      "·",
      n(v.state[`v_${w}`], { q: "state", slot: "v", w }),
      " = ",
      n(v.newWeights[w], { q: "next", w }, false),
    ];
  },
  rmsprop: (s, v, w, g) => {
    const { beta: b, eps } = s.optimizerSettings;
    return [
      `s ← β·s + (1 − β)·g² = `,
      n(b, { q: "beta" }),
      "·",
      st(v, "s", w, true),
      " + ",
      n(1 - b),
      "·",
      ...g,
      "² = ",
      st(v, "s", w, false),
      `; ${w} ← ${w} − lr·g/(√s + ε) = `,
      n(v.weights[w], { q: "weight", w }, false),
      " − ",
      n(s.lr, { q: "lr" }),
      "·",
      ...g,
      "/(√",
      n(v.state[`s_${w}`], { q: "state", slot: "s", w }, false),
      " + ",
      n(eps, { q: "eps" }),
      ") = ",
      n(v.newWeights[w], { q: "next", w }, false),
    ];
  },
  adam: (s, v, w, g) => {
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
      n(b1, { q: "beta" }),
      "·",
      st(v, "m", w, true),
      " + ",
      n(1 - b1),
      "·",
      ...g,
      " = ",
      st(v, "m", w, false),
      `; v ← β2·v + (1 − β2)·g² = `,
      n(b2, { q: "beta2" }),
      "·",
      st(v, "v", w, true),
      " + ",
      n(1 - b2),
      "·",
      ...g,
      "² = ",
      st(v, "v", w, false),
      ...hat,
      `; ${w} ← ${w} − lr·m̂/(√v̂ + ε) = `,
      n(v.weights[w], { q: "weight", w }, false),
      " − ",
      n(s.lr, { q: "lr" }),
      "·",
      n(mHat),
      "/(√",
      n(vHat, undefined, false),
      " + ",
      n(eps, { q: "eps" }),
      ") = ",
      n(v.newWeights[w], { q: "next", w }, false),
    ];
  },
};
