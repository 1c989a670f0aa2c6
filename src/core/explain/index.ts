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
import { stabilityK } from "../diagnostics";
import { ConfigError } from "../errors";
import type { RunResult, Weights } from "../types";
import { explainLines, explanationText, stepHeading } from "./lines";
import { checkStep } from "./step-check";
import type { ExplainSettings, StepExplanation, StepValues } from "./types";

export type * from "./types";
export { explanationText, partText, stepHeading } from "./lines";
export { checkStep, stepProblem } from "./step-check";

/** The values of step `step` (1-based over the run) from a run trained with rows; ConfigError outside the run. */
export function stepValues(result: RunResult, step: number): StepValues {
  const rows = result.rows;
  if (!rows)
    throw new ConfigError("step", "The run was trained without rows; it has no steps to explain.");
  checkStep(step, rows.length);
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

/** A step explained, in every form a surface shows: the lines, their heading, the text and the JSON. */
export interface Explained {
  values: StepValues;
  explanation: StepExplanation;
  /** "Step 27 (epoch 1, row 27): x = 70, y = 170 · 2 neurons, SGD, lr 1e-4, analytic derivatives". */
  heading: string;
  /** The heading and one line per explanation line: what the CLI prints. */
  text: string;
  /** DESIGN.md's `gradsheet explain --json` object. */
  json: Record<string, unknown>;
}

/** The one call: step values explained with `settings`, as lines, heading, text and JSON. */
export function explainValues(settings: ExplainSettings, values: StepValues): Explained {
  const explanation = explainStep(settings, values);
  return {
    values,
    explanation,
    heading: stepHeading(settings, values),
    text: explanationText(settings, values, explanation),
    json: stepJson(settings, values),
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
