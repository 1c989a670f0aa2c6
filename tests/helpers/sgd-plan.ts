/**
 * The one hand-built SheetPlan, for the writers' tests (.xlsx and Excel): a one-neuron SGD run
 * (ŷ = a·x + b) as a graddesc-style step table with formulas, the same arithmetic done in JS for
 * the cached values, a parameter block with defined names, odd cells (text "=1+1", a boolean,
 * error and text results), charts, conditional formats and frozen panes, and optional padding
 * formula columns for wide sheets. It stands in for the sheet layer so the writers can be tested
 * on their own.
 */
import type {
  Block,
  CachedValue,
  ChartSpec,
  Column,
  SheetPlan,
  Table,
  WorkbookPlan,
} from "../../src/sheet/plan";

export interface SgdPlanOptions {
  /** Steps (table rows). */
  steps?: number;
  lr?: number;
  name?: string;
  /** Use `^2` (LibreOffice's pow) instead of a product for the squared error. */
  pow?: boolean;
  /** Padding formula columns after the table's own, to make a wide sheet (√error + k, or #N/A). */
  extraColumns?: number;
}

/** Sheet row (0-based) of the step table's header; data rows follow. */
export const TABLE_ROW = 8;
/** Cell of the learning rate (0-based row, col). */
export const LR_CELL = { row: 2, col: 2 };

const X = [
  14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99,
  70, 27, 17, 8,
];

