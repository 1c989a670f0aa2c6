/**
 * The pieces of an explained optimizer update (an optimizer entry's `explain`, see
 * ./updates): a number with the quantity it is, and a weight's state slot.
 */
import type { ExplainSettings, Part, Ref, StepValues } from "./types";

export type { Part } from "./types";

/** A number in an explanation line, with the quantity it is (`ref`) and whether it is bracketed. */
export const n = (value: number, ref?: Ref, paren = true): Part => ({
  value,
  ...(ref ? { ref } : {}),
  ...(paren ? { paren } : {}),
});

/** The state slot `slot` of weight `w` after this step, or before it (the previous row's) with `before`. */
export const st = (v: StepValues, slot: string, w: string, before: boolean): Part =>
  n(
    (before ? v.stateBefore : v.state)[`${slot}_${w}`],
    { q: "state", slot, w, ...(before ? { prev: true } : {}) },
    before
  );

/** The update of weight `w` at a step, with numbers; `g` is the gradient that drove it, as parts. */
export type ExplainUpdate = (
  settings: ExplainSettings,
  v: StepValues,
  w: string,
  g: Part[]
) => Part[];

/** "w − lr·<by> = new w", with numbers: the weight before, the step it took, the new weight. */
export const stepped = (s: ExplainSettings, v: StepValues, w: string, by: Part[]): Part[] => [
  n(v.weights[w], { q: "weight", w }, false),
  " − ",
  n(s.lr, { q: "lr" }),
  "·",
  ...by,
  " = ",
  n(v.newWeights[w], { q: "next", w }, false),
];

/** "β·<slot before> + (1 − β)·g = <slot after>" (g² with `squared`): a running average's update. */
export const averaged = (
  v: StepValues,
  w: string,
  slot: string,
  beta: { value: number; q: "beta" | "beta2" },
  g: Part[],
  squared: boolean
): Part[] => [
  n(beta.value, { q: beta.q }),
  "·",
  st(v, slot, w, true),
  " + ",
  n(1 - beta.value),
  "·",
  ...g,
  squared ? "² = " : " = ",
  st(v, slot, w, false),
];

/** "/(√<root> + ε)". */
export const overRoot = (root: Part, eps: number): Part[] => [
  "/(√",
  root,
  " + ",
  n(eps, { q: "eps" }),
  ")",
];
