/**
 * Queues WriteOps on an Excel request context (no sync here). Charts are built explicitly: the
 * first series comes from `charts.add` with an explicit `seriesBy`, every series gets its X and Y
 * ranges by `setXAxisValues` / `setValues`. Axis scales are queued separately (`queueAxisScales`)
 * so a platform that refuses them cannot lose the data.
 */
import { rangeA1 } from "../sheet/address";
import type {
  ChartSeriesSpec,
  ChartSpec,
  ConditionalFormat,
  PrintSetup,
  RangeRef,
} from "../sheet/plan";
import { STYLES, type CellStyle } from "../sheet/styles";
import type { Rect, WriteOp } from "./plan-ops";

/** Resolves a plan RangeRef to a Range: refs to the plan's own sheet go to the sheet being written. */
export type RangeResolver = (ref: RangeRef) => Excel.Range;

const hex = (rgb: string): string => `#${rgb}`;
const rectRange = (sheet: Excel.Worksheet, r: Rect): Excel.Range =>
  sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);

function applyStyle(range: Excel.Range, s: CellStyle): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.size !== undefined) f.font.size = s.size;
  if (s.fontColor) f.font.color = hex(s.fontColor);
  if (s.fill) f.fill.color = hex(s.fill);
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.align)
    f.horizontalAlignment = s.align === "left" ? "Left" : s.align === "center" ? "Center" : "Right";
  if (s.border) {
    for (const edge of [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "InsideHorizontal",
      "InsideVertical",
    ] as const) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#BFBFBF";
    }
  }
}

function chartType(s: ChartSeriesSpec): "XYScatter" | "XYScatterLines" | "XYScatterLinesNoMarkers" {
  if (!s.lines) return "XYScatter";
  return s.markers ? "XYScatterLines" : "XYScatterLinesNoMarkers";
}

/**
 * The plan's dash patterns (DrawingML presets, as the .xlsx writer writes them) as Office.js line
 * styles (ExcelApi 1.7). Office.js has no long dash: "lgDash" becomes dash-dot, so it still differs
 * from "dash"; "sysDot" is Excel's round dot and "sysDash" its square dot ("Dot").
 */
const LINE_STYLE: Record<
  NonNullable<ChartSeriesSpec["dash"]>,
  "Dash" | "RoundDot" | "DashDot" | "Dot"
> = { dash: "Dash", sysDot: "RoundDot", lgDash: "DashDot", sysDash: "Dot" };
const MARKER: Record<
  NonNullable<ChartSeriesSpec["symbol"]>,
  "Circle" | "Square" | "Triangle" | "Diamond"
> = { circle: "Circle", square: "Square", triangle: "Triangle", diamond: "Diamond" };
/** Line width in points when the plan gives none (as in the .xlsx writer). */
const LINE_POINTS = 1.5;

/** Type, colour, dash, width and marker symbol of one series (all ExcelApi 1.7, so in the data's request). */
function styleSeries(series: Excel.ChartSeries, s: ChartSeriesSpec): void {
  series.chartType = chartType(s);
  series.format.line.color = hex(s.color);
  if (!s.lines) series.format.line.lineStyle = "None";
  else {
    if (s.dash) series.format.line.lineStyle = LINE_STYLE[s.dash];
    series.format.line.weight = s.width ?? LINE_POINTS;
  }
  series.markerStyle = s.markers ? MARKER[s.symbol ?? "circle"] : "None";
  if (s.markers) {
    series.markerBackgroundColor = hex(s.color);
    series.markerForegroundColor = hex(s.color);
    series.markerSize = 4;
  }
}

/** Queue one XY scatter chart: created from the first series' Y range by columns, then every series set explicitly. */
export function queueChart(
  sheet: Excel.Worksheet,
  spec: ChartSpec,
  resolve: RangeResolver
): Excel.Chart {
  const [first, ...rest] = spec.series;
  const chart = sheet.charts.add(chartType(first), resolve(first.y), "Columns");
  chart.name = spec.id;
  chart.title.text = spec.title;
  const a = spec.anchor;
  chart.setPosition(
    rectRange(sheet, { row: a.row, col: a.col, rows: 1, cols: 1 }),
    rectRange(sheet, { row: a.row + a.rows - 1, col: a.col + a.cols - 1, rows: 1, cols: 1 })
  );
  chart.legend.visible = spec.series.length > 1;
  chart.legend.position = "Bottom";
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setXAxisValues(resolve(first.x));
  s0.setValues(resolve(first.y));
  styleSeries(s0, first);
  for (const s of rest) {
    const series = chart.series.add(s.name);
    series.setXAxisValues(resolve(s.x));
    series.setValues(resolve(s.y));
    styleSeries(series, s);
  }
  chart.axes.categoryAxis.title.text = spec.xAxis.title;
  chart.axes.valueAxis.title.text = spec.yAxis.title;
  return chart;
}

