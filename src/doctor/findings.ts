/** The doctor's findings: plain data a CLI prints, a task pane lists and `fix` acts on. */
import type { AxisGroup, CellValue } from "./model";

export type FindingCode =
  /** Numbers in the category cells of a line/column/bar/area chart: spaced evenly, not by value. */
  | "numeric-categories"
  /** Categories typed into the chart (a literal list) instead of referencing the x cells. */
  | "literal-categories"
  /** No categories / X values at all: the axis is just 1..n. */
  | "absent-categories"
  /** X (scatter) or Y values typed into the chart instead of referencing cells. */
  | "literal-values"
  /** X and Y ranges of different lengths, or that start on different rows. */
  | "length-mismatch"
  /** Series on a secondary axis that is hidden or has no title. */
  | "secondary-axis-hidden"
  /** Primary and secondary axes scale numbers of the same size differently. */
  | "secondary-axis-rescaled"
  /** A logarithmic axis over zero or negative values (Excel cannot draw them). */
  | "log-axis-nonpositive"
  /** The workbook calculates manually: charts and cells may show stale numbers. */
  | "manual-calculation";

/** Which series and cells a finding is about. */
export interface Evidence {
  /** 0-based series positions and their names. */
  series: { index: number; name?: string }[];
  /** Cell references ("Sheet1!$A$2:$A$22") or single cells ("Sheet1!B7") involved. */
  cells: string[];
  /** A few of the values involved, when they explain the finding. */
  values?: CellValue[];
  /** The side of the series the finding is about, when it is one side: X/categories or Y values. */
  dimension?: "x" | "y";
  /** The axis the finding is about, when it is one axis. */
  axis?: { group: AxisGroup; direction: "horizontal" | "vertical" };
}

export interface Finding {
  code: FindingCode;
  /**
   * "error": the picture is wrong now; "warning": right by luck, or worth knowing; "note": right as
   * it is (a count as x by design, numbers labelling columns), said so the reader knows.
   */
  severity: "error" | "warning" | "note";
  /** The chart (its model id) this is about; absent for workbook-wide findings. */
  chartId?: string;
  chartName?: string;
  sheet?: string;
  /** One line, e.g. "Line chart puts x values on a category axis". */
  title: string;
  /** Plain-language explanation for a learner. */
  explanation: string;
  evidence: Evidence;
  /** What the fix does (or, when `fixable` is false, what the user can do). */
  fix: string;
  /** Whether `fixChart`/`fixWorkbook` can correct this finding on its own. */
  fixable: boolean;
}
