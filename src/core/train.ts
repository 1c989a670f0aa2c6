/**
 * The training loop: one data row per step, epochs chained (epoch k+1 starts from epoch k's last
 * updated weights, and optimizer state carries over).
 *
 * Mini-batches (`config.batchSize` = B): batches start at every epoch's first row and hold B rows
 * (the epoch's last batch may hold fewer). Within a batch the weights stay fixed; each row adds its
 * gradient g (the kind the run uses) to a running sum, left to right: sum = g on the batch's first
 * row, then sum = sum + g. The batch's last row updates every weight with the optimizer's step on
 * sum / count (count = the batch's rows), and the optimizer's step number t counts updates, not
 * rows; state changes only there. With B = 1 every row updates with its own g, as graddesc does.
 *
 * Every quantity the sheet shows is computed here with the same operations in the same order as
 * the sheet's formulas. A result that overflows becomes NaN and stays NaN downstream, as an Excel
 * error (#NUM!) propagates through the cells that use it; divergence is data, not an exception.
 */
import type { Check } from "./compile";
import { trainFast } from "./fast-loop";
import { fin } from "./model";
import { MODELS } from "./models";
import { OPTIMIZERS } from "./optimizers";
import { progressDue, type ProgressHook } from "./progress";
import type {
  BatchState,
  Divergence,
  EpochSummary,
  RunConfig,
  RunResult,
  StepRow,
  Weights,
} from "./types";

export interface TrainOptions {
  /** Record every row (default true). false keeps only epoch summaries, for speed. */
  rows?: boolean;
  /**
   * Called every `every` row-steps (a positive whole number) with how far the run is; when it
   * returns true the run stops after that row, its result holds the epochs completed by then (and
   * with rows, the rows trained) and `stopped` is that step. Without it nothing changes.
   */
  progress?: ProgressHook;
}

/** Run SGD as configured. Pure: the config is not modified. */
export function train(config: RunConfig, opts: TrainOptions = {}): RunResult {
  const record = opts.rows ?? true;
  const hook = opts.progress;
  if (hook && !(Number.isInteger(hook.every) && hook.every > 0))
    throw new RangeError(`progress.every must be a positive whole number, not ${hook.every}.`);
  // summary-only runs take the fast loop (fast-loop.ts), which computes the same numbers
  if (!record && config.batchSize === 1) return trainFast(config, checkDivergence, hook);
  const model = MODELS[config.model];
  const opt = OPTIMIZERS[config.optimizer];
  const names = model.weights;
  const k = names.length;
  const ns = opt.state.length;
  const { lr, h, data, gradient, divergenceBound: bound } = config;
  const settings = config.optimizerSettings;
  const n = data.length;

  const w = Float64Array.from(names, (nm) => config.init[nm]);
  const probe = new Float64Array(k);
  const analytic = new Float64Array(k);
  const forward = new Float64Array(k);
  const central = new Float64Array(k);
  const bumped = new Float64Array(k);
  const lowered = new Float64Array(k);
  const state = new Float64Array(k * ns);
  const next = new Float64Array(k);
  const B = config.batchSize;
  const sum = new Float64Array(k);
  const needForward = record || gradient === "forward" || gradient === "central";
  const needCentral = record || gradient === "central";

  const epochs: EpochSummary[] = [];
  const rows: StepRow[] | undefined = record ? [] : undefined;
  let divergence: Divergence | null = null;
  let t = 0; // optimizer updates so far
  let step = 0; // rows so far
  let stopped: number | undefined;

  for (let e = 0; e < config.epochs && stopped === undefined; e++) {
    const order = config.order?.[e];
    let sse = 0;
    for (let r = 0; r < n; r++) {
      step++;
      const p = data[order ? order[r] : r];
      const x = p.x;
      const y = p.y;
      const pred = fin(model.predict(w, x));
      const d = pred - y;
      const err = fin(d * d);
      sse += err;

      if (record || gradient === "analytic") {
        model.lossGrad(w, x, y, pred, analytic);
        for (let i = 0; i < k; i++) analytic[i] = fin(analytic[i]);
      }
      if (needForward) {
        probe.set(w);
        for (let i = 0; i < k; i++) {
          probe[i] = w[i] + h;
          const db = model.predict(probe, x) - y;
          bumped[i] = fin(db * db);
          forward[i] = fin((bumped[i] - err) / h);
          if (needCentral) {
            probe[i] = w[i] - h;
            const dl = model.predict(probe, x) - y;
            lowered[i] = fin(dl * dl);
            central[i] = fin((bumped[i] - lowered[i]) / (2 * h));
          }
          probe[i] = w[i];
        }
      }
      const g = gradient === "analytic" ? analytic : gradient === "forward" ? forward : central;
      let batch: BatchState | undefined;
      if (B === 1) {
        t++;
        for (let i = 0; i < k; i++)
          next[i] = fin(opt.step(w[i], g[i], state, i * ns, t, lr, settings));
        for (let i = 0; i < state.length; i++) state[i] = fin(state[i]);
      } else {
        const count = (r % B) + 1;
        for (let i = 0; i < k; i++) sum[i] = fin(count === 1 ? g[i] : sum[i] + g[i]);
        const update = count === B || r === n - 1;
        if (update) {
          t++;
          for (let i = 0; i < k; i++)
            next[i] = fin(opt.step(w[i], fin(sum[i] / count), state, i * ns, t, lr, settings));
          for (let i = 0; i < state.length; i++) state[i] = fin(state[i]);
        } else next.set(w);
        if (record) batch = { count, update, t: update ? t : t + 1, sum: toWeights(names, sum) };
      }

      if (divergence === null)
        divergence = checkDivergence(err, next, names, bound, e + 1, r + 1, step);
      if (rows)
        rows.push(
          stepRow(
            e + 1,
            r + 1,
            step,
            x,
            y,
            w,
            pred,
            err,
            { analytic, forward, central, bumped, lowered, g, next, state },
            config,
            names,
            batch
          )
        );
      w.set(next);
      if (hook && progressDue(hook, step, config.epochs * n, r === n - 1 ? e + 1 : e)) {
        stopped = step;
        break;
      }
    }
    if (stopped !== undefined && step % n !== 0) break;
    const summary = fin(sse);
    epochs.push({
      epoch: e + 1,
      sse: summary,
      rootSse: Math.sqrt(summary),
      rmse: Math.sqrt(summary / n),
      weights: toWeights(names, w),
    });
  }
  const result: RunResult = rows
    ? { config, epochs, divergence, rows }
    : { config, epochs, divergence };
  return stopped === undefined ? result : { ...result, stopped };
}

