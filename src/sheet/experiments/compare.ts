/**
 * The comparison workbook: one live run sheet per model (same data, initial weights and learning
 * rate) and a "Compare" sheet whose formulas read those sheets: √SSE per epoch side by side,
 * where each run diverged, an overlaid error chart, and for the linear 2-neuron model the line it
 * collapses to, ŷ = (a·c)·x + (c·b + d), against the target's slope and intercept.
 */
import {
  DEFAULT_TARGET,
  MODELS,
  learnerNumber,
  type CollapseNote,
  type RunResult,
  type Target,
} from "../../core";
import { a1, abs, sheetCellA1, uniqueSheetName } from "../address";
import { cachedForChart, cachedNumber } from "../cached";
import { collapseRows } from "../collapse";
import { seriesLook } from "../charts";
import { axisFormat } from "../formats";
import { LAYOUT, spanCols } from "../layout";
import { columnOf } from "../columns";
import { chartFeed } from "../formula";
import { KEYS } from "../keys";
import type { Block, Cell, ChartSpec, SheetPlan, Table, WorkbookPlan } from "../plan";
import { buildRunSheet } from "../run-sheet";

export interface CompareOptions {
  /** The line the data came from (default y = 2x + 30), set beside the collapsed 2-neuron line. */
  target?: Target;
  /** Name of the comparison sheet (default "Compare"). */
  name?: string;
}

/** Per-model series colours, in run order. */
const RUN_COLORS = ["1F77B4", "C00000", "2CA02C", "9467BD", "FF7F0E", "8C564B"];

/** The step table of a run sheet. */
export function stepsTable(plan: SheetPlan): Table {
  const t = plan.tables.find((x) => x.id === "steps");
  if (!t) throw new Error(`sheet ${plan.name} has no step table`);
  return t;
}

/** The comparison workbook of runs that share data and epochs: "Compare" first, then one sheet per run. */
export function buildCompareWorkbook(
  results: RunResult[],
  opts: CompareOptions = {}
): WorkbookPlan {
  if (!results.length) throw new Error("a comparison needs at least one run");
  const epochs = results[0].epochs.length;
  const n = results[0].config.data.length;
  if (results.some((r) => r.epochs.length !== epochs || r.config.data.length !== n))
    throw new Error("compared runs must have the same data and number of epochs");
  const compareName = opts.name ?? "Compare";
  const taken = [compareName];
  const runs = results.map((result) => {
    const name = uniqueSheetName(MODELS[result.config.model].label, taken);
    taken.push(name);
    return buildRunSheet(result, { name });
  });
  return {
    sheets: [compareSheet(compareName, results, runs, opts.target ?? DEFAULT_TARGET), ...runs],
    namesScope: "sheet",
  };
}

const HEADER_ROW = 3;
/** Height of the comparison chart, beside the √SSE table from its header row. */
const CHART_ROWS = 18;

