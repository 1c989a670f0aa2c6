/**
 * Whether a run's sheet fits a worksheet, known before any training: Excel's grid is 1,048,576
 * rows by 16,384 columns, and the step table has one row per SGD step (epochs × data rows) under
 * the frozen header (LAYOUT.headerRow + 1 rows). The core's step cap (LIMITS.maxSteps) is checked
 * too, so one sentence says what fits. Pure: the pane, the CLI and the run service call it.
 */
import { ConfigError, LIMITS, type RunConfig } from "../core";
import { LAYOUT } from "./layout";

/** Rows and columns of an Excel worksheet. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLS = 16_384;

/** Rows above the step table's first step: title, parameters, chart band, group labels, headers. */
export const HEADER_ROWS: number = LAYOUT.headerRow + 1;

/** Rows a run sheet of `epochs` epochs over `dataRows` data points uses. */
export const runSheetRows = (epochs: number, dataRows: number): number =>
  HEADER_ROWS + epochs * dataRows;

/** The most epochs of `dataRows` points whose sheet fits a worksheet and the core's step cap. */
export function epochsThatFit(dataRows: number): number {
  const n = Math.max(1, dataRows);
  return Math.min(
    Math.floor((EXCEL_ROWS - HEADER_ROWS) / n),
    Math.floor(LIMITS.maxSteps / n),
    LIMITS.maxEpochs
  );
}

/** Whether a sheet of `rows` × `cols` fits a worksheet. */
export const sheetFits = (rows: number, cols: number): boolean =>
  rows <= EXCEL_ROWS && cols <= EXCEL_COLS;

const count = (n: number) => n.toLocaleString("en-US");

/** Null when the run's sheet fits; else one sentence saying why not and how many epochs fit. */
export function runFitProblem(config: Pick<RunConfig, "epochs" | "data">): string | null {
  const n = config.data.length;
  const rows = runSheetRows(config.epochs, n);
  if (rows <= EXCEL_ROWS && config.epochs * n <= LIMITS.maxSteps) return null;
  const fit = epochsThatFit(n);
  return `${count(config.epochs)} epochs of ${count(n)} data rows need ${count(rows)} rows, more than a worksheet's ${count(EXCEL_ROWS)}: at most ${count(fit)} epochs fit.`;
}

/** Throw a ConfigError on the epochs field when the run's sheet cannot fit (before training). */
export function assertSheetFits(config: Pick<RunConfig, "epochs" | "data">): void {
  const problem = runFitProblem(config);
  if (problem) throw new ConfigError("epochs", problem);
}
