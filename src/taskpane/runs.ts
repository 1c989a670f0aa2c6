/**
 * The pane's runs, through the run service (src/run): form options → run → SheetPlan, summaries in
 * plain words, and the same run as an .xlsx file. A thin adapter: the pane and the CLI share the
 * service, its records, its sheet-naming rule and its number format. No DOM, no Office.
 */
import type { RunOptions, RunResult } from "../core";
import {
  learnerNumber,
  lrCellOf,
  runOptionsFromMeta,
  runPlan,
  runSheetName,
  runXlsx,
  summarize,
  trainRun,
  type RunSummary,
} from "../run";

export { lrCellOf, summarize, type RunSummary };

/** Validate options and train with every row recorded. Throws ConfigError with a plain sentence. */
export const runFor = (options: RunOptions): RunResult => trainRun(options);

/** The run's sheet name by the one naming rule: "2 neurons + ReLU lr 1e-4". */
export const sheetNameFor = (result: RunResult): string => runSheetName(result.config);

export const planFor = (result: RunResult, name: string): ReturnType<typeof runPlan> =>
  runPlan(result, name);

/** Run options back from a stored record's options (the plan's meta). */
export const optionsFromRecord = (stored: unknown): RunOptions | undefined =>
  runOptionsFromMeta(stored);

/** A number as a learner reads it (the one format of every surface). */
export const formatNumber = (v: number): string => learnerNumber(v);

/** The run as an .xlsx workbook (one sheet, native charts), built in the browser, with its sheet's plan. */
export const xlsxFor = (result: RunResult): ReturnType<typeof runXlsx> => runXlsx(result);
