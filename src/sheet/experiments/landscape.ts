/**
 * The loss-landscape sheet: for two weights (a and b of one neuron; a and c of two), a grid whose
 * every cell is log10 of the SSE over the data as a formula (SUMPRODUCT over the data cells), shown
 * as a colour-scale heat map, with the cells the run's path passes through marked, and the path
 * drawn as an XY chart over the same ranges.
 */
import {
  GLOSSARY,
  MODELS,
  landscapeAxes,
  lossGrid,
  type LandscapeAxes,
  type RunResult,
} from "../../core";
import { a1, abs } from "../address";
import { cachedNumber } from "../cached";
import { axisFormat } from "../formats";
import { LAYOUT, spanCols } from "../layout";
import type { Block, Cell, ConditionalFormat, SheetPlan } from "../plan";

const GRID_ROW = 7;
const GRID_COL = 1;
/** The path chart's height: under a 21-row grid it ends by row 46, in view when the sheet opens. */
const CHART_ROWS = 15;

/** The cell text of ŷ − y over the data ranges, with the grid's wx and wy cells and fixed cells (the model registry's). */
function residual(
  model: RunResult["config"]["model"],
  w: Record<string, string>,
  X: string,
  Y: string
): string {
  return MODELS[model].sheet.residual((name) => w[name], X, Y);
}

