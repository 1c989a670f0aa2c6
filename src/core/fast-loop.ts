/**
 * The fast training loop: summary-only runs (`train(config, { rows: false })`, one update per
 * row). It computes exactly what train's recording loop computes, with the registries' own
 * predict, lossGrad and step (so the maths lives in one place), the same NaN rule and the same
 * divergence, but records nothing per row and checks finiteness once per row: a row's prediction,
 * error and gradient are first computed without train's per-value NaN rule; when all are finite
 * that rule changes nothing, and when one is not, the row is recomputed with the rule at every
 * value (`exactRow`). tests/unit/core/fast-loop.test.ts holds it to bit-for-bit equality with the
 * recorded run over every model × optimizer × gradient, overflow included.
 */
import { compiledLoop, type ExactRow } from "./compile";
import { fin, type Model } from "./model";
import type { Optimizer } from "./optimizer";
import { MODELS } from "./models";
import { OPTIMIZERS } from "./optimizers";
import type { Divergence, EpochSummary, RunConfig, RunResult, Weights } from "./types";

/** Where a row's first divergence is described; train.ts passes its own checkDivergence. */
export type DivergenceCheck = (
  err: number,
  next: Float64Array,
  names: readonly string[],
  bound: number,
  epoch: number,
  row: number,
  step: number
) => Divergence | null;

/** Gradient kinds as codes: 0 analytic, 1 forward, 2 central. */
const KIND = { analytic: 0, forward: 1, central: 2 } as const;

/**
 * The summary-only run of `config` (batch size 1): the loop compiled from the registries' formulas
 * (compile.ts), or where the host cannot compile code, the registry's functions called row by row.
 */
export function trainFast(config: RunConfig, check: DivergenceCheck): RunResult {
  const model = MODELS[config.model];
  const opt = OPTIMIZERS[config.optimizer];
  const compiled = compiledLoop(model, opt, config.gradient, config.optimizerSettings);
  if (compiled) {
    const { epochs, divergence } = compiled(config, exactStep(config, model, opt), check);
    return { config, epochs, divergence };
  }
  return registryLoop(config, model, opt, check);
}

/** The loop through the registry's own functions (hosts that forbid compiling code). */
export function registryLoop(
  config: RunConfig,
  model: Model,
  opt: Optimizer,
  check: DivergenceCheck
): RunResult {
  const names = model.weights;
  const k = names.length;
  const ns = opt.state.length;
  const { lr, h, data, divergenceBound: bound, optimizerSettings: set } = config;
  const kind = KIND[config.gradient];
  const n = data.length;
  const w = Float64Array.from(names, (nm) => config.init[nm]);
  const probe = new Float64Array(k);
  const g = new Float64Array(k + 2);
  const next = new Float64Array(k);
  const s = new Float64Array(k * ns);
  const h2 = 2 * h;
  const epochs: EpochSummary[] = [];
  let divergence: Divergence | null = null;
  let t = 0;
  for (let e = 0; e < config.epochs; e++) {
    const order = config.order?.[e];
    let sse = 0;
    for (let r = 0; r < n; r++) {
      t++;
      const p = data[order ? order[r] : r];
      const x = p.x,
        y = p.y;
      const pred = model.predict(w, x);
      const dv = pred - y;
      let err = dv * dv;
      // ok stays 0 while every value is finite (v − v is 0 for a finite v, NaN otherwise)
      let ok = pred - pred + (err - err);
      if (kind === 0) {
        model.lossGrad(w, x, y, pred, g);
        for (let i = 0; i < k; i++) ok += g[i] - g[i];
      } else {
        probe.set(w);
        for (let i = 0; i < k; i++) {
          probe[i] = w[i] + h;
          const u = model.predict(probe, x) - y;
          if (kind === 1) g[i] = (u * u - err) / h;
          else {
            probe[i] = w[i] - h;
            const l = model.predict(probe, x) - y;
            g[i] = (u * u - l * l) / h2;
          }
          probe[i] = w[i];
          ok += g[i] - g[i];
        }
      }
      if (ok !== 0) {
        exactRow(model, kind, h, w, x, y, g);
        err = g[k + 1];
      }
      sse += err;
      let finite = Math.abs(err) <= bound;
      for (let i = 0; i < k; i++) {
        const v = fin(opt.step(w[i], g[i], s, i * ns, t, lr, set));
        next[i] = v;
        finite = finite && v === v;
      }
      for (let i = 0; i < s.length; i++) s[i] = fin(s[i]);
      if (divergence === null && !finite)
        divergence = check(err, next, names, bound, e + 1, r + 1, t);
      w.set(next);
    }
    const sum = fin(sse);
    epochs.push({
      epoch: e + 1,
      sse: sum,
      rootSse: Math.sqrt(sum),
      rmse: Math.sqrt(sum / n),
      weights: weightsOf(names, w),
    });
  }
  return { config, epochs, divergence };
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
