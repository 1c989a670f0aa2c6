/**
 * The SheetPlan: plain data describing one worksheet GradSheet writes (cells, formulas with the
 * core's values cached, defined names, charts, formats). The sheet layer builds it; the .xlsx and
 * Excel writers only translate it. No Office objects, no functions, JSON-serialisable.
 *
 * Coordinates are 0-based (row 0 = sheet row 1, col 0 = column A). A1 text exists only in
 * formulas and at the writers' edges, through `./address`.
 */

/** Error values a formula cell can hold, spelled as Excel shows them. */
export type CellError = "#NUM!" | "#DIV/0!" | "#VALUE!" | "#N/A" | "#NAME?" | "#REF!";

export type Scalar = number | string | boolean;

/** A cached formula result: a value, an error, or null (an empty string result is ""). */
export type CachedValue = Scalar | { error: CellError } | null;

/** Named cell styles; `STYLES` in `./styles` says what each looks like. */
export type StyleId =
  | "title"
  | "subtitle"
  | "note"
  | "label"
  | "input"
  | "header"
  | "integer"
  | "number"
  | "weight"
  | "error"
  | "summary"
  | "rate"
  | "flag"
  | "text"
  /** A step-table cell left for the learner to write (an exercise). */
  | "blank";

/** One cell of a small block: a literal `value`, or a `formula` ("=...", en-US) with its `cached` result. */
export interface Cell {
  value?: Scalar;
  formula?: string;
  cached?: CachedValue;
  style?: StyleId;
  /** Hover text / explanation (written as a cell note where the writer supports it). */
  comment?: string;
}

/** A rectangle of explicit cells whose top-left is (row, col); `null` leaves a cell empty. */
export interface Block {
  row: number;
  col: number;
  cells: (Cell | null)[][];
}

/**
 * One column of a step table. Literal columns give `values`; formula columns give the formula of
 * the first data row (`first`, optional) and of the second data row (`rest`): every later row is
 * `rest` with its relative row references shifted down, exactly as Excel's fill-down does
 * (`shiftRows` in `./address`). `cached` holds the core's value for every row.
 */
export interface Column {
  /** Stable key, e.g. "x", "a", "pred", "err", "dA_fwd", "newA". */
  key: string;
  header: string;
  /** One line saying the maths in words a learner knows, e.g. "de/da = 2·(ŷ − y)·c·x". */
  description: string;
  style: StyleId;
  values?: Scalar[];
  formula?: { first?: string; rest: string };
  cached?: CachedValue[];
  /** Column width in characters. */
  width?: number;
}

/** A step table: a header row at (row, col) and `rows` data rows below it. */
export interface Table {
  /** What the table is: "steps" (one row per SGD step) or "fit" (the model over an x grid). */
  id?: string;
  row: number;
  col: number;
  rows: number;
  columns: Column[];
}

/** A rectangle on a named sheet, 0-based. */
export interface RangeRef {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ChartSeriesSpec {
  name: string;
  /** X values: always a cell range (step, epoch or x). */
  x: RangeRef;
  y: RangeRef;
  /** "RRGGBB" */
  color: string;
  markers: boolean;
  lines: boolean;
  /**
   * How to tell this series from one it may lie on: a dash pattern ("solid" when absent), a marker
   * symbol ("circle" when absent) and a line width in points (1.5 when absent). Series are drawn in
   * order, so a later, thinner, dashed series stays visible over an earlier solid one.
   */
  dash?: "dash" | "sysDot" | "lgDash" | "sysDash";
  symbol?: "circle" | "square" | "triangle" | "diamond";
  width?: number;
}

export interface AxisSpec {
  title: string;
  log?: boolean;
  /** The labels' number format (e.g. "0E+00", "0.00"), chosen from the data's range; General when absent. */
  numberFormat?: string;
  min?: number;
  max?: number;
}

/** An XY scatter chart, positioned over a cell rectangle of the sheet it is on. */
export interface ChartSpec {
  id: string;
  title: string;
  series: ChartSeriesSpec[];
  xAxis: AxisSpec;
  yAxis: AxisSpec;
  anchor: { row: number; col: number; rows: number; cols: number };
}

/** A rectangle of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * How the sheet prints: the print areas (each starts a page), landscape or portrait, scaled so
 * each area is at most one page wide; `rowBreaks` are page breaks before these rows.
 */
export interface PrintSetup {
  areas: Rect[];
  landscape: boolean;
  rowBreaks?: number[];
}

/** Conditional formatting on a rectangle of this sheet. */
export type ConditionalFormat =
  | {
      kind: "formula";
      range: { row: number; col: number; rows: number; cols: number };
      /** A boolean formula written for the range's top-left cell, e.g. "=$AB5=1". */
      formula: string;
      style: StyleId;
    }
  | {
      kind: "colorScale";
      range: { row: number; col: number; rows: number; cols: number };
      /** "RRGGBB" colours for the lowest, middle (optional) and highest values. */
      colors: [string, string] | [string, string, string];
    };

/** A defined name pointing at one cell of this sheet. */
export interface NamedCell {
  name: string;
  row: number;
  col: number;
  comment?: string;
}

export interface SheetPlan {
  name: string;
  blocks: Block[];
  tables: Table[];
  names: NamedCell[];
  charts: ChartSpec[];
  conditionalFormats: ConditionalFormat[];
  freeze: { rows: number; cols: number };
  columnWidths: { col: number; width: number }[];
  /** Print areas and page setup; the whole used range in portrait when absent. */
  print?: PrintSetup;
  /** The run's settings and anything a writer stores so the add-in can recognise the sheet later. */
  meta: Record<string, unknown>;
}

/**
 * Sheets to write together. `namesScope` "workbook" makes defined names workbook-wide (a one-run
 * file); "sheet" scopes them to their sheet (several runs in one workbook).
 */
export interface WorkbookPlan {
  sheets: SheetPlan[];
  namesScope: "workbook" | "sheet";
}
