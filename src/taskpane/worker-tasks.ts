/**
 * What the pane's Web Worker does, as plain functions (so Node tests run the same code): plan a run
 * for a write into Excel (Generate, Apply, Check, Rebuild, Rerun), build its .xlsx file, or build an
 * experiment, each through the run service. Messages are plain data (structured clone); the run
 * result travels without its per-step rows, which the plan already holds as cells. Training
 * reports its progress about every 1% of its row-steps, so the bar moves while it trains; Cancel
 * terminates the worker, whatever it is doing, before anything is written.
 */
import type { RunOptions } from "../core";
import {
  experimentSteps,
  outline,
  plateauFlag,
  planTrained,
  rowSteps,
  runExperiment,
  runXlsx,
  trainReporting,
  type Experiment,
  type ExperimentRequest,
  type PlannedRun,
  type PlateauFlag,
  type RunOutline,
} from "../run";

export type { RunOutline };

/** A job for the worker: a run planned for Excel, a run's .xlsx file (Download), or an experiment. */
export type WorkerRequest =
  | { kind: "plan"; options: RunOptions; name?: string; change?: string }
  | { kind: "xlsx"; options: RunOptions }
  | { kind: "experiment"; experiment: ExperimentRequest };

/** What the worker posts back: progress (fraction 0–1 and a phrase), one answer, or an error. */
export type WorkerMessage =
  | { kind: "progress"; fraction: number; text: string }
  | ({ kind: "plan" } & PlannedRun)
  | {
      kind: "xlsx";
      result: RunOutline;
      bytes: Uint8Array;
      filename: string;
      /** The file's h-plateau flag (its "h lost at step" cell), as Generate's result reads it. */
      plateau: PlateauFlag | null;
    }
  | { kind: "experiment"; experiment: Experiment }
  | { kind: "error"; message: string };

/** Where training's share of the bar starts and ends (the plan or the file takes the rest). */
const TRAIN_FROM = 0.05;
const TRAIN_TO = 0.5;

/** Row-steps a request trains: what decides whether it goes to the worker. */
export function requestSteps(request: WorkerRequest): number {
  return request.kind === "experiment"
    ? experimentSteps(request.experiment)
    : rowSteps(request.options);
}

/**
 * Does `request`, posting progress and then the answer (or the error's message) through `post`;
 * with `trainingProgress` (the worker), also while it trains (on the pane's own thread nothing
 * could repaint until it ends, so there it posts only the phases).
 */
export function serve(
  request: WorkerRequest,
  post: (m: WorkerMessage) => void,
  trainingProgress = false
): void {
  try {
    post({ kind: "progress", fraction: TRAIN_FROM, text: "Training…" });
    if (request.kind === "experiment") {
      post({ kind: "experiment", experiment: runExperiment(request.experiment) });
      return;
    }
    const onFraction = trainingProgress
      ? (f: number) =>
          post({
            kind: "progress",
            fraction: TRAIN_FROM + (TRAIN_TO - TRAIN_FROM) * f,
            text: "Training…",
          })
      : undefined;
    if (request.kind === "xlsx") {
      const result = trainReporting(request.options, onFraction);
      post({ kind: "progress", fraction: 0.5, text: "Writing the .xlsx file…" });
      const { bytes, filename, sheet } = runXlsx(result);
      post({ kind: "xlsx", result: outline(result), bytes, filename, plateau: plateauFlag(sheet) });
      return;
    }
    const result = trainReporting(request.options, onFraction);
    post({ kind: "progress", fraction: 0.5, text: "Building the sheet…" });
    post({
      kind: "plan",
      ...planTrained(result, { name: request.name, change: request.change ?? "new run" }),
    });
  } catch (e) {
    post({ kind: "error", message: (e as Error)?.message ?? String(e) });
  }
}
