/**
 * Which ExcelApi requirement set each feature needs, and the message a learner reads when their
 * Excel is too old. Versions and the Excel builds that first shipped them come from Microsoft's
 * requirement-set table; which Excel each set means is the core's one table (src/core/glossary).
 */
import { EXCEL_VERSION_FOR } from "../core";

/** ExcelApi sets GradSheet relies on, by feature. */
export const API = {
  /** Writing a run: getRangeByIndexes, chart series.add / setXAxisValues / setValues, log axes. */
  write: "1.7",
  /** Switching calculation to automatic (reading the mode is 1.1). */
  setCalculationMode: "1.8",
  /** autoFill: formula columns filled down by Excel, so a request stays small whatever the rows. */
  autoFill: "1.9",
  /** Chart axis label number formats (ChartAxis.numberFormat). */
  axisNumberFormat: "1.8",
  /** Page setup: print areas, orientation, fit to one page wide, page breaks (Worksheet.pageLayout). */
  pageLayout: "1.9",
  /** Screen updating suspended during the write. */
  suspendScreenUpdating: "1.9",
  /** Worksheet custom properties: the run's settings travel with the sheet. */
  customProperties: "1.12",
  /** Cell notes: the parameters' explanations on hover. */
  notes: "1.18",
} as const;

/**
 * One sentence naming the Excel a feature needs, in Excel versions ("needs Excel 2021 or Microsoft
 * 365"): the core's one table (`EXCEL_VERSION_FOR`), no requirement-set numbers.
 */
export function excelNeeded(version: string, feature: string): string {
  return `${feature} needs ${EXCEL_VERSION_FOR[version] ?? "a newer Excel (Microsoft 365)"}.`;
}

/** Thrown when the host lacks a requirement set; its message is meant for the pane as is. */
export class NeedsNewerExcel extends Error {
  override readonly name = "NeedsNewerExcel";
  constructor(
    readonly version: string,
    feature: string
  ) {
    super(excelNeeded(version, feature));
  }
}
