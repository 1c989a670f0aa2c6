/** The sheet layer: runs as SheetPlans (plain data), for the .xlsx and Excel writers. */
export * from "./plan";
export * from "./address";
export { STYLES, type CellStyle } from "./styles";
export { buildRunSheet, stepColumnSpecs, type RunSheetOptions } from "./run-sheet";
export { buildWorkbookPlan, type WorkbookRun } from "./workbook";
export { NAMES, initName } from "./names";
export { KEYS } from "./keys";
export { LAYOUT } from "./layout";
export {
  assertSheetFits,
  epochsThatFit,
  EXCEL_COLS,
  EXCEL_ROWS,
  runFitProblem,
  sheetFits,
} from "./limits";
export {
  SHEET_FORMAT_VERSION,
  runSheetMeta,
  runOptionsFromMeta,
  runConfigFromMeta,
  type RunSheetMeta,
} from "./meta";
export { NUM_ERROR, NA_ERROR, cachedNumber, cachedForChart } from "./cached";
export { COLORS } from "./charts";
export { HEADLINE_LABELS } from "./summaries";
export {
  cellOf,
  rowsToRead,
  settingsFromInputs,
  stepAtRow,
  stepLayout,
  stepValuesFromCells,
  type StepLayout,
} from "./step-reader";
export type { RunLogRow } from "./runs-row";
