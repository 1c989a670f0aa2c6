/**
 * The core's summary-mode maths written out by hand: one function per model, every prediction and
 * derivative inlined, SGD updates, no registries, no arrays of weights. The bench checks these give
 * the core's epochs bit for bit (same operations in the same order), so the ratio is a fair one.
 * Like the core, a row is diverged when its squared error passes the bound or a new weight is not
 * finite; unlike it, nothing is turned into NaN (the bench's runs never overflow).
 */
import { wideWeights, type EpochSummary, type GradientKind, type RunConfig } from "../../src/core";

/** The same epochs as the core's summary (objects included, so both sides pay for them). */
export interface HandResult {
  epochs: EpochSummary[];
  /** Each epoch's SSE (the same numbers as epochs[].sse). */
  sse: number[];
  divergedStep: number;
}

/** ŷ = a·x + b. */
export function linearLoop(c: RunConfig, kind: GradientKind): HandResult {
  const { lr, h, data, divergenceBound: bound } = c;
  const init = Float64Array.of(c.init.a, c.init.b); // doubles from the start, as the core's
  let a = init[0],
    b = init[1];
  const epochs: EpochSummary[] = [];
  const sse: number[] = [];
  const n = data.length;
  let diverged = 0,
    t = 0;
  const h2 = 2 * h;
  for (let e = 0; e < c.epochs; e++) {
    let s = 0;
    for (let r = 0; r < n; r++) {
      t++;
      const x = data[r].x,
        y = data[r].y;
      const d = a * x + b - y;
      const err = d * d;
      s += err;
      let ga = 0,
        gb = 0;
      if (kind === "analytic") {
        gb = 2 * (a * x + b - y);
        ga = gb * x;
      } else {
        const da = (a + h) * x + b - y,
          db = a * x + (b + h) - y;
        const ba = da * da,
          bb = db * db;
        if (kind === "forward") {
          ga = (ba - err) / h;
          gb = (bb - err) / h;
        } else {
          const la = (a - h) * x + b - y,
            lb = a * x + (b - h) - y;
          ga = (ba - la * la) / h2;
          gb = (bb - lb * lb) / h2;
        }
      }
      a = a - lr * ga;
      b = b - lr * gb;
      if (diverged === 0 && !(err <= bound && a - a === 0 && b - b === 0)) diverged = t;
    }
    sse.push(s);
    epochs.push({
      epoch: e + 1,
      sse: s,
      rootSse: Math.sqrt(s),
      rmse: Math.sqrt(s / n),
      weights: { a, b },
    });
  }
  return { epochs, sse, divergedStep: diverged };
}

/** ŷ = c·(a·x + b) + d, or c·max(0, a·x + b) + d with `relu`. */
export function twoNeuronLoop(cfg: RunConfig, kind: GradientKind, relu: boolean): HandResult {
  const { lr, h, data, divergenceBound: bound } = cfg;
  const init = Float64Array.of(cfg.init.a, cfg.init.b, cfg.init.c, cfg.init.d);
  let a = init[0],
    b = init[1],
    c = init[2],
    d = init[3];
  const epochs: EpochSummary[] = [];
  const sse: number[] = [];
  const n = data.length;
  let diverged = 0,
    t = 0;
  const h2 = 2 * h;
  for (let e = 0; e < cfg.epochs; e++) {
    let s = 0;
    for (let r = 0; r < n; r++) {
      t++;
      const x = data[r].x,
        y = data[r].y;
      const z = a * x + b;
      const act = relu ? Math.max(0, z) : z;
      const res = c * act + d - y;
      const err = res * res;
      s += err;
      let ga = 0,
        gb = 0,
        gc = 0,
        gd = 0;
      if (kind === "analytic") {
        const g = 2 * (c * act + d - y);
        const dB = relu ? (z > 0 ? g * c : 0) : g * c;
        gd = g;
        gc = g * act;
        gb = dB;
        ga = dB * x;
      } else {
        const za = (a + h) * x + b,
          zb = a * x + (b + h);
        const ra = c * (relu ? Math.max(0, za) : za) + d - y;
        const rb = c * (relu ? Math.max(0, zb) : zb) + d - y;
        const rc = (c + h) * act + d - y;
        const rd = c * act + (d + h) - y;
        const ba = ra * ra,
          bb = rb * rb,
          bc = rc * rc,
          bd = rd * rd;
        if (kind === "forward") {
          ga = (ba - err) / h;
          gb = (bb - err) / h;
          gc = (bc - err) / h;
          gd = (bd - err) / h;
        } else {
          const zla = (a - h) * x + b,
            zlb = a * x + (b - h);
          const la = c * (relu ? Math.max(0, zla) : zla) + d - y;
          const lb = c * (relu ? Math.max(0, zlb) : zlb) + d - y;
          const lc = (c - h) * act + d - y;
          const ld = c * act + (d - h) - y;
          ga = (ba - la * la) / h2;
          gb = (bb - lb * lb) / h2;
          gc = (bc - lc * lc) / h2;
          gd = (bd - ld * ld) / h2;
        }
      }
      a = a - lr * ga;
      b = b - lr * gb;
      c = c - lr * gc;
      d = d - lr * gd;
      if (
        diverged === 0 &&
        !(err <= bound && a - a === 0 && b - b === 0 && c - c === 0 && d - d === 0)
      )
        diverged = t;
    }
    sse.push(s);
    epochs.push({
      epoch: e + 1,
      sse: s,
      rootSse: Math.sqrt(s),
      rmse: Math.sqrt(s / n),
      weights: { a, b, c, d },
    });
  }
  return { epochs, sse, divergedStep: diverged };
}

