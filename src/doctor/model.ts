/**
 * The doctor's plain chart model: what a chart shows and where its numbers come from, with no
 * Office objects and no XML. The Excel adapter (`src/excel/doctor.ts`) and the file reader
 * (`src/xlsx/doctor/`) both translate into it; the doctor (`./check`, `./fix`) only reads it.
 * Everything here is JSON-serialisable.
 */

/** A cell's value as the doctor sees it; error values (#N/A, #NUM!…) read as `null` (a gap). */
export type CellValue = number | string | boolean | null;

/** Chart families the doctor tells apart; "other" (pie, radar…) is reported on but never changed. */
export type ChartType = "line" | "column" | "bar" | "area" | "scatter" | "other";

/**
 * Where a series dimension gets its data: cells (`ref`, e.g. "'Run 1'!$B$5:$B$25", with the
 * cells' values when the reader knows them), numbers or labels typed into the chart (`literal`),
 * or nothing at all (`none`: Excel then numbers the points 1..n). A `ref` of "" means "cells,
 * address not reported" (an Excel without ExcelApi 1.15): its values still count, but it cannot be relinked.
 */
export type DataSource =
  | { kind: "ref"; ref: string; values?: CellValue[] }
  | { kind: "literal"; values: CellValue[] }
  | { kind: "none" };

export type AxisGroup = "primary" | "secondary";

/** One series. `x` holds categories on line/column/bar/area charts and X values on scatter charts. */
export interface SeriesModel {
  /** The series name as shown (legend text), if any. */
  name?: string;
  /** Where the name comes from: a cell, typed text or nothing. */
  nameSource: DataSource;
  x: DataSource;
  y: DataSource;
  axisGroup: AxisGroup;
  /** "RRGGBB" line/fill colour when set explicitly on the series. */
  color?: string;
}

/**
 * One axis. `direction` is where it sits: horizontal (X/categories) or vertical (values).
 * `kind` "category" spaces points evenly whatever their x; "value" places them by number.
 */
export interface AxisModel {
  group: AxisGroup;
  direction: "horizontal" | "vertical";
  kind: "category" | "value" | "date";
  title?: string;
  /** False when the axis is deleted/hidden: its numbers are not drawn. */
  visible: boolean;
  scale: "linear" | "log";
  logBase?: number;
  min?: number;
  max?: number;
}

/** A chart: `id` is the reader's handle (a part name such as "xl/charts/chart1.xml" or an Excel chart id). */
export interface ChartModel {
  id: string;
  /** The chart's display name (Excel's "Chart 1"), if known. */
  name?: string;
  /** The sheet the chart sits on. */
  sheet?: string;
  title?: string;
  type: ChartType;
  series: SeriesModel[];
  axes: AxisModel[];
}

/**
 * A small, plain window onto a sheet: `values[i][j]` is the cell at row `top + i`, column
 * `left + j` (0-based). Readers include the rows a chart uses and a few rows above them (headers).
 */
export interface SheetContext {
  name: string;
  top: number;
  left: number;
  /** Rows may be missing (holes) or short: missing cells are empty. */
  values: CellValue[][];
  /**
   * Set by the file reader: the window holds every cell of the sheet from `top` down, so a cell
   * past its last row is empty (not unknown). A range far larger than the data (a whole sheet) is
   * then read as the cells that exist.
   */
  complete?: boolean;
}

/** What the doctor is given: the charts, the sheets their data lives on, and how the book calculates. */
export interface WorkbookModel {
  charts: ChartModel[];
  sheets: SheetContext[];
  calcMode: "automatic" | "manual" | "semiautomatic" | "unknown";
}
