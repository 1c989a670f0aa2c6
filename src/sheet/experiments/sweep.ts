/**
 * The learning-rate sweep sheet: one line per rate with the final √SSE and where the run diverged,
 * charted on a logarithmic lr axis, and the largest rate that stayed stable. A sweep is many runs,
 * so these are the core's results as values; any rate can be generated as a live run sheet.
 */
import { MODELS, OPTIMIZERS, type RunConfig, type SweepResult } from "../../core";
import { a1, abs } from "../address";
import { cachedForChart } from "../cached";
import type { Block, Cell, SheetPlan } from "../plan";

const HEADER_ROW = 3;

/** The sweep sheet. `config` is the run every rate shares (its lr is ignored). */
export function buildSweepSheet(sweep: SweepResult, config: RunConfig, name = "Sweep"): SheetPlan {
  const k = sweep.runs.length;
  const last = HEADER_ROW + k;
  const header: Cell[] = ["learning rate", "final √SSE", "diverged?", "at epoch", "at row", "at step", "√SSE for chart", "stable rate"].map(
    (v): Cell => ({ value: v, style: "header" }),
  );
  const body = sweep.runs.map((run, i): (Cell | null)[] => {
    const r = HEADER_ROW + 1 + i;
    const root = run.epochs[run.epochs.length - 1].rootSse;
    const d = run.divergence;
    return [
      { value: run.lr, style: "number" },
      Number.isFinite(root) ? { value: root, style: "summary" } : { value: "overflowed", style: "flag" },
      d ? { value: "yes", style: "flag" } : { value: "no" },
      d ? { value: d.epoch, style: "integer" } : null,
      d ? { value: d.row, style: "integer" } : null,
      d ? { value: d.step, style: "integer" } : null,
      { formula: `=IF(ISNUMBER(${a1(r, 1)}),IF(${a1(r, 1)}>0,${a1(r, 1)},NA()),NA())`, cached: cachedForChart(root, true), style: "summary" },
      { formula: `=IF(${a1(r, 2)}="no",${a1(r, 0)},0)`, cached: d ? 0 : run.lr, style: "number" },
    ];
  });
  const stableRange = `${abs(HEADER_ROW + 1, 7)}:${abs(last, 7)}`;
  const c = config;
  const blocks: Block[] = [
    {
      row: 0,
      col: 0,
      cells: [
        [{ value: `Learning-rate sweep: ${MODELS[c.model].formula}, ${OPTIMIZERS[c.optimizer].label}`, style: "title" }],
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
        [{ formula: `=IF(MAX(${stableRange})>0,MAX(${stableRange}),"none")`, cached: sweep.largestStable ?? "none", style: "summary" }],
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
        title: "Final √SSE by learning rate (gaps: diverged)",
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
        xAxis: { title: "learning rate (log scale)", log: true },
        yAxis: { title: "final √SSE (log scale)", log: true },
        anchor: { row: HEADER_ROW + 3, col: 9, rows: 18, cols: 8 },
      },
    ],
    conditionalFormats: [],
    freeze: { rows: HEADER_ROW + 1, cols: 1 },
    columnWidths: [{ col: 0, width: 14 }, { col: 1, width: 14 }, { col: 6, width: 14 }, { col: 7, width: 12 }, { col: 9, width: 28 }],
    meta: { gradsheet: 1, kind: "sweep", lrs: sweep.runs.map((r) => r.lr) },
  };
}
