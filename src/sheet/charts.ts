/**
 * The run sheet's charts, as XY scatter specs whose X values are cell ranges (step, epoch or x),
 * never typed-in labels; one value axis each side, no secondary axis; every series has its colour,
 * and series that may coincide differ in dash, marker and width. Axis label formats come from the
 * range of the values they show (`axisFormat`).
 */
import { columnOf } from "./columns";
import type { RunContext } from "./context";
import { axisFormat } from "./formats";
import { KEYS } from "./keys";
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
const PALETTE = [
  "1F77B4",
  "FF7F0E",
  "2CA02C",
  "9467BD",
  "8C564B",
  "E377C2",
  "7F7F7F",
  "BCBD22",
  "17BECF",
  "D62728",
];

/** A weight's series colour: a–d as always, wide-layer weights from the palette by position. */
export function weightColor(w: string, i: number): string {
  return COLORS.weights[w] ?? PALETTE[i % PALETTE.length];
}

const DASHES = [undefined, "dash", "sysDot", "lgDash", "sysDash"] as const;
const SYMBOLS = ["circle", "square", "triangle", "diamond"] as const;

/**
 * The look of the i-th of several series that may lie on one another: the first solid and widest
 * (3 pt), each later one thinner and dashed or dotted, with its own marker symbol. Drawn in order,
 * a later series shows over an earlier one and the earlier one shows through its gaps.
 */
export function seriesLook(i: number): Pick<ChartSeriesSpec, "dash" | "symbol" | "width"> {
  const dash = DASHES[i % DASHES.length];
  return {
    ...(dash ? { dash } : {}),
    symbol: SYMBOLS[i % SYMBOLS.length],
    width: i === 0 ? 3 : 1.75,
  };
}

export interface ChartPlaces {
  sheet: string;
  steps: Table;
  summary: SummaryBlock;
  fit: Table;
}

/** The cached values of a table column (formula results or literals), for axis formats. */
function columnValues(t: Table, key: string): unknown[] {
  const c = t.columns[columnOf(t, key) - t.col];
  return (c.cached ?? c.values ?? []) as unknown[];
}

/** Charts by id: error by step (log y), weights by step, √SSE by epoch (log y), the fit at the final weights. Anchors are set by the caller. */
export function runCharts(
  ctx: RunContext,
  p: ChartPlaces
): Record<
  "error-by-step" | "weights-by-step" | "error-by-epoch" | "fit",
  Omit<ChartSpec, "anchor">
> {
  const col = (t: Table, key: string, rows = t.rows): RangeRef => ({
    sheet: p.sheet,
    row: t.row + 1,
    col: columnOf(t, key),
    rows,
    cols: 1,
  });
  const step = col(p.steps, "step");
  const series = (
    name: string,
    x: RangeRef,
    y: RangeRef,
    color: string,
    markers: boolean,
    lines: boolean
  ): ChartSeriesSpec => ({ name, x, y, color, markers, lines });
  const s = p.summary;
  const epochRef = (c: number): RangeRef => ({
    sheet: p.sheet,
    row: s.firstRow,
    col: c,
    rows: s.rows,
    cols: 1,
  });
  const few = p.steps.rows <= 200;
  const steps = columnValues(p.steps, "step");
  const weights = ctx.weights.flatMap((w) => columnValues(p.steps, KEYS.chartWeight(w)));
  const roots = s.block.cells.slice(1).map((line) => line[s.chartCol - s.block.col]?.cached);
  const epochs = s.block.cells.slice(1).map((line) => line[0]?.value);
  const fitY = [...columnValues(p.fit, "fitChart"), ...ctx.result.config.data.map((d) => d.y)];
  const fitX = [...columnValues(p.fit, "fitX"), ...ctx.result.config.data.map((d) => d.x)];
  return {
    "error-by-step": {
      id: "error-by-step",
      title: "Squared error by step",
      series: [
        series("e = (ŷ − y)²", step, col(p.steps, KEYS.chartError), COLORS.error, few, true),
      ],
      xAxis: { title: "step", numberFormat: axisFormat(steps) },
      yAxis: {
        title: "squared error (log scale)",
        log: true,
        numberFormat: axisFormat(columnValues(p.steps, KEYS.chartError), true),
      },
    },
    "weights-by-step": {
      id: "weights-by-step",
      title: "Weights by step",
      // every weight after the first also carries markers (few steps): its symbols show even where its line lies under another
      series: ctx.weights.map((w, i) => ({
        ...series(
          w,
          step,
          col(p.steps, KEYS.chartWeight(w)),
          weightColor(w, i),
          few && i > 0,
          true
        ),
        ...seriesLook(i),
      })),
      xAxis: { title: "step", numberFormat: axisFormat(steps) },
      yAxis: { title: "weight", numberFormat: axisFormat(weights) },
    },
    "error-by-epoch": {
      id: "error-by-epoch",
      title: '√SSE by epoch (graddesc\'s "rmse")',
      series: [
        series("√SSE", epochRef(s.epochCol), epochRef(s.chartCol), COLORS.epochError, true, true),
      ],
      xAxis: { title: "epoch", numberFormat: axisFormat(epochs) },
      yAxis: { title: "√SSE (log scale)", log: true, numberFormat: axisFormat(roots, true) },
    },
    fit: {
      id: "fit",
      title: "The fit at the final weights",
      series: [
        series(
          "data",
          col(p.steps, "x", ctx.n),
          col(p.steps, "y", ctx.n),
          COLORS.data,
          true,
          false
        ),
        series(
          ctx.model.formula,
          col(p.fit, "fitX"),
          col(p.fit, "fitChart"),
          COLORS.model,
          false,
          true
        ),
      ],
      xAxis: { title: "x", numberFormat: axisFormat(fitX) },
      yAxis: { title: "y", numberFormat: axisFormat(fitY) },
    },
  };
}
