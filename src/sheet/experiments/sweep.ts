/**
 * The learning-rate sweep sheet: one line per rate with the final √SSE and where the run diverged,
 * charted on a logarithmic lr axis, and the largest rate that stayed stable. A sweep is many runs,
 * so these are the core's results as values; any rate can be generated as a live run sheet.
 */
import { MODELS, OPTIMIZERS, type RunConfig, type SweepResult } from "../../core";
import { a1, abs } from "../address";
import { cachedForChart } from "../cached";
import { axisFormat } from "../formats";
import { LAYOUT, spanCols } from "../layout";
import type { Block, CachedValue, Cell, SheetPlan } from "../plan";

const HEADER_ROW = 3;
/** The largest-stable block and the chart start here, right of the table. */
const CHART_COL = 9;
const HEADERS = [
  "learning rate",
  "final √SSE",
  "diverged?",
  "at epoch",
  "at row",
  "at step",
  "√SSE for chart",
  "stable rate",
];
/** Every header on one line (no wrapped header over the first row), numbers room for 4.5E+32. */
const WIDTHS = [
  ...HEADERS.map((h, col) => ({
    col,
    width: Math.max(h.length + 2, col === 1 || col === 6 ? 14 : 8),
  })),
  { col: CHART_COL, width: 30 },
];

/**
 * The chart's title, true to what it shows: a rate whose √SSE overflowed (or is not positive) is
 * #N/A in the chart feed and leaves a gap; a rate that diverged with a finite √SSE is plotted.
 */
export function sweepTitle(sweep: SweepResult, feeds: readonly CachedValue[]): string {
  const gaps = feeds.filter((v) => typeof v !== "number").length;
  const plotted = sweep.runs.filter((r, i) => r.divergence && typeof feeds[i] === "number").length;
  const notes = [
    ...(plotted ? [`${plotted} diverged rate${plotted === 1 ? "" : "s"} plotted`] : []),
    ...(gaps ? [`gaps: ${gaps} overflowed`] : []),
  ];
  return `Final √SSE by learning rate${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

/** The sweep sheet. `config` is the run every rate shares (its lr is ignored). */
export function buildSweepSheet(sweep: SweepResult, config: RunConfig, name = "Sweep"): SheetPlan {
  const k = sweep.runs.length;
  const last = HEADER_ROW + k;
  const header: Cell[] = HEADERS.map((v): Cell => ({ value: v, style: "header" }));
  const body = sweep.runs.map((run, i): (Cell | null)[] => {
    const r = HEADER_ROW + 1 + i;
    const root = run.epochs[run.epochs.length - 1].rootSse;
    const d = run.divergence;
    return [
      { value: run.lr, style: "rate" },
      Number.isFinite(root)
        ? { value: root, style: "summary" }
        : { value: "overflowed", style: "flag" },
      d ? { value: "yes", style: "flag" } : { value: "no" },
      d ? { value: d.epoch, style: "integer" } : null,
      d ? { value: d.row, style: "integer" } : null,
      d ? { value: d.step, style: "integer" } : null,
      {
        formula: `=IF(ISNUMBER(${a1(r, 1)}),IF(${a1(r, 1)}>0,${a1(r, 1)},NA()),NA())`,
        cached: cachedForChart(root, true),
        style: "summary",
      },
      { formula: `=IF(${a1(r, 2)}="no",${a1(r, 0)},0)`, cached: d ? 0 : run.lr, style: "rate" },
    ];
  });
  const roots = sweep.runs.map((run) =>
    cachedForChart(run.epochs[run.epochs.length - 1].rootSse, true)
  );
  const chartCols = spanCols(
    new Map(WIDTHS.map((w) => [w.col, w.width])),
    CHART_COL,
    LAYOUT.band.chars,
    9
  );
  const stableRange = `${abs(HEADER_ROW + 1, 7)}:${abs(last, 7)}`;
  const c = config;
  const blocks: Block[] = [
    {
      row: 0,
      col: 0,
      cells: [
        [
          {
            value: `Learning-rate sweep: ${MODELS[c.model].formula}, ${OPTIMIZERS[c.optimizer].label}`,
            style: "title",
          },
        ],
        [
          {
            value: `${k} rates, each trained ${c.epochs} epoch${c.epochs === 1 ? "" : "s"} on the same ${c.data.length} rows from the same initial weights with ${c.gradient} derivatives. These are GradSheet's results as values: generate a rate as a run sheet to see its formulas.`,
            style: "subtitle",
          },
        ],
      ],
    },
    { row: HEADER_ROW, col: 0, cells: [header, ...body] },
    {
      row: HEADER_ROW,
      col: 9,
      cells: [
        [{ value: "largest stable learning rate", style: "header" }],
        [
          {
            formula: `=IF(MAX(${stableRange})>0,MAX(${stableRange}),"none")`,
            cached: sweep.largestStable ?? "none",
            style: "rate",
          },
        ],
      ],
    },
  ];
  return {
    name,
    blocks,
    tables: [],
    names: [],
    charts: [
      {
        id: "sweep",
        title: sweepTitle(sweep, roots),
        series: [
          {
            name: "final √SSE",
            x: { sheet: name, row: HEADER_ROW + 1, col: 0, rows: k, cols: 1 },
            y: { sheet: name, row: HEADER_ROW + 1, col: 6, rows: k, cols: 1 },
            color: "2F5597",
            markers: true,
            lines: true,
          },
        ],
        xAxis: {
          title: "learning rate (log scale)",
          log: true,
          numberFormat: axisFormat(
            sweep.runs.map((r) => r.lr),
            true
          ),
        },
        yAxis: {
          title: "final √SSE (log scale)",
          log: true,
          numberFormat: axisFormat(roots, true),
        },
        anchor: { row: HEADER_ROW + 3, col: CHART_COL, rows: 18, cols: chartCols },
      },
    ],
    conditionalFormats: [],
    freeze: { rows: HEADER_ROW + 1, cols: 1 },
    columnWidths: WIDTHS,
    print: {
      areas: [
        { row: 0, col: 0, rows: Math.max(last, HEADER_ROW + 21) + 1, cols: CHART_COL + chartCols },
      ],
      landscape: true,
    },
    meta: { gradsheet: 1, kind: "sweep", lrs: sweep.runs.map((r) => r.lr) },
  };
}
