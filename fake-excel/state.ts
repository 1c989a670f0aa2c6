/**
 * The fake workbook's state: plain data a test can read directly (cells, names, charts, settings)
 * without going through the proxy objects.
 */
import type { RangeRef } from "../src/sheet/plan";

export type FakeScalar = number | string | boolean;

export interface FakeCell {
  value?: FakeScalar;
  formula?: string;
  numberFormat?: string;
  /** Format properties set through `range.format`, by path ("font.bold", "fill.color", ...). */
  format: Record<string, unknown>;
  /** The cell's hyperlink (ExcelApi 1.7): where it goes and what it shows. */
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string };
}

/** A rectangle on a sheet, 0-based, as the fake resolves a Range: the sheet layer's RangeRef. */
export type FakeRangeRef = RangeRef;

export interface FakeName {
  name: string;
  /** null: workbook scope; else the sheet's id. */
  scopeSheetId: string | null;
  ref: FakeRangeRef | null;
  /** A formula/constant reference such as `="text"` when not a range. */
  formula?: string;
  comment?: string;
  visible: boolean;
}

export interface FakeSeries {
  name: string;
  x: FakeRangeRef | null;
  y: FakeRangeRef | null;
  props: Record<string, unknown>;
}

export interface FakeChart {
  name: string;
  type: string;
  seriesBy: string | undefined;
  source: FakeRangeRef;
  series: FakeSeries[];
  /** Other chart properties by path: "title.text", "axes.valueAxis.scaleType", "position", ... */
  props: Record<string, unknown>;
}

export interface FakeConditionalFormat {
  range: FakeRangeRef;
  type: string;
  props: Record<string, unknown>;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: string;
  cells: Map<number, FakeCell>;
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  customProperties: Map<string, string>;
  freeze: FakeRangeRef | null;
  /** Column widths in points, by 0-based column. */
  columnWidths: Map<number, number>;
  /** Cell notes (ExcelApi 1.18), by cellKey. */
  notes: Map<number, string>;
  /** Page setup (ExcelApi 1.9), once an add-in set any of it. */
  print?: FakePrint;
  /** Shapes (ExcelApi 1.9): a learner's own drawings, text boxes and pictures. */
  shapes: FakeShape[];
}

/** A shape on a sheet: its id, name, kind ("GeometricShape", "TextBox", "Image") and text. */
export interface FakeShape {
  id: string;
  name: string;
  type: string;
  text?: string;
}

/** A sheet's page setup: print areas, orientation, zoom / fit to pages, rows with a page break above. */
export interface FakePrint {
  areas: FakeRangeRef[];
  orientation?: "Portrait" | "Landscape";
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  rowBreaks: number[];
}

export interface FakeWorkbookState {
  sheets: FakeSheet[];
  activeSheetId: string;
  selection: FakeRangeRef;
  names: FakeName[];
  settings: Map<string, unknown>;
  /** Custom XML parts (ExcelApi 1.5), in order. */
  customXmlParts: { id: string; xml: string }[];
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual";
  nextId: number;
}

export const cellKey = (row: number, col: number): number => row * 16384 + col;

export function newSheet(state: FakeWorkbookState, name: string): FakeSheet {
  const sheet: FakeSheet = {
    id: `{${String(state.nextId++).padStart(8, "0")}-FAKE}`,
    name,
    visibility: "Visible",
    cells: new Map(),
    charts: [],
    conditionalFormats: [],
    customProperties: new Map(),
    freeze: null,
    columnWidths: new Map(),
    notes: new Map(),
    shapes: [],
  };
  state.sheets.push(sheet);
  return sheet;
}

/** A deep, comparable snapshot of the state (Maps turned into sorted arrays). */
export function snapshot(state: FakeWorkbookState): unknown {
  return JSON.parse(
    JSON.stringify(state, (_k, v: unknown) =>
      v instanceof Map ? [...v.entries()].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)) : v
    )
  );
}

/**
 * Make `sheet` the active one, as Excel does: the selection moves with it (each sheet keeps the
 * cells selected when it was last active; a sheet never active has A1 selected).
 */
export function activateSheet(state: FakeWorkbookState, sheet: FakeSheet): void {
  const previous = state.sheets.find((s) => s.id === state.activeSheetId);
  if (previous && previous !== sheet) selections.set(previous, { ...state.selection });
  state.activeSheetId = sheet.id;
  const kept = selections.get(sheet);
  state.selection = kept
    ? { ...kept, sheet: sheet.name }
    : { sheet: sheet.name, row: 0, col: 0, rows: 1, cols: 1 };
}

/** Each sheet's selection while another sheet is active: view state, kept out of the workbook's snapshot. */
const selections = new WeakMap<FakeSheet, FakeRangeRef>();
