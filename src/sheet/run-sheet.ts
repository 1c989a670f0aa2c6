/**
 * buildRunSheet: a run (with its rows) as a SheetPlan. Title and model line; the parameter strip of
 * named inputs; one row per SGD step whose formulas compute exactly what the core computed (each
 * formula cell caches the core's value); per-epoch summaries; the fit grid; four XY scatter charts
 * in a band under the parameters, in view when the sheet opens; a print setup of one page per pair.
 */
import { hPlateau, inGlossaryWords, type RunResult } from "../core";
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
import { LAYOUT, spanCols } from "./layout";
import { NAMES } from "./names";
import { runSheetMeta } from "./meta";
import { parameterBlock, parameters } from "./parameters";
import type { Block, Cell, ChartSpec, ConditionalFormat, Rect, SheetPlan, Table } from "./plan";
import { HEADLINE_LABELS, epochSummaries, headlineBlock } from "./summaries";
import { KEYS } from "./keys";

export interface RunSheetOptions {
  /** The worksheet's name (already sanitised and unique; see `uniqueSheetName`). */
  name: string;
}

/** Every step-table column of the run, in sheet order. */
export function stepColumnSpecs(ctx: RunContext): ColumnSpec[] {
  const batch = batchColumns(ctx, (w) => gradKey(ctx.config.gradient, w));
  return [
    ...dataColumns(ctx),
    ...modelColumns(ctx),
    ...derivativeColumns(ctx),
    ...batch,
    ...optimizerColumns(ctx),
    ...diagnosticColumns(ctx),
    ...flagColumns(ctx),
    ...chartColumns(ctx),
  ];
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
  const ps = parameters(ctx);
  const params = parameterBlock(ps, L.paramLabelRow, L.paramValueRow, 0);
  const headlineCol = ps.length + 1;
  const widths = columnWidths(steps, fit, summary.block, [
    ...ps.map((p) => p.name),
    "",
    ...HEADLINE_LABELS,
  ]);
  const charts = placeBand(runCharts(ctx, { sheet: opts.name, steps, summary, fit }), widths);
  const more = charts[2].anchor.col;
  const headline = headlineBlock(ctx, steps, summary, {
    labelRow: L.paramLabelRow,
    col: headlineCol,
    moreCharts: more,
    sideCol,
    plateau: hPlateau(result),
  });
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
  const band = (from: ChartSpec, to: ChartSpec, top: number): Rect => ({
    row: top,
    col: from.anchor.col,
    rows: L.band.row + L.band.rows - top,
    cols: to.anchor.col + to.anchor.cols - from.anchor.col,
  });
  return {
    name: opts.name,
    blocks,
    tables: [steps, fit],
    names: params.names,
    charts,
    conditionalFormats: [
      {
        kind: "formula",
        range: {
          row: steps.row + 1,
          col: steps.col,
          rows: steps.rows,
          cols: lastCol - steps.col + 1,
        },
        formula: `=$${colRef(steps, KEYS.firstDiverged)}${steps.row + 2}=1`,
        style: "flag",
      },
      {
        kind: "formula",
        range: {
          row: steps.row + 1,
          col: columnOf(steps, STABILITY_KEY),
          rows: steps.rows,
          cols: 1,
        },
        formula: `=${colRef(steps, STABILITY_KEY)}${steps.row + 2}>2`,
        style: "flag",
      },
      ...lostHFormats(ctx, steps),
    ],
    freeze: { rows: L.headerRow + 1, cols: L.frozenCols },
    columnWidths: [...widths].sort((a, b) => a[0] - b[0]).map(([col, width]) => ({ col, width })),
    print: {
      // page 1: title, parameters and the first two charts; page 2: the other two; page 3: the per-epoch summary
      areas: [
        band(charts[0], charts[1], 0),
        band(charts[2], charts[3], L.band.row),
        {
          row: L.headerRow,
          col: sideCol,
          rows: summary.rows + 1,
          cols: summary.block.cells[0].length,
        },
      ],
      landscape: true,
    },
    meta: runSheetMeta(ctx.config) as unknown as Record<string, unknown>,
  };
}

/** The four charts side by side in the band under the parameters, each about `LAYOUT.band.chars` wide. */
function placeBand(
  byId: ReturnType<typeof runCharts>,
  widths: ReadonlyMap<number, number>
): ChartSpec[] {
  let col = 0;
  return (["error-by-step", "weights-by-step", "error-by-epoch", "fit"] as const).map((id) => {
    const cols = spanCols(widths, col, LAYOUT.band.chars);
    const spec: ChartSpec = {
      ...byId[id],
      anchor: { row: LAYOUT.band.row, col, rows: LAYOUT.band.rows, cols },
    };
    col += cols;
    return spec;
  });
}

/**
 * Marks the weights a finite difference can no longer nudge: a "weights used" cell whose w + h
 * equals w (h below the weight's precision) is highlighted like a flag.
 */
function lostHFormats(ctx: RunContext, steps: Table): ConditionalFormat[] {
  if (ctx.config.gradient === "analytic") return [];
  return ctx.weights.map((w): ConditionalFormat => {
    const cell = `${colRef(steps, w)}${steps.row + 2}`;
    return {
      kind: "formula",
      range: { row: steps.row + 1, col: columnOf(steps, w), rows: steps.rows, cols: 1 },
      formula: `=AND(ISNUMBER(${cell}),${cell}+${NAMES.h}=${cell})`,
      style: "flag",
    };
  });
}

function colRef(t: Table, key: string): string {
  return colLetter(columnOf(t, key));
}

function titleBlock(ctx: RunContext, name: string): Block {
  const c = ctx.config;
  const grad =
    c.gradient === "analytic" ? "analytic derivatives" : `${c.gradient}-difference derivatives`;
  const line =
    `${ctx.model.formula}, fitted to ${ctx.n} points by ${ctx.optimizer.label} (${inGlossaryWords(ctx.optimizer.rule)}) with ${grad}: ` +
    `${c.batchSize > 1 ? `one example per row, one update per batch of ${c.batchSize} rows (the mean of their derivatives)` : "one SGD step per row"}, ` +
    `${c.epochs} epoch${c.epochs === 1 ? "" : "s"}, each continuing from the last.`;
  return {
    row: LAYOUT.titleRow,
    col: 0,
    cells: [
      [{ value: `${name}: ${ctx.model.label}, ${ctx.optimizer.label}`, style: "title" }],
      [{ value: line, style: "subtitle" }],
    ],
  };
}

/** Group labels ("weights used", "de/da", …) above the first column of each group. */
function groupBlock(specs: ColumnSpec[], row: number): Block {
  const cells: (Cell | null)[] = specs.map((s) =>
    s.group ? { value: s.group, style: "note" } : null
  );
  return { row, col: 0, cells: [cells] };
}

/** Widths in characters: each table column's own, the summary's from its headers, and room for the parameter and headline labels from column A. */
function columnWidths(
  steps: Table,
  fit: Table,
  summary: Block,
  labels: string[]
): Map<number, number> {
  const widths = new Map<number, number>();
  steps.columns.forEach((c, i) => widths.set(steps.col + i, c.width ?? 12));
  summary.cells[0].forEach((h, i) =>
    widths.set(summary.col + i, Math.max(12, String(h?.value ?? "").length + 2))
  );
  fit.columns.forEach((c, i) => widths.set(fit.col + i, c.width ?? 12));
  labels.forEach((n, i) => widths.set(i, Math.max(widths.get(i) ?? 0, n.length + 2)));
  return widths;
}
