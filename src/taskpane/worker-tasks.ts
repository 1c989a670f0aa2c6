/**
 * What the pane's Web Worker does, as plain functions (so Node tests run the same code): train a
 * run and build its sheet plan, or its .xlsx file. Messages are plain data (structured clone); the
 * run result travels without its per-step rows, which the plan already holds as cells.
 */
import type { RunOptions, RunResult } from "../core";
import type { SheetPlan } from "../sheet";
import { planFor, runFor, sheetNameFor, xlsxFor } from "./engine";

/** A job for the worker: the plan of a run (for Generate) or its .xlsx file (for Download). */
export type WorkerRequest =
  { kind: "plan"; options: RunOptions; replace?: string } | { kind: "xlsx"; options: RunOptions };

/** A run result without its rows: what the pane needs for its summary and the Runs log. */
export type RunOutline = Omit<RunResult, "rows">;

/** What the worker posts back: progress (fraction 0–1 and a phrase), one answer, or an error. */
export type WorkerMessage =
  | { kind: "progress"; fraction: number; text: string }
  | { kind: "plan"; result: RunOutline; plan: SheetPlan }
  | { kind: "xlsx"; result: RunOutline; bytes: Uint8Array; filename: string }
  | { kind: "error"; message: string };

const outline = ({ rows: _rows, ...rest }: RunResult): RunOutline => rest;

/** Does `request`, posting progress and then the answer (or the error's message) through `post`. */
export function serve(request: WorkerRequest, post: (m: WorkerMessage) => void): void {
  try {
    post({ kind: "progress", fraction: 0.05, text: "Training…" });
    const result = runFor(request.options);
    if (request.kind === "xlsx") {
      post({ kind: "progress", fraction: 0.5, text: "Writing the .xlsx file…" });
      const file = xlsxFor(result);
      post({ kind: "xlsx", result: outline(result), ...file });
      return;
    }
    post({ kind: "progress", fraction: 0.5, text: "Building the sheet…" });
    const plan = planFor(result, request.replace ?? sheetNameFor(result));
    post({ kind: "plan", result: outline(result), plan });
  } catch (e) {
    post({ kind: "error", message: (e as Error)?.message ?? String(e) });
  }
}
