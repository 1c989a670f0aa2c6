/**
 * Where a series' x values really are. Used by the checks (to say whether a finding can be fixed)
 * and by the fix (to link the X values). In order: the chart's own category cells when they hold
 * numbers; a column of the same rows whose header names an x ("x", "step", "epoch", "iteration"…);
 * the nearest numeric column to the left of the values that the chart does not plot as Y. Row-wise
 * data is searched the same way, turned on its side.
 */
import type { CellValue, ChartModel, DataSource, SheetContext } from "./model";
import type { RangeRef } from "../sheet/plan";
import { cellAt, findSheet, formatRef, parseRef, readRef, windowWidth } from "./ref";

/** The X cells chosen for a series, and why. */
export interface XChoice {
  source: { kind: "ref"; ref: string; values: CellValue[] };
  how: "categories" | "header" | "beside";
}

const X_HEADER = /^\s*(x\b|x\s*value|input|step|epoch|iter|index\s*$|t\s*$|n\s*$)/i;
const HEADER_ROWS = 3;

/** The values of a data source, read from the sheets when the reader did not attach them. */
export function valuesOf(src: DataSource, sheets: SheetContext[]): CellValue[] | undefined {
  if (src.kind === "literal") return src.values;
  if (src.kind === "none") return undefined;
  if (src.values) return src.values;
  const r = parseRef(src.ref);
  return r ? readRef(sheets, r) : undefined;
}

/** True when the list holds at least two numbers and nothing but numbers and blanks/gaps. */
export function isNumericList(values: CellValue[] | undefined): values is CellValue[] {
  if (!values) return false;
  let numbers = 0;
  for (const v of values) {
    if (typeof v === "number") numbers++;
    else if (v !== null && v !== "") return false;
  }
  return numbers >= 2;
}

/** The X cells for series `index` of `chart`, or null when no cells hold them. */
export function findX(chart: ChartModel, index: number, sheets: SheetContext[]): XChoice | null {
  const s = chart.series[index];
  if (s.x.kind === "ref" && s.x.ref) {
    const vals = valuesOf(s.x, sheets);
    if (isNumericList(vals))
      return { source: { kind: "ref", ref: s.x.ref, values: vals }, how: "categories" };
  }
  if (s.y.kind !== "ref") return null;
  const y = parseRef(s.y.ref);
  if (!y || (y.rows > 1 && y.cols > 1)) return null;
  const ctx = findSheet(sheets, y.sheet);
  return ctx ? searchSheet(chart, y, ctx) : null;
}

/** The search along the sheet: header first, then the nearest unplotted numeric line to the left. */
function searchSheet(chart: ChartModel, y: RangeRef, ctx: SheetContext): XChoice | null {
  const down = y.cols === 1; // values run down a column
  const here = down ? y.col : y.row;
  const lo = down ? ctx.left : ctx.top;
  const hi = down ? ctx.left + windowWidth(ctx) - 1 : ctx.top + ctx.values.length - 1;
  const plotted = plottedLines(chart, y, down);
  const lineAt = (k: number): RangeRef =>
    down ? { ...y, col: k, cols: 1 } : { ...y, row: k, rows: 1 };
  const numeric = (k: number): CellValue[] | null => {
    const vals = readRef([ctx], lineAt(k));
    return isNumericList(vals) ? vals : null;
  };
  const choice = (k: number, how: XChoice["how"], values: CellValue[]): XChoice => ({
    source: { kind: "ref", ref: formatRef(lineAt(k)), values },
    how,
  });
  const byHeader: number[] = [];
  for (let k = lo; k <= hi; k++) {
    if (k === here || plotted.has(k)) continue;
    const h = headerOf(ctx, y, k, down);
    if (h !== undefined && X_HEADER.test(h)) byHeader.push(k);
  }
  byHeader.sort((a, b) => Math.abs(a - here) - Math.abs(b - here));
  for (const k of byHeader) {
    const vals = numeric(k);
    if (vals) return choice(k, "header", vals);
  }
  for (let k = here - 1; k >= lo; k--) {
    if (plotted.has(k)) continue;
    const vals = numeric(k);
    if (vals) return choice(k, "beside", vals);
    break;
  }
  return null;
}

/** Columns (or rows) the chart already plots as Y over the same cells. */
function plottedLines(chart: ChartModel, y: RangeRef, down: boolean): Set<number> {
  const out = new Set<number>();
  for (const s of chart.series) {
    if (s.y.kind !== "ref") continue;
    const r = parseRef(s.y.ref);
    if (!r || r.sheet.toLowerCase() !== y.sheet.toLowerCase()) continue;
    if (down && r.cols === 1) out.add(r.col);
    if (!down && r.rows === 1) out.add(r.row);
  }
  return out;
}

/** The nearest text just above a column (or left of a row) of values: its header. */
function headerOf(ctx: SheetContext, y: RangeRef, k: number, down: boolean): string | undefined {
  for (let d = 1; d <= HEADER_ROWS; d++) {
    const v = down ? cellAt(ctx, y.row - d, k) : cellAt(ctx, k, y.col - d);
    if (typeof v === "string" && v.trim() !== "") return v;
    if (typeof v === "number") return undefined;
  }
  return undefined;
}
