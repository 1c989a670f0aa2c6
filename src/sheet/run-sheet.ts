/**
 * buildRunSheet: a run (with its rows) as a SheetPlan. Title and model line; the parameter strip of
 * named inputs; one row per SGD step whose formulas compute exactly what the core computed (each
 * formula cell caches the core's value); per-epoch summaries; the fit grid; four XY scatter charts.
 */
import type { RunResult } from "../core";
import { colLetter } from "./address";
import { chartColumns, flagColumns } from "./columns-flags";
import { dataColumns } from "./columns-data";
import { STABILITY_KEY, diagnosticColumns } from "./columns-diagnostics";
import { derivativeColumns } from "./columns-derivatives";
import { modelColumns } from "./columns-model";
import { gradKey, optimizerColumns } from "./columns-optimizer";
import { batchColumns } from "./columns-batch";
import { buildTable, columnOf, type ColumnSpec } from "./columns";
import { runCharts } from "./charts";
import { runContext, type RunContext } from "./context";
import { fitTable } from "./fit";
import { LAYOUT } from "./layout";
import { runSheetMeta } from "./meta";
import { parameterBlock, parameters } from "./parameters";
import type { Block, Cell, SheetPlan, Table } from "./plan";
import { epochSummaries, headlineBlock } from "./summaries";
import { KEYS } from "./keys";

export interface RunSheetOptions {
  /** The worksheet's name (already sanitised and unique; see `uniqueSheetName`). */
  name: string;
}

/** Every step-table column of the run, in sheet order. */
export function stepColumnSpecs(ctx: RunContext): ColumnSpec[] {
  const batch = batchColumns(ctx, (w) => gradKey(ctx.config.gradient, w));
  return [...dataColumns(ctx), ...modelColumns(ctx), ...derivativeColumns(ctx), ...batch, ...optimizerColumns(ctx), ...diagnosticColumns(ctx), ...flagColumns(ctx), ...chartColumns(ctx)];
}

/** The SheetPlan of one run. Throws if the run was trained without rows. */
export function buildRunSheet(result: RunResult, opts: RunSheetOptions): SheetPlan {
  const ctx = runContext(result);
  const L = LAYOUT;
  const specs = stepColumnSpecs(ctx);
  const steps: Table = { ...buildTable(specs, ctx.rows, L.headerRow, 0), id: "steps" };
  const sideCol = steps.col + steps.columns.length + 1;
  const summary = epochSummaries(ctx, steps, L.headerRow, sideCol);
  const fitCol = sideCol + summary.block.cells[0].length + 1;
  const fit = fitTable(ctx, summary, L.headerRow, fitCol, L.fitPoints);
  const chartCol = fitCol + fit.columns.length + 1;
  const ps = parameters(ctx);
  const params = parameterBlock(ps, L.paramLabelRow, L.paramValueRow, 0);
  const headline = headlineBlock(ctx, steps, summary, L.paramLabelRow, ps.length + 1, sideCol);
  const blocks: Block[] = [
    titleBlock(ctx, opts.name),
    ...params.blocks,
    headline,
    groupBlock(specs, L.groupRow),
    { row: L.groupRow, col: sideCol, cells: [[{ value: "per epoch", style: "note" }]] },
    { row: L.groupRow, col: fitCol, cells: [[{ value: "the fit", style: "note" }]] },
    summary.block,
  ];
  const lastCol = steps.col + steps.columns.length - 1;
  return {
    name: opts.name,
    blocks,
    tables: [steps, fit],
    names: params.names,
    charts: runCharts(ctx, { sheet: opts.name, steps, summary, fit, row: L.headerRow + 1, col: chartCol }),
    conditionalFormats: [
      {
        kind: "formula",
        range: { row: steps.row + 1, col: steps.col, rows: steps.rows, cols: lastCol - steps.col + 1 },
        formula: `=$${colRef(steps, KEYS.firstDiverged)}${steps.row + 2}=1`,
        style: "flag",
      },
      {
        kind: "formula",
        range: { row: steps.row + 1, col: columnOf(steps, STABILITY_KEY), rows: steps.rows, cols: 1 },
        formula: `=${colRef(steps, STABILITY_KEY)}${steps.row + 2}>2`,
        style: "flag",
      },
    ],
    freeze: { rows: L.headerRow + 1, cols: L.frozenCols },
    columnWidths: columnWidths(steps, fit, summary.block, ps.map((p) => p.name)),
    meta: runSheetMeta(ctx.config) as unknown as Record<string, unknown>,
  };
}

function colRef(t: Table, key: string): string {
  return colLetter(columnOf(t, key));
}

function titleBlock(ctx: RunContext, name: string): Block {
  const c = ctx.config;
  const grad = c.gradient === "analytic" ? "analytic derivatives" : `${c.gradient}-difference derivatives`;
  const line =
    `${ctx.model.formula}, fitted to ${ctx.n} points by ${ctx.optimizer.label} (${ctx.optimizer.rule}) with ${grad}: ` +
    `${c.batchSize > 1 ? `one example per row, one update per batch of ${c.batchSize} rows (the mean of their derivatives)` : "one SGD step per row"}, ` +
    `${c.epochs} epoch${c.epochs === 1 ? "" : "s"}, each continuing from the last.`;
  return {
    row: LAYOUT.titleRow,
    col: 0,
    cells: [[{ value: `${name}: ${ctx.model.label}, ${ctx.optimizer.label}`, style: "title" }], [{ value: line, style: "subtitle" }]],
  };
}

/** Group labels ("weights used", "de/da", …) above the first column of each group. */
function groupBlock(specs: ColumnSpec[], row: number): Block {
  const cells: (Cell | null)[] = specs.map((s) => (s.group ? { value: s.group, style: "note" } : null));
  return { row, col: 0, cells: [cells] };
}

/** Widths in characters: each table column's own, the summary's from its headers, and room for the parameter names. */
function columnWidths(steps: Table, fit: Table, summary: Block, paramNames: string[]): { col: number; width: number }[] {
  const widths = new Map<number, number>();
  steps.columns.forEach((c, i) => widths.set(steps.col + i, c.width ?? 12));
  summary.cells[0].forEach((h, i) => widths.set(summary.col + i, Math.max(12, String(h?.value ?? "").length + 2)));
  fit.columns.forEach((c, i) => widths.set(fit.col + i, c.width ?? 12));
  paramNames.forEach((n, i) => widths.set(i, Math.max(widths.get(i) ?? 0, n.length + 2)));
  return [...widths].sort((a, b) => a[0] - b[0]).map(([col, width]) => ({ col, width }));
}
