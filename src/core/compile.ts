/**
 * The fast loop compiled from the registries' formula text: for one model × optimizer × gradient,
 * the text the sheet shows (ŷ, the chain rule, e(w ± h), the optimizer's state and update) becomes
 * one JavaScript function with every weight, derivative and state slot in a local variable, as a
 * hand-written loop would hold them. The maths is therefore written once, in the registry; the
 * fast-loop test holds the compiled loop to bit-for-bit equality with train's recording loop.
 *
 * Formula text reads as JavaScript by `jsOf` (formula-js.ts), with every MAX argument a checked
 * temporary. A row whose error, gradient, updated weight or state, forward column or MAX argument
 * is not finite is recomputed by `exact` (the registry's numbers with the NaN rule at every value),
 * so the usual row pays for one test, off the path to ŷ, not for the rule at every value. Weights,
 * state, t and the SSE come in and go out through a Float64Array, so V8 holds them as doubles (a
 * local that starts as a small integer would be boxed on every row).
 */
import { jsOf } from "./formula-js";
import type { Model, ModelCells } from "./model";
import type { Optimizer, OptimizerCells } from "./optimizer";
import type { Divergence, GradientKind, OptimizerSettings, Weights } from "./types";

/**
 * A row recomputed by the registry's functions with the NaN rule at every value: from the weights
 * `w` and state `s` before the row, it leaves the updated weights in `w` and state in `s` and
 * returns the row's squared error.
 */
export type ExactRow = (
  w: Float64Array,
  s: Float64Array,
  x: number,
  y: number,
  t: number
) => number;

/** The first divergence of a row, or null (train.ts's checkDivergence). */
export type Check = (
  err: number,
  next: Float64Array,
  names: readonly string[],
  bound: number,
  epoch: number,
  row: number,
  step: number
) => Divergence | null;

/**
 * Rows r0 … r1 − 1 of epoch `e` (0-based; data indexes from `order`, or the rows in order when it
 * is null), one update per row. `v` carries the run between calls: the weights, then each weight's
 * state slots, then t (rows so far), then the epoch's SSE so far. `p` holds lr, h, 2h, β, β2, ε and
 * the divergence bound; `w`, `s`, `next` are scratch; `d.d` gets the run's first divergence.
 */
export type Rows = (
  X: Float64Array,
  Y: Float64Array,
  order: readonly number[] | null,
  r0: number,
  r1: number,
  v: Float64Array,
  p: Float64Array,
  w: Float64Array,
  s: Float64Array,
  next: Float64Array,
  d: { d: Divergence | null },
  e: number,
  exact: ExactRow,
  check: Check
) => void;

/** A compiled model × optimizer × gradient: its rows, and an epoch's weights by name from `we` at `o`. */
export interface CompiledLoop {
  rows: Rows;
  weights(we: Float64Array, o: number): Weights;
}

const cache = new Map<string, CompiledLoop | null>();

/** The compiled loop, or null where the host forbids compiling code (a strict Content-Security-Policy). */
export function compiledLoop(
  model: Model,
  opt: Optimizer,
  kind: GradientKind,
  s: OptimizerSettings
): CompiledLoop | null {
  const key = `${model.id}|${opt.id}|${kind}|${s.biasCorrection}`;
  if (!cache.has(key)) {
    let loop: CompiledLoop | null = null;
    try {
      loop = new Function(loopSource(model, opt, kind, s))() as CompiledLoop;
    } catch {
      loop = null;
    }
    cache.set(key, loop);
  }
  return cache.get(key)!;
}

