/**
 * The fast training loop: summary-only runs (`train(config, { rows: false })`, one update per
 * row). It computes exactly what train's recording loop computes, with the registries' own maths
 * (compiled from their formulas by compile.ts, or their functions called row by row where a host
 * cannot compile code), the same NaN rule and the same divergence, but records nothing per row
 * and checks finiteness once per row: a row's prediction, error and gradient are first computed
 * without train's per-value NaN rule; when all are finite that rule changes nothing, and when one
 * is not, the row is recomputed with the rule at every value (`exactRow`).
 * tests/unit/core/fast-loop.test.ts holds it to bit-for-bit equality with the recorded run over
 * every model × optimizer × gradient, overflow included.
 */
import { compiledLoop, type Check, type CompiledLoop, type ExactRow, type Rows } from "./compile";
import { fin, type Model } from "./model";
import type { Optimizer } from "./optimizer";
import { MODELS } from "./models";
import { OPTIMIZERS } from "./optimizers";
import { progressDue, type ProgressHook } from "./progress";
import type { Divergence, EpochSummary, RunConfig, RunResult, Weights } from "./types";

/** Gradient kinds as codes: 0 analytic, 1 forward, 2 central. */
const KIND = { analytic: 0, forward: 1, central: 2 } as const;

/**
 * The summary-only run of `config` (batch size 1): the loop compiled from the registries' formulas
 * (compile.ts), or where the host cannot compile code, the registry's functions called row by row.
 * With a `hook`, the rows run in chunks that end on its steps (see `ProgressHook`); without one,
 * each epoch is one call of the rows.
 */
export function trainFast(config: RunConfig, check: Check, hook?: ProgressHook): RunResult {
  const model = MODELS[config.model];
  const opt = OPTIMIZERS[config.optimizer];
  const loop = compiledLoop(model, opt, config.gradient, config.optimizerSettings);
  return runRows(config, loop ?? registryLoop(config, model, opt), check, hook);
}

/** Runs `loop` over the config's epochs and rows: the one driver of the compiled and registry loops. */
export function runRows(
  config: RunConfig,
  loop: CompiledLoop,
  check: Check,
  hook?: ProgressHook
): RunResult {
  const model = MODELS[config.model];
  const opt = OPTIMIZERS[config.optimizer];
  const names = model.weights;
  const k = names.length;
  const ns = opt.state.length;
  const { data, epochs: E, optimizerSettings: set } = config;
  const n = data.length;
  const T = k + k * ns; // where t sits in v, and the epoch's SSE after it
  const v = new Float64Array(T + 2);
  for (let i = 0; i < k; i++) v[i] = config.init[names[i]];
  // x and y as doubles in typed arrays: one load shape whatever numbers the data objects hold
  // (a plain loop: Float64Array.from with a mapping function calls it through the builtin, slowly)
  const X = new Float64Array(n);
  const Y = new Float64Array(n);
  for (let i = 0; i < n; i++) ((X[i] = data[i].x), (Y[i] = data[i].y));
  const P = Float64Array.of(config.lr, config.h, 2 * config.h, set.beta, set.beta2, set.eps, 0);
  P[6] = config.divergenceBound;
  const w = new Float64Array(k);
  const s = new Float64Array(k * ns);
  const next = new Float64Array(k);
  const d: { d: Divergence | null } = { d: null };
  const exact = exactStep(config, model, opt);
  const sse = new Float64Array(E);
  const we = new Float64Array(E * k);
  let done = 0;
  let stopped: number | undefined;
  for (let e = 0; e < E && stopped === undefined; e++) {
    const order = config.order ? config.order[e] : null;
    v[T + 1] = 0;
    if (!hook) loop.rows(X, Y, order, 0, n, v, P, w, s, next, d, e, exact, check);
    else
      for (let r0 = 0; r0 < n && stopped === undefined;) {
        const r1 = Math.min(n, r0 + hook.every - (v[T] % hook.every));
        loop.rows(X, Y, order, r0, r1, v, P, w, s, next, d, e, exact, check);
        r0 = r1;
        if (progressDue(hook, v[T], E * n, r0 === n ? e + 1 : e)) stopped = v[T];
      }
    if (stopped !== undefined && v[T] % n !== 0) break;
    sse[e] = v[T + 1];
    for (let i = 0; i < k; i++) we[e * k + i] = v[i];
    done = e + 1;
  }
  const epochs: EpochSummary[] = [];
  for (let e = 0; e < done; e++) {
    const sum = fin(sse[e]);
    epochs.push({
      epoch: e + 1,
      sse: sum,
      rootSse: Math.sqrt(sum),
      rmse: Math.sqrt(sum / n),
      weights: loop.weights(we, e * k),
    });
  }
  const result: RunResult = { config, epochs, divergence: d.d };
  return stopped === undefined ? result : { ...result, stopped };
}