function compareSheet(
  name: string,
  results: RunResult[],
  runs: SheetPlan[],
  target: Target
): SheetPlan {
  const c0 = results[0].config;
  const epochs = results[0].epochs.length;
  const n = c0.data.length;
  const k = results.length;
  const title: Block = {
    row: 0,
    col: 0,
    cells: [
      [
        {
          value: `Compare: ${results.map((r) => MODELS[r.config.model].label).join(", ")}`,
          style: "title",
        },
      ],
      [
        {
          value: `Same ${n} data points, initial weights, learning rate ${learnerNumber(c0.lr)} and ${c0.gradient} derivatives; each model's sheet is live (change its LearningRate) and this sheet follows.`,
          style: "subtitle",
        },
      ],
    ],
  };
  // epoch | √SSE per run | (the chart, the divergence and collapse blocks) | √SSE for chart per run
  const header: Cell[] = [
    { value: "epoch", style: "header" },
    ...runs.map((p): Cell => ({
      value: `√SSE ${p.name}`,
      style: "header",
      comment: `√SSE of the epoch on sheet ${p.name} (graddesc's "rmse").`,
    })),
  ];
  const feedHeader = runs.map((p): Cell => ({
    value: `${p.name} for chart`,
    style: "header",
    comment: "√SSE, or #N/A when it is not a positive number (log-scale chart).",
  }));
  const widths = new Map<number, number>([[0, 8]]);
  header.slice(1).forEach((h, i) => widths.set(1 + i, Math.max(12, String(h.value).length + 2)));
  const side = k + 2;
  widths.set(side, Math.max(26, ...runs.map((p) => `${p.name} collapses to one line`.length + 2)));
  const chartCols = spanCols(widths, side, LAYOUT.band.chars);
  const feedCol = side + chartCols + 1;
  feedHeader.forEach((h, i) => widths.set(feedCol + i, Math.max(12, String(h.value).length + 2)));
  const body: Cell[][] = [];
  const feeds: Cell[][] = [];
  for (let e = 0; e < epochs; e++) {
    const row = HEADER_ROW + 1 + e;
    const line: Cell[] = [{ value: e + 1, style: "integer" }];
    runs.forEach((p, i) => {
      const steps = stepsTable(p);
      const errCol = columnOf(steps, "err");
      const from = sheetCellA1(p.name, steps.row + 1 + e * n, errCol);
      const to = abs(steps.row + (e + 1) * n, errCol);
      line.push({
        formula: `=SQRT(SUM(${from}:${to}))`,
        cached: cachedNumber(results[i].epochs[e].rootSse),
        style: "summary",
      });
    });
    feeds.push(
      runs.map((_p, i): Cell => ({
        formula: chartFeed(a1(row, 1 + i), true),
        cached: cachedForChart(results[i].epochs[e].rootSse, true),
        style: "summary",
      }))
    );
    body.push(line);
  }
  const table: Block = { row: HEADER_ROW, col: 0, cells: [header, ...body] };
  const feedBlock: Block = { row: HEADER_ROW, col: feedCol, cells: [feedHeader, ...feeds] };

  const belowChart = HEADER_ROW + CHART_ROWS + 1;
  const blocks: Block[] = [title, table, divergenceBlock(runs, results, belowChart, side)];
  const collapse = results.findIndex((r) => MODELS[r.config.model].collapse !== undefined);
  const note = collapse >= 0 ? MODELS[results[collapse].config.model].collapse : undefined;
  if (note)
    blocks.push(
      collapsedBlock(runs[collapse], results[collapse], note, target, belowChart + k + 2, side)
    );
  blocks.push(feedBlock);

  const chart: ChartSpec = {
    id: "compare-error",
    title: "√SSE by epoch, every model",
    series: runs.map((p, i) => ({
      name: p.name,
      x: { sheet: name, row: HEADER_ROW + 1, col: 0, rows: epochs, cols: 1 },
      y: { sheet: name, row: HEADER_ROW + 1, col: feedCol + i, rows: epochs, cols: 1 },
      color: RUN_COLORS[i % RUN_COLORS.length],
      markers: epochs <= 50,
      lines: true,
      ...seriesLook(i),
    })),
    xAxis: { title: "epoch", numberFormat: axisFormat(body.map((l) => l[0].value)) },
    yAxis: {
      title: "√SSE (log scale)",
      log: true,
      numberFormat: axisFormat(
        feeds.flat().map((c) => c.cached),
        true
      ),
    },
    anchor: { row: HEADER_ROW, col: side, rows: CHART_ROWS, cols: chartCols },
  };
  const lastRow = Math.max(HEADER_ROW + epochs, belowChart + k + (collapse >= 0 ? 5 : 1));
  return {
    name,
    blocks,
    tables: [],
    names: [],
    charts: [chart],
    conditionalFormats: [],
    freeze: { rows: HEADER_ROW + 1, cols: 1 },
    columnWidths: [...widths].sort((a, b) => a[0] - b[0]).map(([col, width]) => ({ col, width })),
    print: {
      areas: [{ row: 0, col: 0, rows: lastRow + 1, cols: side + chartCols }],
      landscape: true,
    },
    meta: { gradsheet: 1, kind: "compare", runs: runs.map((p) => p.name) },
  };
}

/** "diverged at step" per run: MATCH of the run sheet's first-diverged flag, as on its headline. */
function divergenceBlock(runs: SheetPlan[], results: RunResult[], row: number, col: number): Block {
  const cells: Cell[][] = [
    [
      { value: "diverged at step", style: "header" },
      { value: "", style: "header" },
    ],
  ];
  runs.forEach((p, i) => {
    const steps = stepsTable(p);
    const flag = columnOf(steps, KEYS.firstDiverged);
    const flags = `${sheetCellA1(p.name, steps.row + 1, flag)}:${abs(steps.row + steps.rows, flag)}`;
    cells.push([
      { value: p.name, style: "label" },
      {
        formula: `=IFERROR(MATCH(1,${flags},0),"none")`,
        cached: results[i].divergence ? results[i].divergence!.step : "none",
        style: "integer",
      },
    ]);
  });
  return { row, col, cells };
}

/** A model as the one line it collapses to, at its final weights, beside the target's line. */
function collapsedBlock(
  plan: SheetPlan,
  result: RunResult,
  note: CollapseNote,
  target: Target,
  row: number,
  col: number
): Block {
  const steps = stepsTable(plan);
  const last = steps.row + steps.rows;
  const at = (v: string) => sheetCellA1(plan.name, last, columnOf(steps, KEYS.next(v)));
  const fin = result.epochs[result.epochs.length - 1].weights;
  return {
    row,
    col,
    cells: [
      [
        { value: `${plan.name} collapses to one line`, style: "header", comment: note.identity },
        { value: "model", style: "header" },
        { value: "target", style: "header" },
      ],
      ...collapseRows(note, fin, at, target, { value: "weight", target: "weight" }),
    ],
  };
}
