/**
 * The run sheet's charts, as XY scatter specs whose X values are cell ranges (step, epoch or x),
 * never typed-in labels; one value axis each side, no secondary axis; every series has its colour.
 */
import { columnOf } from "./columns";
import type { RunContext } from "./context";
import { KEYS } from "./keys";
import { LAYOUT } from "./layout";
import type { ChartSeriesSpec, ChartSpec, RangeRef, Table } from "./plan";
import type { SummaryBlock } from "./summaries";

/** Series colours ("RRGGBB"): error red, weights a–d blue, orange, green, purple, data grey. */
export const COLORS = {
  error: "C00000",
  epochError: "2F5597",
  data: "404040",
  model: "C00000",
  weights: { a: "1F77B4", b: "FF7F0E", c: "2CA02C", d: "9467BD" } as Record<string, string>,
};

/** Colours for the weights of a wide layer (up to 25 series), cycling through a 10-colour palette. */
const PALETTE = ["1F77B4", "FF7F0E", "2CA02C", "9467BD", "8C564B", "E377C2", "7F7F7F", "BCBD22", "17BECF", "D62728"];

/** A weight's series colour: a–d as always, wide-layer weights from the palette by position. */
export function weightColor(w: string, i: number): string {
  return COLORS.weights[w] ?? PALETTE[i % PALETTE.length];
}

export interface ChartPlaces {
  sheet: string;
  steps: Table;
  summary: SummaryBlock;
  fit: Table;
  /** Top-left cell of the 2 × 2 chart grid. */
  row: number;
  col: number;
}

/** Error by step (log y), weights by step, √SSE by epoch (log y), and the fit at the final weights. */
export function runCharts(ctx: RunContext, p: ChartPlaces): ChartSpec[] {
  const col = (t: Table, key: string, rows = t.rows): RangeRef => ({ sheet: p.sheet, row: t.row + 1, col: columnOf(t, key), rows, cols: 1 });
  const step = col(p.steps, "step");
  const series = (name: string, x: RangeRef, y: RangeRef, color: string, markers: boolean, lines: boolean): ChartSeriesSpec => ({ name, x, y, color, markers, lines });
  const s = p.summary;
  const epochRef = (c: number): RangeRef => ({ sheet: p.sheet, row: s.firstRow, col: c, rows: s.rows, cols: 1 });
  const few = p.steps.rows <= 200;
  const charts: Omit<ChartSpec, "anchor">[] = [
    {
      id: "error-by-step",
      title: "Squared error by step",
      series: [series("e = (ŷ − y)²", step, col(p.steps, KEYS.chartError), COLORS.error, few, true)],
      xAxis: { title: "step" },
      yAxis: { title: "squared error (log scale)", log: true },
    },
    {
      id: "weights-by-step",
      title: "Weights by step",
      series: ctx.weights.map((w, i) => series(w, step, col(p.steps, KEYS.chartWeight(w)), weightColor(w, i), false, true)),
      xAxis: { title: "step" },
      yAxis: { title: "weight" },
    },
    {
      id: "error-by-epoch",
      title: "√SSE by epoch (graddesc's \"rmse\")",
      series: [series("√SSE", epochRef(s.epochCol), epochRef(s.chartCol), COLORS.epochError, true, true)],
      xAxis: { title: "epoch" },
      yAxis: { title: "√SSE (log scale)", log: true },
    },
    {
      id: "fit",
      title: "The fit at the final weights",
      series: [
        series("data", col(p.steps, "x", ctx.n), col(p.steps, "y", ctx.n), COLORS.data, true, false),
        series(`ŷ: ${ctx.model.formula}`, col(p.fit, "fitX"), col(p.fit, "fitChart"), COLORS.model, false, true),
      ],
      xAxis: { title: "x" },
      yAxis: { title: "y" },
    },
  ];
  const { rows, cols, gapRows, gapCols } = LAYOUT.chart;
  return charts.map((c, i) => ({
    ...c,
    anchor: { row: p.row + Math.floor(i / 2) * (rows + gapRows), col: p.col + (i % 2) * (cols + gapCols), rows, cols },
  }));
}