/** The loop through the registry's own functions (hosts that forbid compiling code). */
export function registryLoop(config: RunConfig, model: Model, opt: Optimizer): CompiledLoop {
  const names = model.weights;
  const k = names.length;
  const ns = opt.state.length;
  const kind = KIND[config.gradient];
  const set = config.optimizerSettings;
  const probe = new Float64Array(k);
  const g = new Float64Array(k + 2);
  const rows: Rows = (X, Y, order, r0, r1, v, P, w, s, next, d, e, exact, check) => {
    const [lr, h, h2, , , , bound] = P;
    const T = k + k * ns;
    w.set(v.subarray(0, k));
    s.set(v.subarray(k, T));
    let t = v[T];
    let sse = v[T + 1];
    for (let r = r0; r < r1; r++) {
      t++;
      const i = order === null ? r : order[r];
      const x = X[i],
        y = Y[i];
      const pred = model.predict(w, x);
      const dv = pred - y;
      let err = dv * dv;
      // ok stays 0 while every value is finite (v − v is 0 for a finite v, NaN otherwise)
      let ok = pred - pred + (err - err);
      if (kind === 0) {
        model.lossGrad(w, x, y, pred, g);
        for (let j = 0; j < k; j++) ok += g[j] - g[j];
      } else {
        probe.set(w);
        for (let j = 0; j < k; j++) {
          probe[j] = w[j] + h;
          const u = model.predict(probe, x) - y;
          if (kind === 1) g[j] = (u * u - err) / h;
          else {
            probe[j] = w[j] - h;
            const l = model.predict(probe, x) - y;
            g[j] = (u * u - l * l) / h2;
          }
          probe[j] = w[j];
          ok += g[j] - g[j];
        }
      }
      if (ok !== 0) {
        exactRow(model, kind, h, w, x, y, g);
        err = g[k + 1];
      }
      sse += err;
      let finite = Math.abs(err) <= bound;
      for (let j = 0; j < k; j++) {
        const nv = fin(opt.step(w[j], g[j], s, j * ns, t, lr, set));
        next[j] = nv;
        finite = finite && nv === nv;
      }
      for (let j = 0; j < s.length; j++) s[j] = fin(s[j]);
      if (d.d === null && !finite) d.d = check(err, next, names, bound, e + 1, r + 1, t);
      w.set(next);
    }
    v.set(w);
    v.set(s, k);
    v[T] = t;
    v[T + 1] = sse;
  };
  return { rows, weights: (we, o) => weightsOf(names, we.subarray(o, o + k)) };
}

/** A whole row as train.ts computes it, for the compiled loop's rows where something is not finite. */
function exactStep(config: RunConfig, model: Model, opt: Optimizer): ExactRow {
  const k = model.weights.length;
  const ns = opt.state.length;
  const kind = KIND[config.gradient];
  const out = new Float64Array(k + 2);
  const next = new Float64Array(k);
  return (w, s, x, y, t) => {
    exactRow(model, kind, config.h, w, x, y, out);
    for (let i = 0; i < k; i++)
      next[i] = fin(opt.step(w[i], out[i], s, i * ns, t, config.lr, config.optimizerSettings));
    for (let i = 0; i < s.length; i++) s[i] = fin(s[i]);
    w.set(next);
    return out[k + 1];
  };
}

/**
 * A row as train.ts computes it (the NaN rule at every value), for rows where something is not
 * finite: `out` gets the gradient in weight order, then ŷ, then the error.
 */
function exactRow(
  model: Model,
  kind: number,
  h: number,
  w: Float64Array,
  x: number,
  y: number,
  out: Float64Array
): void {
  const k = model.weights.length;
  const pred = fin(model.predict(w, x));
  const d = pred - y;
  const err = fin(d * d);
  if (kind === 0) {
    model.lossGrad(w, x, y, pred, out);
    for (let i = 0; i < k; i++) out[i] = fin(out[i]);
  } else {
    const probe = Float64Array.from(w);
    for (let i = 0; i < k; i++) {
      probe[i] = w[i] + h;
      const db = model.predict(probe, x) - y;
      const bumped = fin(db * db);
      if (kind === 1) out[i] = fin((bumped - err) / h);
      else {
        probe[i] = w[i] - h;
        const dl = model.predict(probe, x) - y;
        out[i] = fin((bumped - fin(dl * dl)) / (2 * h));
      }
      probe[i] = w[i];
    }
  }
  out[k] = pred;
  out[k + 1] = err;
}

function weightsOf(names: readonly string[], v: Float64Array): Weights {
  const o: Weights = {};
  for (let i = 0; i < names.length; i++) o[names[i]] = v[i];
  return o;
}
