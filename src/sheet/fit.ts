/**
 * The fit: the model's function at the final weights over the data's x range, as a small table of
 * grid x values and formula ŷ cells that reference the final-weight cells (so it follows a new
 * LearningRate). With a ReLU this is where the kink shows.
 */
import { abs } from "./address";
import { cachedForChart, cachedNumber } from "./cached";
import type { ColumnSpec } from "./columns";
import { buildTable } from "./columns";
import type { RunContext } from "./context";
import { chartFeed, predictText } from "./formula";
import type { Table } from "./plan";
import type { SummaryBlock } from "./summaries";

interface GridRow {
  x: number;
  pred: number;
}

/** `points` evenly spaced x values from the smallest to the largest data x (±1 when they are equal). */
export function xGrid(xs: readonly number[], points: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  // a loop, not Math.min(...xs): spreading 200,000 x values as arguments overflows the stack
  for (const x of xs) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  if (lo === hi) ((lo -= 1), (hi += 1));
  return Array.from({ length: points }, (_, i) =>
    i === points - 1 ? hi : lo + ((hi - lo) * i) / (points - 1)
  );
}

/** The fit table at (row, col): x, ŷ at the final weights, and ŷ for the chart. */
export function fitTable(
  ctx: RunContext,
  summary: SummaryBlock,
  row: number,
  col: number,
  points: number
): Table {
  const last = summary.firstRow + summary.rows - 1;
  const finalCells: Record<string, string> = {};
  for (const w of ctx.weights) finalCells[w] = abs(last, summary.finalWeightCol[w]);
  const final = ctx.result.epochs[ctx.result.epochs.length - 1].weights;
  const wv = Float64Array.from(ctx.weights, (w) => final[w]);
  const grid = xGrid(
    ctx.config.data.map((p) => p.x),
    points
  );
  const preds = grid.map((x) => ctx.model.predict(wv, x));
  const gridRows: GridRow[] = grid.map((x, i) => ({ x, pred: preds[i] }));
  const specs: ColumnSpec<GridRow>[] = [
    {
      key: "fitX",
      header: "x",
      description: "x values across the data's range",
      style: "number",
      value: (r) => r.x,
    },
    {
      key: "fitPred",
      header: "ŷ at final weights",
      description: `${ctx.model.formula} with the weights after the last epoch`,
      style: "number",
      formula: (at, r) => `=${predictText(ctx.config.model, finalCells, at("fitX", r))}`,
      cached: (r) => cachedNumber(r.pred),
    },
    {
      key: "fitChart",
      header: "ŷ for chart",
      description: "ŷ, or #N/A when it is not a number",
      style: "number",
      formula: (at, r) => chartFeed(at("fitPred", r), false),
      cached: (r) => cachedForChart(r.pred, false),
    },
  ];
  return { ...buildTable(specs, gridRows, row, col), id: "fit" };
}