/** The loop's source: a `CompiledLoop` (see `Rows`). */
export function loopSource(
  model: Model,
  opt: Optimizer,
  kind: GradientKind,
  s: OptimizerSettings
): string {
  const names = model.weights;
  const ws = names.map((_, i) => `w${i}`);
  const index = new Map(names.map((nm, i) => [nm, i]));
  const fwd = model.sheet.forward;
  const cells = (w: (name: string) => string): ModelCells => ({
    w,
    x: "x",
    y: "y",
    pred: "pred",
    at: (key) => `f${fwd.findIndex((f) => f.key === key)}`,
    grad: (nm) => `g${index.get(nm)}`,
  });
  const plain = cells((nm) => `w${index.get(nm)}`);
  const lines: string[] = [];
  const hoisted: string[] = [];
  /** A formula as JavaScript, its MAX arguments defined first as checked temporaries. */
  const js = (formula: string) => {
    const from = hoisted.length;
    const out = jsOf(formula, hoisted);
    for (let i = from; i < hoisted.length; i++) lines.push(`const m${i} = ${hoisted[i]};`);
    return out;
  };
  const nudge = (i: number, sign: string) =>
    js(
      model.sheet.predict(
        (nm) => (index.get(nm) === i ? `(w${i}${sign}h)` : `w${index.get(nm)}`),
        "x"
      )
    );
  fwd.forEach((f, j) => lines.push(`const f${j} = ${js(f.formula(plain))};`));
  lines.push(
    `const pred = ${js(model.sheet.pred(plain))};`,
    "const dv = pred - y;",
    "let err = dv * dv;"
  );
  if (kind === "analytic")
    for (const i of gradientOrder(model, plain))
      lines.push(`let g${i} = ${js(model.sheet.derivative(names[i]).loss(plain))};`);
  else
    ws.forEach((_, i) => {
      lines.push(`const u${i} = ${nudge(i, "+")} - y;`);
      if (kind === "forward") lines.push(`let g${i} = (u${i} * u${i} - err) / h;`);
      else
        lines.push(
          `const l${i} = ${nudge(i, "-")} - y;`,
          `let g${i} = (u${i} * u${i} - l${i} * l${i}) / h2;`
        );
    });
  const slots = opt.state;
  const ns = slots.length;
  ws.forEach((w, i) => {
    const oc: OptimizerCells = {
      g: `g${i}`,
      t: "t",
      prev: (sl) => `s${i}_${slots.indexOf(sl)}`,
      state: (sl) => `n${i}_${slots.indexOf(sl)}`,
      setting: (nm) => nm,
    };
    slots.forEach((sl, j) =>
      lines.push(`let n${i}_${j} = ${js(opt.sheet.state[sl].next(oc, s))};`)
    );
    lines.push(`let v${i} = ${w} - ${js(opt.sheet.update(oc, s))};`);
  });
  const each = (f: (i: number, j: number) => string) =>
    ws.flatMap((_, i) => slots.map((_s, j) => f(i, j)));
  // every value that reaches the epoch's numbers, and every forward column and MAX argument (where
  // an overflow could hide: MAX(0, −∞) is 0, and a comparison with NaN is false)
  const checked = [
    "err",
    ...fwd.map((_, j) => `f${j}`),
    ...hoisted.map((_, i) => `m${i}`),
    ...ws.flatMap((_, i) => [`g${i}`, `v${i}`]),
    ...each((i, j) => `n${i}_${j}`),
  ];
  // their sum is finite when they all are (a sum that overflows only sends the row to `exact`,
  // which gives the same numbers, slower)
  lines.push(`const all = ${balancedSum(checked)};`);
  lines.push(
    "if (all - all !== 0) {",
    ...ws.map((w, i) => `  W[${i}] = ${w};`),
    ...each((i, j) => `  S[${i * ns + j}] = s${i}_${j};`),
    "  err = exact(W, S, x, y, t);",
    ...ws.map((_, i) => `  v${i} = W[${i}];`),
    ...each((i, j) => `  n${i}_${j} = S[${i * ns + j}];`),
    "}",
    "sse += err;"
  );
  lines.push(
    `if (watch && !(Math.abs(err) <= bound${ws.map((_, i) => ` && v${i} === v${i}`).join("")})) {`,
    ...ws.map((_, i) => `  NEXT[${i}] = v${i};`),
    "  d.d = check(err, NEXT, names, bound, e + 1, r + 1, t);",
    "  watch = d.d === null;",
    "}"
  );
  ws.forEach((w, i) =>
    lines.push(`${w} = v${i};`, ...slots.map((_, j) => `s${i}_${j} = n${i}_${j};`))
  );
  // the run's variables as locals, from and back to v (typed-array loads: doubles from the start)
  const vars = [...ws, ...ws.flatMap((_, i) => slots.map((_s, j) => `s${i}_${j}`)), "t", "sse"];
  return `"use strict";
const names = ${JSON.stringify(names)};
function rows(X, Y, order, r0, r1, V, P, W, S, NEXT, d, e, exact, check) {
  const lr = P[0], h = P[1], h2 = P[2], beta = P[3], beta2 = P[4], eps = P[5], bound = P[6];
  let ${vars.map((v, i) => `${v} = V[${i}]`).join(", ")};
  let watch = d.d === null;
  for (let r = r0; r < r1; r++) {
    t++;
    const i = order === null ? r : order[r];
    const x = X[i], y = Y[i];
    ${lines.join("\n    ")}
  }
  ${vars.map((v, i) => `V[${i}] = ${v};`).join(" ")}
}
function weights(WE, o) {
  return { ${names.map((nm, i) => `${JSON.stringify(nm)}: WE[o + ${i}]`).join(", ")} };
}
return { rows, weights };`;
}

/** a + b + … as a balanced tree of additions (a short chain of dependent operations). */
function balancedSum(terms: string[]): string {
  if (terms.length === 1) return terms[0];
  const half = Math.ceil(terms.length / 2);
  return `(${balancedSum(terms.slice(0, half))} + ${balancedSum(terms.slice(half))})`;
}

/** Weight indexes in an order where every analytic derivative comes after the ones its formula reads. */
function gradientOrder(model: Model, cells: ModelCells): number[] {
  const k = model.weights.length;
  // no String.matchAll: the pane's ES2017 library lacks it
  const needs = model.weights.map((nm) =>
    (
      model.sheet
        .derivative(nm)
        .loss(cells)
        .match(/\bg\d+\b/g) ?? []
    ).map((m) => Number(m.slice(1)))
  );
  const done: number[] = [];
  const visit = (i: number, path: number[]) => {
    if (done.includes(i)) return;
    if (path.includes(i))
      throw new Error(`the analytic derivatives of ${model.id} read each other in a cycle`);
    needs[i].forEach((j) => visit(j, [...path, i]));
    done.push(i);
  };
  for (let i = 0; i < k; i++) visit(i, []);
  return done;
}
