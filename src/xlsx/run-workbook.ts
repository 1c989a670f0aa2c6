/** One training run as .xlsx bytes: the sheet layer's plan written by `writeWorkbook`. */
import type { RunResult } from "../core";
import { buildWorkbookPlan } from "../sheet/workbook";
import { writeWorkbook, type WriteOptions } from "./write-workbook";

export interface RunWorkbookOptions extends WriteOptions {
  /** Sheet name (sanitised); default "Run 1". */
  name?: string;
}

/**
 * A one-run workbook with workbook-wide names (`LearningRate` etc.). `result` must carry its rows
 * (`train(config, { rows: true })`).
 */
export function runWorkbook(result: RunResult, options: RunWorkbookOptions = {}): Uint8Array {
  const { name, ...write } = options;
  return writeWorkbook(buildWorkbookPlan([{ result, name }]), write);
}
