/**
 * What a write into a workbook records, built once for every action (Generate, Apply, Rebuild,
 * Rerun, each experiment): the record each sheet stores about itself (a run with its settings and
 * its LearningRate cell, or an experiment), and the run's row in the Runs log, in the learner's words.
 */
import { MODELS, OPTIMIZERS, stepPlace, type ExplosionFacts, type RunResult } from "../core";
import { NAMES, type RunLogRow, type SheetPlan } from "../sheet";

export type { RunLogRow };

/** Where a plan's LearningRate input is (0-based), if it has one. */
export function lrCellOf(plan: SheetPlan): { row: number; col: number } | undefined {
  const n = plan.names.find((x) => x.name === NAMES.lr);
  return n ? { row: n.row, col: n.col } : undefined;
}

/** What the writer stores about a sheet: a run (the pane recognises it and offers Apply, Rebuild, Rerun) or an experiment. */
export type SheetRecordSpec =
  | { role: "run"; options: Record<string, unknown>; lrCell?: { row: number; col: number } }
  | { role: "experiment"; options: Record<string, unknown> };

/** The record of a run sheet: its settings (the plan's meta) and where its LearningRate cell is. */
export function runRecord(plan: SheetPlan): Extract<SheetRecordSpec, { role: "run" }> {
  return { role: "run", options: plan.meta, lrCell: lrCellOf(plan) };
}

/** The record of an experiment sheet (Compare, Sweep, landscape). */
export function experimentRecord(
  plan: SheetPlan
): Extract<SheetRecordSpec, { role: "experiment" }> {
  return { role: "experiment", options: plan.meta };
}

/**
 * A run without its per-step rows: what a summary and the Runs log need (and what a worker sends
 * back), with the facts of its explosion (and a rate that did not explode), worked out where the rows are.
 */
export type RunOutline = Omit<RunResult, "rows"> & { explosion?: ExplosionFacts | null };

/** The Runs-log row of a run written to `sheet` by the action `change`. */
export function runLogRow(result: RunOutline, sheet: string, change: string): RunLogRow {
  const c = result.config;
  const d = result.divergence;
  return {
    sheet,
    model: MODELS[c.model].label,
    optimizer: OPTIMIZERS[c.optimizer].label,
    lr: c.lr,
    epochs: c.epochs,
    finalRootSse: result.epochs.length ? result.epochs[result.epochs.length - 1].rootSse : NaN,
    divergedAt: d ? stepPlace(d, c.epochs) : "",
    change,
  };
}
