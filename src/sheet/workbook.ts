/**
 * buildWorkbookPlan: several runs as one workbook, one sheet each, with unique sanitised sheet
 * names. Names are workbook-wide in a one-run file and scoped to their sheet otherwise, so every
 * sheet's `LearningRate` is its own.
 */
import type { RunResult } from "../core";
import { uniqueSheetName } from "./address";
import type { WorkbookPlan } from "./plan";
import { buildRunSheet } from "./run-sheet";

export interface WorkbookRun {
  result: RunResult;
  /** Wanted sheet name; defaults to "Run 1", "Run 2", … */
  name?: string;
}

/** One sheet per run, in order. */
export function buildWorkbookPlan(runs: WorkbookRun[]): WorkbookPlan {
  const taken: string[] = [];
  const sheets = runs.map((run, i) => {
    const name = uniqueSheetName(run.name ?? `Run ${i + 1}`, taken);
    taken.push(name);
    return buildRunSheet(run.result, { name });
  });
  return { sheets, namesScope: sheets.length === 1 ? "workbook" : "sheet" };
}