/** The landscape sheet of a run (with rows). `axes` defaults to `landscapeAxes(result)`. */
export function buildLandscapeSheet(
  result: RunResult,
  name: string,
  axes: LandscapeAxes = landscapeAxes(result)
): SheetPlan {
  const model = MODELS[result.config.model];
  const data = result.config.data;
  const n = data.length;
  const { wx, wy, xs, ys, fixed } = axes;
  const grid = lossGrid(result, axes);
  const fixedNames = Object.keys(fixed);

  // data block (x, y) and path block (step, wx, wy) to the right of the grid
  const dataCol = GRID_COL + xs.length + 2;
  const pathCol = dataCol + 3;
  const X = `${abs(GRID_ROW + 1, dataCol)}:${abs(GRID_ROW + n, dataCol)}`;
  const Y = `${abs(GRID_ROW + 1, dataCol + 1)}:${abs(GRID_ROW + n, dataCol + 1)}`;
  const fixedCell = (i: number) => abs(4, 1 + i);

  const blocks: Block[] = [
    {
      row: 0,
      col: 0,
      cells: [
        [
          {
            value: `Loss landscape of ${model.formula}: the ${GLOSSARY.logSse.term} over (${wx}, ${wy})`,
            style: "title",
          },
        ],
        [{ value: model.landscape.story, style: "subtitle" }],
        [
          {
            value: `Each cell: the SSE as a power of ten, log₁₀ of Σ (ŷ − y)² over the ${n} data rows at that ${wx} (across) and ${wy} (down)${fixedNames.length ? `, with ${fixedNames.join(" and ")} held at their initial values` : ""}. Marked cells: the run's path.`,
            style: "note",
          },
        ],
      ],
    },
  ];
  if (fixedNames.length)
    blocks.push({
      row: 3,
      col: 1,
      cells: [
        fixedNames.map((f): Cell => ({ value: `${f} (held)`, style: "label" })),
        fixedNames.map((f): Cell => ({ value: fixed[f], style: "input" })),
      ],
    });

  const cellsOf = (i: number, j: number) => {
    const w: Record<string, string> = {};
    fixedNames.forEach((f, k) => (w[f] = fixedCell(k)));
    w[wx] = a1(GRID_ROW, GRID_COL + 1 + j, { absRow: true });
    w[wy] = a1(GRID_ROW + 1 + i, GRID_COL, { absCol: true });
    return w;
  };
  const header: Cell[] = [
    { value: `${wy} ↓  ${wx} →`, style: "header" },
    ...xs.map((x): Cell => ({ value: x, style: "header" })),
  ];
  const gridCells: Cell[][] = [header];
  ys.forEach((y, i) => {
    const line: Cell[] = [{ value: y, style: "header" }];
    xs.forEach((_x, j) => {
      const f = `=LOG10(SUMPRODUCT((${residual(result.config.model, cellsOf(i, j), X, Y)})^2))`;
      line.push({ formula: f, cached: cachedNumber(grid[i][j]), style: "number" });
    });
    gridCells.push(line);
  });
  blocks.push({ row: GRID_ROW, col: GRID_COL, cells: gridCells });

  blocks.push({
    row: GRID_ROW,
    col: dataCol,
    cells: [
      [
        { value: "x", style: "header" },
        { value: "y", style: "header" },
      ],
      ...data.map((p): Cell[] => [{ value: p.x }, { value: p.y }]),
    ],
  });
  const rows = result.rows ?? [];
  const end = result.divergence ? result.divergence.step - 1 : rows.length;
  const path = rows
    .slice(0, Math.max(end, 1))
    .filter((r) => Number.isFinite(r.weights[wx]) && Number.isFinite(r.weights[wy]));
  blocks.push({
    row: GRID_ROW,
    col: pathCol,
    cells: [
      [
        { value: "step", style: "header" },
        { value: `${wx} used`, style: "header" },
        { value: `${wy} used`, style: "header" },
      ],
      ...path.map((r): Cell[] => [
        { value: r.step, style: "integer" },
        { value: r.weights[wx], style: "weight" },
        { value: r.weights[wy], style: "weight" },
      ]),
    ],
  });

  const chartRow = GRID_ROW + ys.length + 2;
  const widths = [
    { col: GRID_COL, width: 12 },
    ...xs.map((_x, j) => ({ col: GRID_COL + 1 + j, width: 7 })),
  ];
  const gridRange = { row: GRID_ROW + 1, col: GRID_COL + 1, rows: ys.length, cols: xs.length };
  const conditionalFormats: ConditionalFormat[] = [];
  if (path.length) {
    const PX = `${abs(GRID_ROW + 1, pathCol + 1)}:${abs(GRID_ROW + path.length, pathCol + 1)}`;
    const PY = `${abs(GRID_ROW + 1, pathCol + 2)}:${abs(GRID_ROW + path.length, pathCol + 2)}`;
    const hx = (xs[1] - xs[0]) / 2;
    const hy = (ys[1] - ys[0]) / 2;
    const cx = a1(GRID_ROW, GRID_COL + 1, { absRow: true });
    const cy = a1(GRID_ROW + 1, GRID_COL, { absCol: true });
    conditionalFormats.push({
      kind: "formula",
      range: gridRange,
      formula: `=COUNTIFS(${PX},">="&(${cx}-${hx}),${PX},"<"&(${cx}+${hx}),${PY},">="&(${cy}-${hy}),${PY},"<"&(${cy}+${hy}))>0`,
      style: "flag",
    });
  }
  conditionalFormats.push({
    kind: "colorScale",
    range: gridRange,
    colors: ["63BE7B", "FFEB84", "F8696B"],
  });

  return {
    name,
    blocks,
    tables: [],
    names: [],
    charts: path.length
      ? [
          {
            id: "path",
            title: `The run's path in (${wx}, ${wy})`,
            series: [
              {
                name: "path",
                x: { sheet: name, row: GRID_ROW + 1, col: pathCol + 1, rows: path.length, cols: 1 },
                y: { sheet: name, row: GRID_ROW + 1, col: pathCol + 2, rows: path.length, cols: 1 },
                color: "C00000",
                markers: path.length <= 200,
                lines: true,
              },
            ],
            xAxis: { title: wx, min: xs[0], max: xs[xs.length - 1], numberFormat: axisFormat(xs) },
            yAxis: { title: wy, min: ys[0], max: ys[ys.length - 1], numberFormat: axisFormat(ys) },
            anchor: {
              row: chartRow,
              col: GRID_COL,
              rows: CHART_ROWS,
              cols: spanCols(
                new Map(widths.map((w) => [w.col, w.width])),
                GRID_COL,
                LAYOUT.band.chars
              ),
            },
          },
        ]
      : [],
    conditionalFormats,
    freeze: { rows: 0, cols: 0 },
    columnWidths: widths,
    print: {
      areas: [{ row: 0, col: 0, rows: chartRow + CHART_ROWS + 1, cols: pathCol + 3 }],
      landscape: true,
    },
    meta: { gradsheet: 1, kind: "landscape", wx, wy },
  };
}

/** Which grid cells the path passes through (the marked cells), for tests and the pane. */
export function pathCells(result: RunResult, axes: LandscapeAxes): Set<string> {
  const out = new Set<string>();
  const rows = result.rows ?? [];
  const end = result.divergence ? result.divergence.step - 1 : rows.length;
  const hx = (axes.xs[1] - axes.xs[0]) / 2;
  const hy = (axes.ys[1] - axes.ys[0]) / 2;
  for (const r of rows.slice(0, Math.max(end, 1))) {
    const j = axes.xs.findIndex((x) => r.weights[axes.wx] >= x - hx && r.weights[axes.wx] < x + hx);
    const i = axes.ys.findIndex((y) => r.weights[axes.wy] >= y - hy && r.weights[axes.wy] < y + hy);
    if (i >= 0 && j >= 0) out.add(`${i},${j}`);
  }
  return out;
}