/**
 * Queue the axis settings a platform may refuse (log scale, bounds and, when `numberFormats`
 * (ExcelApi 1.8), the labels' number format); the caller syncs them in their own try.
 */
export function queueAxisScales(
  chart: Excel.Chart,
  spec: ChartSpec,
  numberFormats = false
): boolean {
  let any = false;
  for (const [axis, s] of [
    [chart.axes.categoryAxis, spec.xAxis],
    [chart.axes.valueAxis, spec.yAxis],
  ] as const) {
    if (s.log) {
      axis.scaleType = "Logarithmic";
      any = true;
    }
    if (s.min !== undefined) {
      axis.minimum = s.min;
      any = true;
    }
    if (s.max !== undefined) {
      axis.maximum = s.max;
      any = true;
    }
    if (numberFormats && s.numberFormat) {
      axis.numberFormat = s.numberFormat;
      any = true;
    }
  }
  return any;
}

/**
 * Queue a sheet's page setup (ExcelApi 1.9; the caller checks the set and syncs it in its guarded
 * request): the print areas as one multi-area address (each area starts a page), the orientation
 * and manual page breaks above `rowBreaks` only. One page wide is `queueOnePageWide`.
 */
export function queuePrint(sheet: Excel.Worksheet, print: PrintSetup): void {
  const layout = sheet.pageLayout;
  if (print.areas.length)
    layout.setPrintArea(print.areas.map((a) => rangeA1({ sheet: "", ...a }, false)).join(","));
  layout.orientation = print.landscape ? "Landscape" : "Portrait";
  // A rebuilt sheet keeps its old manual breaks: remove them so the breaks are the plan's only.
  sheet.horizontalPageBreaks.removePageBreaks();
  for (const row of print.rowBreaks ?? [])
    sheet.horizontalPageBreaks.add(rectRange(sheet, { row, col: 0, rows: 1, cols: 1 }));
}

/**
 * Queue printing the sheet one page wide and as many pages tall as needed (0 = automatic, as
 * fitToHeight="0" in the .xlsx). The caller queues it last in its guarded request, so a host that
 * refuses the zoom loses nothing else.
 */
export function queueOnePageWide(sheet: Excel.Worksheet): void {
  sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}

function queueConditionalFormat(sheet: Excel.Worksheet, cf: ConditionalFormat): void {
  const range = rectRange(sheet, cf.range);
  if (cf.kind === "formula") {
    const f = range.conditionalFormats.add("Custom");
    f.custom.rule.formula = cf.formula;
    const st = STYLES[cf.style];
    if (st.fill) f.custom.format.fill.color = hex(st.fill);
    if (st.fontColor) f.custom.format.font.color = hex(st.fontColor);
    if (st.bold !== undefined) f.custom.format.font.bold = st.bold;
    return;
  }
  const f = range.conditionalFormats.add("ColorScale");
  const [lo, mid, hi] =
    cf.colors.length === 3 ? cf.colors : [cf.colors[0], undefined, cf.colors[1]];
  f.colorScale.criteria = {
    minimum: { type: "LowestValue", color: hex(lo) },
    ...(mid ? { midpoint: { formula: "50", type: "Percentile", color: hex(mid) } } : {}),
    maximum: { type: "HighestValue", color: hex(hi) },
  };
}

/** Queue one op. Returns the chart it created, if any, so its axes can be scaled later. */
export function queueOp(
  sheet: Excel.Worksheet,
  op: WriteOp,
  resolve: RangeResolver
): Excel.Chart | undefined {
  switch (op.kind) {
    case "cells":
      rectRange(sheet, op.rect).formulas = op.formulas as unknown[][];
      return;
    case "numberFormat":
      rectRange(sheet, op.rect).numberFormat = op.formats as unknown[][];
      return;
    case "style":
      applyStyle(rectRange(sheet, op.rect), op.style);
      return;
    case "fillDown": {
      const r = op.rect;
      rectRange(sheet, { ...r, rows: 1 }).autoFill(rectRange(sheet, r), "FillCopy");
      return;
    }
    case "width":
      rectRange(sheet, { row: 0, col: op.col, rows: 1, cols: op.cols }).format.columnWidth =
        op.points;
      return;
    case "freeze":
      if (op.rows && op.cols)
        sheet.freezePanes.freezeAt(
          rectRange(sheet, { row: 0, col: 0, rows: op.rows, cols: op.cols })
        );
      else if (op.rows) sheet.freezePanes.freezeRows(op.rows);
      else sheet.freezePanes.freezeColumns(op.cols);
      return;
    case "name":
      sheet.names.add(
        op.name,
        rectRange(sheet, { row: op.row, col: op.col, rows: op.rows ?? 1, cols: op.cols ?? 1 }),
        op.comment
      );
      return;
    case "conditionalFormat":
      queueConditionalFormat(sheet, op.format);
      return;
    case "chart":
      return queueChart(sheet, op.chart, resolve);
  }
}