/** The first divergence of a row, or null: its error passes the bound or is not a number, or a new weight is not finite. */
export const checkDivergence: Check = (err, next, names, bound, epoch, row, step) => {
  if (!(Math.abs(err) <= bound)) {
    return {
      epoch,
      row,
      step,
      quantity: "error",
      value: err,
      reason: `The squared error ${describe(err, bound)} at step ${step}.`,
    };
  }
  for (let i = 0; i < next.length; i++) {
    if (!Number.isFinite(next[i]))
      return {
        epoch,
        row,
        step,
        quantity: `weight ${names[i]}`,
        value: next[i],
        reason: `The updated weight ${names[i]} ${describe(next[i], bound)} at step ${step}.`,
      };
  }
  return null;
};

function describe(v: number, bound: number): string {
  return Number.isNaN(v)
    ? "overflowed (no longer a finite number)"
    : `passed the divergence bound ${bound.toPrecision(3)} (it is ${v.toPrecision(3)})`;
}

interface Buffers {
  analytic: Float64Array;
  forward: Float64Array;
  central: Float64Array;
  bumped: Float64Array;
  lowered: Float64Array;
  g: Float64Array;
  next: Float64Array;
  state: Float64Array;
}

function stepRow(
  epoch: number,
  row: number,
  step: number,
  x: number,
  y: number,
  w: Float64Array,
  pred: number,
  error: number,
  b: Buffers,
  config: RunConfig,
  names: readonly string[],
  batch?: BatchState
): StepRow {
  const model = MODELS[config.model];
  const opt = OPTIMIZERS[config.optimizer];
  const state: Record<string, number> = {};
  names.forEach((nm, i) =>
    opt.state.forEach((s, j) => (state[`${s}_${nm}`] = b.state[i * opt.state.length + j]))
  );
  const out: StepRow = {
    epoch,
    row,
    step,
    x,
    y,
    weights: toWeights(names, w),
    pred,
    error,
    bumped: toWeights(names, b.bumped),
    lowered: toWeights(names, b.lowered),
    analytic: toWeights(names, b.analytic),
    forward: toWeights(names, b.forward),
    central: toWeights(names, b.central),
    grad: toWeights(names, b.g),
    ...(batch ? { batch } : {}),
    state,
    newWeights: toWeights(names, b.next),
  };
  return Object.assign(out, model.record(w, x));
}

/** Weights by name from values in `names` order. */
export function toWeights(names: readonly string[], v: Float64Array): Weights {
  const o: Weights = {};
  for (let i = 0; i < names.length; i++) o[names[i]] = v[i];
  return o;
}
