/**
 * GradSheet's Excel layer, the one face the pane uses: the host (Excel.run + requirement sets),
 * the workbook gateway (status, Apply, Rebuild, checks), the sheet writer and the chart doctor.
 * Everything below this module speaks Office.js; everything above it passes plain data.
 */
export { officeHost, SyncTimeout, type ExcelHost } from "./host";
export { API, NeedsNewerExcel, excelNeeded } from "./requirements";
export { createWorkbook, type WorkbookGateway, type WorkbookStatus } from "./gateway";
export type { RunRecord } from "./meta";
export type { RunsRow } from "./runs-log";
export { writePlan, REQUEST_BUDGET, type WriteOptions, type WriteReport } from "./write-run";
export {
  writePlans,
  type SheetRecord,
  type WritePlansOptions,
  type WritePlansReport,
} from "./write-sheets";
export { scanCharts, type DoctorScan } from "./doctor";
export { watchCharts, type ChartWatch } from "./doctor-watch";
export { applyDoctorFixes, type DoctorApplied } from "./doctor-fix";
export { checkSheet, checkSheets, type CheckResult } from "./check";
export { writeChecked, type CheckedReport } from "./write-checked";
export { explainReader, type ExplainReader, type SelectedCell } from "./explain-read";
export { exerciseExcel, runsOf, MARK, type ExerciseExcel } from "./exercise-check";
export { excelErrorSentence } from "./errors";
