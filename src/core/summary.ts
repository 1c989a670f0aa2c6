/**
 * Summary-only training (`train(config, { rows: false })`) for the built-in models, with the
 * weights in local variables and every formula written out, so V8 compiles one tight loop.
 *
 * It computes exactly what train's row loop computes: the same operations in the same order
 * (models.ts's predict and lossGrad, the registry's optimizer steps), the same NaN rule, the same
 * divergence. A row's prediction, error and gradient are first computed here without train's
 * per-value NaN rule; when all of them are finite that rule changes nothing, and when one is not,
 * the row is recomputed by `exactRow` through the registry, as train.ts does. The optimizer step
 * then applies the rule as train.ts does. tests/unit/core/summary.test.ts holds the result to
 * bit-for-bit equality with the recorded run over every model × optimizer × gradient, overflow
 * included: change a formula in models.ts and that test fails until this file says the same.
 */
import { MODELS, type Model } from "./models";
import { OPTIMIZERS } from "./optimizers";
import type { Divergence, EpochSummary, OptimizerId, OptimizerSettings, RunConfig, RunResult } from "./types";

/**
 * Non-finite becomes NaN, as train.ts's fin. Written `v - v` (NaN exactly when v is not finite)
 * rather than the constant NaN: V8 then keeps the result an unboxed double (over 2× faster here).
 */
const fin = (v: number): number => (v - v === 0 ? v : v - v);

/** Where a row's first divergence is described; train.ts passes its own checkDivergence. */
export type DivergenceCheck = (err: number, next: Float64Array, names: readonly string[], bound: number, epoch: number, row: number, step: number) => Divergence | null;

/** The summary-only run, or undefined when the model or optimizer has no fast path here. */
export function trainSummary(config: RunConfig, check: DivergenceCheck): RunResult | undefined {
  const o = optimizerCode(config.optimizer);
  if (o < 0) return undefined;
  if (config.model === "linear") return linear(config, o, check);
  if (config.model === "two-linear") return twoNeuron(config, o, false, check);
  if (config.model === "two-relu") return twoNeuron(config, o, true, check);
  return undefined;
}

const SGD = OPTIMIZERS.sgd;
const MOMENTUM = OPTIMIZERS.momentum;
const RMSPROP = OPTIMIZERS.rmsprop;
const ADAM = OPTIMIZERS.adam;

function optimizerCode(id: OptimizerId): number {
  const opt = OPTIMIZERS[id];
  return opt === SGD ? 0 : opt === MOMENTUM ? 1 : opt === RMSPROP ? 2 : opt === ADAM ? 3 : -1;
}

/** One registry step through a call site per optimizer, so each is inlined. */
function step(o: number, w: number, g: number, s: Float64Array, i: number, t: number, lr: number, c: OptimizerSettings): number {
  return o === 0 ? SGD.step(w, g, s, i, t, lr, c) : o === 1 ? MOMENTUM.step(w, g, s, i, t, lr, c) : o === 2 ? RMSPROP.step(w, g, s, i, t, lr, c) : ADAM.step(w, g, s, i, t, lr, c);
}

/** Gradient kinds as codes: 0 analytic, 1 forward, 2 central. */
function kindCode(c: RunConfig): number {
  return c.gradient === "analytic" ? 0 : c.gradient === "forward" ? 1 : 2;
}

/**
 * A row as train.ts computes it (registry formulas, the NaN rule at every value), for rows where
 * something is not finite: `out` gets the gradient in weight order, then ŷ, then the error.
 */
