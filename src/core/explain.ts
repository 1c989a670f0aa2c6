/**
 * Explain one step: the weights it used, ŷ written out with numbers, the squared error, every
 * derivative (the kind the run uses, the analytic one beside it), the optimizer's state update, the
 * new weights, and the stability k = 2·lr·‖∇ŷ‖² (k = 2·Σ_w η_w·(∂ŷ/∂w)² for RMSProp and Adam) with
 * whether the step overshoots (k > 2).
 *
 * The explanation is built from plain `StepValues`: `stepValues` takes them from the core's rows
 * (so every number is the core's, bit for bit); the pane reads the same values from a sheet's cells
 * (so a changed LearningRate is explained as Excel computed it). Every number carries a `Ref`
 * saying which quantity it is, so a surface can link it to its cell.
 */
import { stabilityK } from "./diagnostics";
import { ConfigError } from "./errors";
import { explainLines } from "./explain-lines";
import type { RunConfig, RunResult, Weights } from "./types";

/** Which quantity a number is (`w`: the weight, optimizer slot's weight or neuron; `prev`: the previous step's row). */
export interface Ref {
  q:
    | "x"
    | "y"
    | "weight"
    | "z"
    | "relu"
    | "pred"
    | "error"
    | "bumped"
    | "lowered"
    | "analytic"
    | "forward"
    | "central"
    | "sum"
    | "batchCount"
    | "t"
    | "state"
    | "next"
    | "k"
    | "lr"
    | "h"
    | "beta"
    | "beta2"
    | "eps";
  w?: string;
  /** Optimizer state slot (m, v, s) for q = "state". */
  slot?: string;
  prev?: boolean;
}

/** A piece of an explanation line: text, or a number with what it is (`paren`: bracket it when negative). */
export type Part = string | { value: number; ref?: Ref; paren?: boolean };

export interface ExplainLine {
  /** What the line shows: "weights used", "ŷ", "e", "de/da", "a", "k", … */
  label: string;
  parts: Part[];
}

export interface StepExplanation {
  step: number;
  epoch: number;
  row: number;
  lines: ExplainLine[];
  k: number;
  /** k > 2: this step moves ŷ past y by more than it was off, so the row's error grows. */
  overshoots: boolean;
}

/** The settings an explanation reads (a RunConfig has them; the pane takes lr from the sheet's cell). */
export type ExplainSettings = Pick<
  RunConfig,
  "model" | "optimizer" | "gradient" | "lr" | "h" | "optimizerSettings" | "batchSize"
>;

/** Every number of one step, as the core computed it or as a sheet's cells hold it. */
export interface StepValues {
  step: number;
  epoch: number;
  row: number;
  x: number;
  y: number;
  weights: Weights;
  /** The hidden neurons' z = a·x + b (one for the 2-neuron models, n for relu-n; absent for 1 neuron). */
  z?: number[];
  pred: number;
  error: number;
  bumped: Weights;
  analytic: Weights;
  forward: Weights;
  /** Present when the sheet has central differences (the run uses them). */
  lowered?: Weights;
  central?: Weights;
  /** Mini-batch bookkeeping (batch size above 1): rows so far, whether this row updates, t, the running sum. */
  batch?: { count: number; update: boolean; t: number; sum: Weights };
  /** Optimizer state before and after this step, by `${slot}_${weight}` (all 0 before step 1). */
  stateBefore: Record<string, number>;
  state: Record<string, number>;
  newWeights: Weights;
  k: number;
}

/** The values of step `step` (1-based over the run) from a run trained with rows; ConfigError outside the run. */
export function stepValues(result: RunResult, step: number): StepValues {
  const rows = result.rows;
  if (!rows)
    throw new ConfigError("step", "The run was trained without rows; it has no steps to explain.");
  if (!Number.isInteger(step) || step < 1 || step > rows.length)
    throw new ConfigError(
      "step",
      `The step must be a whole number from 1 to ${rows.length}, not ${String(step)}.`
    );
  const r = rows[step - 1];
  const before =
    step > 1 ? rows[step - 2].state : Object.fromEntries(Object.keys(r.state).map((k) => [k, 0]));
  const z = r.layer ? r.layer.z : r.hidden !== undefined ? [r.hidden] : undefined;
  const central = result.config.gradient === "central";
  return {
    step: r.step,
    epoch: r.epoch,
    row: r.row,
    x: r.x,
    y: r.y,
    weights: r.weights,
    ...(z ? { z } : {}),
    pred: r.pred,
    error: r.error,
    bumped: r.bumped,
    analytic: r.analytic,
    forward: r.forward,
    ...(central ? { lowered: r.lowered, central: r.central } : {}),
    ...(r.batch
      ? { batch: { count: r.batch.count, update: r.batch.update, t: r.batch.t, sum: r.batch.sum } }
      : {}),
    stateBefore: before,
    state: r.state,
    newWeights: r.newWeights,
    k: stabilityK(result, r),
  };
}

/** The step explained, line by line. */
export function explainStep(settings: ExplainSettings, v: StepValues): StepExplanation {
  return {
    step: v.step,
    epoch: v.epoch,
    row: v.row,
    lines: explainLines(settings, v),
    k: v.k,
    overshoots: v.k > 2,
  };
}

/**
 * The gradient that drives this step's update, weight by weight: the row's derivative of the kind
 * the run uses; on a mini-batch's update row, the batch's mean Σ/n (as the core divides it).
 */
export function drivingGradient(settings: ExplainSettings, v: StepValues): Weights {
  const own =
    v[
      settings.gradient === "analytic"
        ? "analytic"
        : settings.gradient === "forward"
          ? "forward"
          : "central"
    ] ?? {};
  if (!v.batch) return own;
  const out: Weights = {};
  for (const w of Object.keys(v.weights))
    out[w] = v.batch.update ? fin(v.batch.sum[w] / v.batch.count) : own[w];
  return out;
}

/** The step as plain data: DESIGN.md's `gradsheet explain --json` object (NaN prints as null). */
export function stepJson(settings: ExplainSettings, v: StepValues): Record<string, unknown> {
  return {
    step: v.step,
    epoch: v.epoch,
    row: v.row,
    x: v.x,
    y: v.y,
    lr: settings.lr,
    weightsBefore: v.weights,
    prediction: v.pred,
    squaredError: v.error,
    gradient: drivingGradient(settings, v),
    gradientKind: settings.gradient,
    derivatives: {
      analytic: v.analytic,
      forward: v.forward,
      ...(v.central ? { central: v.central } : {}),
    },
    ...(v.batch ? { batch: v.batch } : {}),
    state: { before: v.stateBefore, after: v.state },
    weightsAfter: v.newWeights,
    k: v.k,
    overshoots: v.k > 2,
  };
}

/** Non-finite becomes NaN, as in the core's training loop. */
export const fin = (v: number): number => (v - v === 0 ? v : NaN);
