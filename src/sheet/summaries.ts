/**
 * Per-epoch summaries as formulas over the epoch's rows: SSE = Σ e (a SUM in row order, as the
 * core adds), √SSE (what graddesc labels "rmse"), the true RMSE = √(SSE / n), and the weights after
 * the epoch's last update. Also the run's headline cells: the first diverged step and the last √SSE.
 */
import { deadRelu, reluWeights, type HPlateau } from "../core";
import { a1, abs, colLetter } from "./address";
import { cachedForChart, cachedNumber } from "./cached";
import { columnOf } from "./columns";
import type { RunContext } from "./context";
import { chartFeed } from "./formula";
import { KEYS } from "./keys";
import type { Block, Cell, Table } from "./plan";

export interface SummaryBlock {
  block: Block;
  /** Columns (absolute) of the epoch number, √SSE's chart feed and each final weight. */
  epochCol: number;
  chartCol: number;
  rootCol: number;
  finalWeightCol: Record<string, number>;
  /** Sheet row of the first epoch (the header is one above). */
  firstRow: number;
  rows: number;
}

/** The summary table: a header row at (row, col), then one row per epoch. */
export function epochSummaries(
  ctx: RunContext,
  steps: Table,
  row: number,
  col: number
): SummaryBlock {
  const dead = deadRelu(ctx.result);
  const errCol = columnOf(steps, "err");
  const firstData = steps.row + 1;
  const header: Cell[] = [
    { value: "epoch", style: "header" },
    {
      value: "SSE",
      style: "header",
      comment:
        "SSE = Σ e: the sum of the epoch's squared errors, each with the weights used in its row.",
    },
    {
      value: '√SSE ("rmse")',
      style: "header",
      comment:
        '√SSE: what graddesc\'s basic sheet labels "rmse" (150.7552 after its first epoch), though it is not a mean.',
    },
    {
      value: "RMSE",
      style: "header",
      comment: "RMSE = √(SSE / n): the root of the mean squared error.",
    },
    ...ctx.weights.map((w): Cell => ({
      value: `${w} after`,
      style: "header",
      comment: `${w} after the epoch's last update.`,
    })),
    {
      value: "√SSE chart",
      style: "header",
      comment: "√SSE, or #N/A when it is not a positive number (log-scale chart).",
    },
  ];
  const cells: Cell[][] = [header];
  ctx.result.epochs.forEach((ep, e) => {
    const r = row + 1 + e;
    const range = `${a1(firstData + e * ctx.n, errCol)}:${a1(firstData + (e + 1) * ctx.n - 1, errCol)}`;
    const lastStep = firstData + (e + 1) * ctx.n - 1;
    const sse = a1(r, col + 1);
    cells.push([
      { value: ep.epoch, style: "integer" },
      { formula: `=SUM(${range})`, cached: cachedNumber(ep.sse), style: "summary" },
      { formula: `=SQRT(${sse})`, cached: cachedNumber(ep.rootSse), style: "summary" },
      { formula: `=SQRT(${sse}/ROWS(${range}))`, cached: cachedNumber(ep.rmse), style: "summary" },
      ...ctx.weights.map((w): Cell => ({
        formula: `=${a1(lastStep, columnOf(steps, KEYS.next(w)))}`,
        cached: cachedNumber(ep.weights[w]),
        style: "weight",
      })),
      {
        formula: chartFeed(a1(r, col + 2), true),
        cached: cachedForChart(ep.rootSse, true),
        style: "summary",
      },
      ...(dead
        ? [
            deadCell(
              steps,
              firstData + e * ctx.n,
              ctx.n,
              dead.epochs[e].deadRows,
              reluWeights(ctx.config.model)!
            ),
          ]
        : []),
    ]);
  });
  const finalWeightCol: Record<string, number> = {};
  ctx.weights.forEach((w, i) => (finalWeightCol[w] = col + 4 + i));
  return {
    block: { row, col, cells },
    epochCol: col,
    rootCol: col + 2,
    chartCol: col + 4 + ctx.weights.length,
    finalWeightCol,
    firstRow: row + 1,
    rows: ctx.result.epochs.length,
  };
}

/**
 * COUNTIFS of the epoch's rows whose analytic derivatives of every weight but d are all 0 (a dead
 * ReLU: de/da, de/db, de/dc; for a wide layer every a_j, b_j and c_j, at most 24 pairs of 127).
 */
function deadCell(steps: Table, first: number, n: number, cached: number, ws: string[]): Cell {
  const range = (w: string) =>
    `${a1(first, columnOf(steps, KEYS.analytic(w)))}:${a1(first + n - 1, columnOf(steps, KEYS.analytic(w)))}`;
  return {
    formula: `=COUNTIFS(${ws.map((w) => `${range(w)},0`).join(",")})`,
    cached,
    style: "integer",
  };
}

/** The headline's labels, left to right. */
export const HEADLINE_LABELS = [
  "diverged at step",
  "last √SSE",
  "h lost at step",
  "more charts",
  "per epoch",
] as const;

export interface HeadlinePlaces {
  labelRow: number;
  col: number;
  /** Column of the charts right of the first two (√SSE by epoch, the fit). */
  moreCharts: number;
  /** Column of the per-epoch summary. */
  sideCol: number;
  /** Where finite differences lost h in the numbers' precision, if they did. */
  plateau: HPlateau | null;
}

/**
 * The headline: "diverged at step" (MATCH of the flag, or "none"), "last √SSE", where finite
 * differences first became exactly 0 through rounding ("h lost at step", GradSheet's diagnosis of
 * these settings), and pointers to the other charts and the per-epoch summary, as label and value rows.
 */
export function headlineBlock(
  ctx: RunContext,
  steps: Table,
  summary: SummaryBlock,
  p: HeadlinePlaces
): Block {
  const flag = columnOf(steps, KEYS.firstDiverged);
  const flags = `${abs(steps.row + 1, flag)}:${abs(steps.row + steps.rows, flag)}`;
  const last = summary.firstRow + summary.rows - 1;
  const lastEpoch = ctx.result.epochs[ctx.result.epochs.length - 1];
  const comments = [
    'The step of the first diverged row (highlighted in the table), or "none".',
    '√SSE of the last epoch (graddesc\'s "rmse").',
    p.plateau
      ? `GradSheet's diagnosis of these settings: ${p.plateau.text}`
      : "The step from which a finite difference is exactly 0 through rounding (h below the weights' precision), or \"none\": GradSheet's diagnosis of these settings.",
    "√SSE by epoch and the fit: scroll right along the chart band.",
    "The per-epoch summary (SSE, √SSE, RMSE, weights after each epoch) and the fit grid are right of the step table.",
  ];
  const labels = HEADLINE_LABELS.map((value, i): Cell => ({
    value,
    style: "label",
    comment: comments[i],
  }));
  return {
    row: p.labelRow,
    col: p.col,
    cells: [
      labels,
      [
        {
          formula: `=IFERROR(MATCH(1,${flags},0),"none")`,
          cached: ctx.result.divergence ? ctx.result.divergence.step : "none",
          style: "integer",
        },
        {
          formula: `=${abs(last, summary.rootCol)}`,
          cached: cachedNumber(lastEpoch.rootSse),
          style: "summary",
        },
        p.plateau
          ? { value: p.plateau.step, style: "flag", comment: p.plateau.text }
          : { value: "none" },
        { value: `column ${colLetter(p.moreCharts)} →`, style: "note" },
        { value: `column ${colLetter(p.sideCol)} →`, style: "note" },
      ],
    ],
  };
}
