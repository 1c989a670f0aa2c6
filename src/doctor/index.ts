/** The chart doctor: plain chart models in, findings and corrected models out. No Office, no I/O. */
export * from "./model";
export * from "./findings";
export {
  checkWorkbook,
  checkChart,
  checkCalcMode,
  secondaryPlan,
  CATEGORY_TYPES,
  CONVERTIBLE_TYPES,
  SECONDARY_RATIO,
} from "./check";
export { hasDateAxis } from "./check-x";
export { fixWorkbook, fixChart } from "./fix";
export type { AppliedFix, SkippedFix, ChartFixResult, WorkbookFixResult } from "./fix";
export { findX, valuesOf, isNumericList } from "./x-source";
export type { XChoice } from "./x-source";
export { parseRef, formatRef, readRef } from "./ref";