/** ŷ = Σ_j c_j·max(0, a_j·x + b_j) + d (relu-n), weights a1 … an, b1 … bn, c1 … cn, d in one array. */
export function wideLoop(cfg: RunConfig, kind: GradientKind, n: number): HandResult {
  const { lr, h, data, divergenceBound: bound } = cfg;
  const names = wideWeights(n);
  const k = names.length,
    C = 2 * n,
    D = 3 * n;
  const w = Float64Array.from(names, (nm) => cfg.init[nm]);
  const p = new Float64Array(k),
    g = new Float64Array(k);
  const predict = (v: Float64Array, x: number) => {
    let s = v[C] * Math.max(0, v[0] * x + v[n]);
    for (let j = 1; j < n; j++) s = s + v[C + j] * Math.max(0, v[j] * x + v[n + j]);
    return s + v[D];
  };
  const epochs: EpochSummary[] = [];
  const sse: number[] = [];
  let diverged = 0,
    t = 0;
  for (let e = 0; e < cfg.epochs; e++) {
    let s = 0;
    for (let r = 0; r < data.length; r++) {
      t++;
      const x = data[r].x,
        y = data[r].y;
      const pred = predict(w, x);
      const err = (pred - y) * (pred - y);
      s += err;
      if (kind === "analytic") {
        const gd = 2 * (pred - y);
        g[D] = gd;
        for (let j = 0; j < n; j++) {
          const z = w[j] * x + w[n + j];
          const dB = z > 0 ? gd * w[C + j] : 0;
          g[C + j] = gd * Math.max(0, z);
          g[n + j] = dB;
          g[j] = dB * x;
        }
      } else {
        p.set(w);
        for (let i = 0; i < k; i++) {
          p[i] = w[i] + h;
          const u = predict(p, x) - y;
          p[i] = w[i] - h;
          const l = kind === "central" ? predict(p, x) - y : 0;
          p[i] = w[i];
          g[i] = kind === "forward" ? (u * u - err) / h : (u * u - l * l) / (2 * h);
        }
      }
      let ok = err <= bound;
      for (let i = 0; i < k; i++) {
        w[i] = w[i] - lr * g[i];
        ok = ok && w[i] - w[i] === 0;
      }
      if (diverged === 0 && !ok) diverged = t;
    }
    sse.push(s);
    const weights: Record<string, number> = {};
    names.forEach((nm, i) => (weights[nm] = w[i]));
    epochs.push({
      epoch: e + 1,
      sse: s,
      rootSse: Math.sqrt(s),
      rmse: Math.sqrt(s / data.length),
      weights,
    });
  }
  return { epochs, sse, divergedStep: diverged };
}
