/**
 * What the pane's Web Worker does, as plain functions (so Node tests run the same code): train a
 * run and build its sheet plan, or its .xlsx file. Messages are plain data (structured clone); the
 * run result travels without its per-step rows, which the plan already holds as cells. Training
 * reports its progress about every 1% of its row-steps (train's progress hook), so the bar moves
 * while it trains; Cancel terminates the worker, whatever it is doing, before anything is written.
 */
import { resolveConfig, type RunOptions, type RunResult } from "../core";
import { trainRun } from "../run";
import type { SheetPlan } from "../sheet";
import type { ExplosionFacts } from "../core/glossary";
import { explosionFacts } from "./explosion";
import { planFor, sheetNameFor, xlsxFor } from "./runs";
import { plateauFlag, type PlateauFlag } from "./vocabulary";

/** A job for the worker: the plan of a run (for Generate) or its .xlsx file (for Download). */
export type WorkerRequest =
  { kind: "plan"; options: RunOptions; replace?: string } | { kind: "xlsx"; options: RunOptions };

/**
 * A run result without its rows: what the pane needs for its summary and the Runs log, with the
 * facts of its explosion (and a rate that did not explode), worked out here where the rows are.
 */
export type RunOutline = Omit<RunResult, "rows"> & { explosion?: ExplosionFacts | null };

/** What the worker posts back: progress (fraction 0–1 and a phrase), one answer, or an error. */
export type WorkerMessage =
  | { kind: "progress"; fraction: number; text: string }
  | { kind: "plan"; result: RunOutline; plan: SheetPlan }
  | {
      kind: "xlsx";
      result: RunOutline;
      bytes: Uint8Array;
      filename: string;
      /** The file's h-plateau flag (its "h lost at step" cell), as Generate's result reads it. */
      plateau: PlateauFlag | null;
    }
  | { kind: "error"; message: string };

const outline = (result: RunResult, options: RunOptions): RunOutline => {
  const { rows: _rows, ...rest } = result;
  return { ...rest, explosion: explosionFacts(result, options) };
};

/** Where training's share of the bar starts and ends (the plan or the file takes the rest). */
const TRAIN_FROM = 0.05;
const TRAIN_TO = 0.5;
/** Progress reports per training run, at most (one every 1% of the row-steps). */
const REPORTS = 100;

/** Trains `options` with every row recorded, posting training's progress as it goes when `report`. */
function trainReporting(
  options: RunOptions,
  post: (m: WorkerMessage) => void,
  report: boolean
): RunResult {
  post({ kind: "progress", fraction: TRAIN_FROM, text: "Training…" });
  if (!report) return trainRun(options);
  const { epochs, data } = resolveConfig(options);
  return trainRun(options, {
    every: Math.max(1, Math.ceil((epochs * data.length) / REPORTS)),
    onProgress: ({ step, steps }) =>
      post({
        kind: "progress",
        fraction: TRAIN_FROM + ((TRAIN_TO - TRAIN_FROM) * step) / steps,
        text: "Training…",
      }),
  });
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
    const result = trainReporting(request.options, post, trainingProgress);
    if (request.kind === "xlsx") {
      post({ kind: "progress", fraction: 0.5, text: "Writing the .xlsx file…" });
      const { bytes, filename, sheet } = xlsxFor(result);
      post({
        kind: "xlsx",
        result: outline(result, request.options),
        bytes,
        filename,
        plateau: plateauFlag(sheet),
      });
      return;
    }
    post({ kind: "progress", fraction: 0.5, text: "Building the sheet…" });
    const plan = planFor(result, request.replace ?? sheetNameFor(result));
    post({ kind: "plan", result: outline(result, request.options), plan });
  } catch (e) {
    post({ kind: "error", message: (e as Error)?.message ?? String(e) });
  }
}