function exactRow(model: Model, kind: number, h: number, w: Float64Array, x: number, y: number, out: Float64Array): void {
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

/** ŷ = a·x + b; ∂L/∂b = 2·(ŷ − y), ∂L/∂a = ∂L/∂b·x. */
function linear(c: RunConfig, o: number, check: DivergenceCheck): RunResult {
  const { lr, h, data, divergenceBound: bound, optimizerSettings: set } = c;
  const kind = kindCode(c);
  const n = data.length;
  const ns = OPTIMIZERS[c.optimizer].state.length;
  const s = new Float64Array(2 * ns);
  const out = new Float64Array(4);
  const h2 = 2 * h;
  let a = c.init.a, b = c.init.b;
  const epochs: EpochSummary[] = [];
  let divergence: Divergence | null = null;
  let t = 0;
  for (let e = 0; e < c.epochs; e++) {
    const order = c.order?.[e];
    let sse = 0;
    for (let r = 0; r < n; r++) {
      t++;
      const p = data[order ? order[r] : r];
      const x = p.x, y = p.y;
      const pred = a * x + b;
      const dv = pred - y;
      let err = dv * dv;
      let ga = 0, gb = 0;
      if (kind === 0) {
        gb = 2 * (pred - y);
        ga = gb * x;
      } else {
        const ua = (a + h) * x + b - y, ub = a * x + (b + h) - y;
        if (kind === 1) {
          ga = (ua * ua - err) / h;
          gb = (ub * ub - err) / h;
        } else {
          const la = (a - h) * x + b - y, lb = a * x + (b - h) - y;
          ga = (ua * ua - la * la) / h2;
          gb = (ub * ub - lb * lb) / h2;
        }
      }
      if (pred - pred + (err - err) + (ga - ga) + (gb - gb) !== 0) {
        exactRow(MODELS.linear, kind, h, Float64Array.of(a, b), x, y, out);
        [ga, gb, err] = [out[0], out[1], out[3]];
      }
      sse += err;
      const na = fin(step(o, a, ga, s, 0, t, lr, set));
      const nb = fin(step(o, b, gb, s, ns, t, lr, set));
      for (let i = 0; i < s.length; i++) s[i] = fin(s[i]);
      if (divergence === null && !(Math.abs(err) <= bound && na === na && nb === nb))
        divergence = check(err, Float64Array.of(na, nb), ["a", "b"], bound, e + 1, r + 1, t);
      a = na;
      b = nb;
    }
    const sum = fin(sse);
    epochs.push({ epoch: e + 1, sse: sum, rootSse: Math.sqrt(sum), rmse: Math.sqrt(sum / n), weights: { a, b } });
  }
  return { config: c, epochs, divergence };
}

/**
 * ŷ = c·f(a·x + b) + d with f the identity or, for `relu`, max(0, ·) of z made NaN when it
 * overflows (models.ts's reluInput). With g = 2·(ŷ − y): ∂d = g, ∂c = g·f(z), ∂b = g·c (relu:
 * g·c if z > 0, NaN if z is NaN, else 0), ∂a = ∂b·x.
 */
function twoNeuron(cfg: RunConfig, o: number, relu: boolean, check: DivergenceCheck): RunResult {
  const { lr, h, data, divergenceBound: bound, optimizerSettings: set } = cfg;
  const model = relu ? MODELS["two-relu"] : MODELS["two-linear"];
  const kind = kindCode(cfg);
  const n = data.length;
  const ns = OPTIMIZERS[cfg.optimizer].state.length;
  const s = new Float64Array(4 * ns);
  const out = new Float64Array(6);
  const h2 = 2 * h;
  let a = cfg.init.a, b = cfg.init.b, c = cfg.init.c, d = cfg.init.d;
  const epochs: EpochSummary[] = [];
  let divergence: Divergence | null = null;
  let t = 0;
  for (let e = 0; e < cfg.epochs; e++) {
    const order = cfg.order?.[e];
    let sse = 0;
    for (let r = 0; r < n; r++) {
      t++;
      const p = data[order ? order[r] : r];
      const x = p.x, y = p.y;
      // z values go in `inputs` as they are, so an overflowed one (made NaN by reluInput) sends
      // the row to exactRow even where max(0, −Infinity) would hide it
      const z0 = a * x + b;
      let inputs = z0 - z0;
      const z = act(relu, z0);
      const pred = c * z + d;
      const dv = pred - y;
      let err = dv * dv;
      let ga = 0, gb = 0, gc = 0, gd = 0;
      if (kind === 0) {
        gd = 2 * (pred - y);
        gb = relu ? (z > 0 ? gd * c : 0) : gd * c;
        gc = gd * z;
        ga = gb * x;
      } else {
        const za = (a + h) * x + b, zb = a * x + (b + h);
        const ua = c * act(relu, za) + d - y;
        const ub = c * act(relu, zb) + d - y;
        const uc = (c + h) * z + d - y;
        const ud = c * z + (d + h) - y;
        inputs += za - za + (zb - zb);
        if (kind === 1) {
          ga = (ua * ua - err) / h;
          gb = (ub * ub - err) / h;
          gc = (uc * uc - err) / h;
          gd = (ud * ud - err) / h;
        } else {
          const zla = (a - h) * x + b, zlb = a * x + (b - h);
          const la = c * act(relu, zla) + d - y;
          const lb = c * act(relu, zlb) + d - y;
          const lc = (c - h) * z + d - y;
          const ld = c * z + (d - h) - y;
          inputs += zla - zla + (zlb - zlb);
          ga = (ua * ua - la * la) / h2;
          gb = (ub * ub - lb * lb) / h2;
          gc = (uc * uc - lc * lc) / h2;
          gd = (ud * ud - ld * ld) / h2;
        }
      }
      if (inputs + (pred - pred) + (err - err) + (ga - ga) + (gb - gb) + (gc - gc) + (gd - gd) !== 0) {
        exactRow(model, kind, h, Float64Array.of(a, b, c, d), x, y, out);
        [ga, gb, gc, gd, err] = [out[0], out[1], out[2], out[3], out[5]];
      }
      sse += err;
      const na = fin(step(o, a, ga, s, 0, t, lr, set));
      const nb = fin(step(o, b, gb, s, ns, t, lr, set));
      const nc = fin(step(o, c, gc, s, 2 * ns, t, lr, set));
      const nd = fin(step(o, d, gd, s, 3 * ns, t, lr, set));
      for (let i = 0; i < s.length; i++) s[i] = fin(s[i]);
      if (divergence === null && !(Math.abs(err) <= bound && na === na && nb === nb && nc === nc && nd === nd))
        divergence = check(err, Float64Array.of(na, nb, nc, nd), ["a", "b", "c", "d"], bound, e + 1, r + 1, t);
      a = na;
      b = nb;
      c = nc;
      d = nd;
    }
    const sum = fin(sse);
    epochs.push({ epoch: e + 1, sse: sum, rootSse: Math.sqrt(sum), rmse: Math.sqrt(sum / n), weights: { a, b, c, d } });
  }
  return { config: cfg, epochs, divergence };
}

/** The first neuron's output for a finite z: z itself, or max(0, z). */
function act(relu: boolean, z: number): number {
  return relu ? Math.max(0, z) : z;
}