/** The plan, and the JS values its formulas must compute. */
export function sgdPlan(opts: SgdPlanOptions = {}): SheetPlan {
  const n = opts.steps ?? 58;
  const lr = opts.lr ?? 1e-4;
  const name = opts.name ?? "Run";
  const cols: Record<string, CachedValue[]> = {
    a: [],
    b: [],
    pred: [],
    err: [],
    dA: [],
    dB: [],
    newA: [],
    newB: [],
  };
  let a = 1,
    b = 1;
  const xs: number[] = [],
    ys: number[] = [],
    step: number[] = [];
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const x = X[i % X.length],
      y = 2 * x + 30;
    const pred = a * x + b;
    const err = (pred - y) * (pred - y);
    const dA = 2 * (pred - y) * x,
      dB = 2 * (pred - y);
    const na = a - lr * dA,
      nb = b - lr * dB;
    for (const [k, v] of Object.entries({ a, b, pred, err, dA, dB, newA: na, newB: nb }))
      cols[k].push(v);
    xs.push(x);
    ys.push(y);
    step.push(i + 1);
    sse += err;
    a = na;
    b = nb;
  }
  const first = TABLE_ROW + 2; // sheet row number (1-based) of data row 0
  const r = first + 1; // of data row 1, where `rest` formulas are written
  const sq = opts.pow ? `(F${r}-C${r})^2` : `(F${r}-C${r})*(F${r}-C${r})`;
  const f = (
    key: string,
    rest: string,
    firstF?: string,
    style: Column["style"] = "number"
  ): Column => ({
    key,
    header: key,
    description: key,
    style,
    formula: { first: firstF, rest },
    cached: cols[key],
  });
  const table: Table = {
    row: TABLE_ROW,
    col: 0,
    rows: n,
    columns: [
      {
        key: "step",
        header: "step",
        description: "step number",
        style: "integer",
        values: step,
        width: 6,
      },
      { key: "x", header: "x", description: "input", style: "integer", values: xs },
      { key: "y", header: "y", description: "target 2x+30", style: "integer", values: ys },
      f("a", `=J${r - 1}`, "=$C$4", "weight"),
      f("b", `=K${r - 1}`, "=$C$5", "weight"),
      f("pred", `=D${r}*B${r}+E${r}`),
      f("err", `=${sq}`, undefined, "error"),
      f("dA", `=2*(F${r}-C${r})*B${r}`),
      f("dB", `=2*(F${r}-C${r})`),
      f("newA", `=D${r}-LearningRate*H${r}`, undefined, "weight"),
      f("newB", `=E${r}-LearningRate*I${r}`, undefined, "weight"),
      ...Array.from({ length: opts.extraColumns ?? 0 }, (_, k): Column => {
        const cached = cols.err.map((e) => Math.sqrt(e as number) + k);
        return {
          ...f("err", `=IF(ISNUMBER(G${r}),SQRT(G${r})+${k},NA())`),
          key: `extra${k}`,
          header: `extra ${k}`,
          cached,
        };
      }),
    ],
  };
  const last = first + n - 1;
  const blocks: Block[] = [
    { row: 0, col: 0, cells: [[{ value: `SGD on y = 2x + 30 (${name})`, style: "title" }]] },
    {
      row: 2,
      col: 1,
      cells: [
        [
          { value: "learning rate", style: "label" },
          { value: lr, style: "input", comment: "Type a new rate & the sheet recalculates." },
        ],
        [
          { value: "a₀", style: "label" },
          { value: 1, style: "input" },
        ],
        [
          { value: "b₀", style: "label" },
          { value: 1, style: "input" },
        ],
      ],
    },
    {
      row: 2,
      col: 5,
      cells: [
        [
          { value: "SSE", style: "label" },
          { formula: `=SUM(G${first}:G${last})`, cached: sse, style: "summary" },
        ],
        [{ value: "=1+1", style: "text" }, { value: true }],
        [
          { formula: "=SQRT(-1)", cached: { error: "#NUM!" } },
          { formula: '=IF(C3>0,"positive","zero")', cached: "positive" },
        ],
        [{ formula: '=""', cached: null }, null, { value: 'a < b & "c"' }],
      ],
    },
  ];
  const ref = (col: number) => ({ sheet: name, row: TABLE_ROW + 1, col, rows: n, cols: 1 });
  const chart: ChartSpec = {
    id: "error-by-step",
    title: "Squared error by step",
    series: [{ name: "error", x: ref(0), y: ref(6), color: "C00000", markers: false, lines: true }],
    xAxis: { title: "step" },
    yAxis: { title: "(ŷ − y)²", log: true },
    anchor: { row: 0, col: 12, rows: 20, cols: 8 },
  };
  const fit: ChartSpec = {
    id: "weights",
    title: "Weights by step",
    series: [
      { name: "a", x: ref(0), y: ref(3), color: "1F77B4", markers: true, lines: true },
      { name: "b", x: ref(0), y: ref(4), color: "FF7F0E", markers: false, lines: true },
    ],
    xAxis: { title: "step", min: 0 },
    yAxis: { title: "weight" },
    anchor: { row: 21, col: 12, rows: 20, cols: 8 },
  };
  return {
    name,
    blocks,
    tables: [table],
    names: [
      { name: "LearningRate", row: LR_CELL.row, col: LR_CELL.col, comment: "type a new rate here" },
      { name: "InitA", row: 3, col: 2 },
    ],
    charts: [chart, fit],
    conditionalFormats: [
      {
        kind: "formula",
        range: { row: TABLE_ROW + 1, col: 6, rows: n, cols: 1 },
        formula: `=G${first}>1000`,
        style: "flag",
      },
      {
        kind: "colorScale",
        range: { row: TABLE_ROW + 1, col: 7, rows: n, cols: 1 },
        colors: ["63BE7B", "FFEB84", "F8696B"],
      },
    ],
    freeze: { rows: TABLE_ROW + 1, cols: 1 },
    columnWidths: [{ col: 1, width: 14 }],
    meta: { gradsheet: 1, lr, steps: n },
  };
}

/** A one-sheet workbook with workbook-wide names. */
export function sgdWorkbook(opts: SgdPlanOptions = {}): WorkbookPlan {
  return { sheets: [sgdPlan(opts)], namesScope: "workbook" };
}
