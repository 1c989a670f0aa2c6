/**
 * A SheetPlan as a list of plain write operations, each with an estimate of its request bytes
 * (first step of the Excel pipeline; `batches.ts` groups them under the byte budget). Pure: no Office objects here.
 */
import { formulaAt } from "../sheet/address";
import type {
  Block,
  ChartSpec,
  ConditionalFormat,
  Scalar,
  SheetPlan,
  StyleId,
  Table,
} from "../sheet/plan";
import { STYLES, type CellStyle } from "../sheet/styles";

/** A cell rectangle on the sheet being written, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type WriteOp =
  /** Constants and formulas ("=...") as one 2-D `formulas` write; null leaves a cell alone. */
  | { kind: "cells"; rect: Rect; formulas: (Scalar | null)[][] }
  | { kind: "numberFormat"; rect: Rect; formats: (string | null)[][] }
  /** Font, fill, border, alignment of a rectangle (constant size, whatever the rectangle). */
  | { kind: "style"; rect: Rect; style: CellStyle }
  /** Excel fills the first row of `rect` down over the rest (formulas shift like Ctrl+D). */
  | { kind: "fillDown"; rect: Rect }
  | { kind: "width"; col: number; cols: number; points: number }
  | { kind: "freeze"; rows: number; cols: number }
  | {
      kind: "name";
      name: string;
      row: number;
      col: number;
      /** A range name (GradSheet's own areas); one cell when absent. */
      rows?: number;
      cols?: number;
      comment?: string;
    }
  | { kind: "conditionalFormat"; format: ConditionalFormat }
  | { kind: "chart"; chart: ChartSpec };

export interface OpOptions {
  /** Let Excel fill formula columns down (ExcelApi 1.9) instead of sending every row's formula. */
  fillDown: boolean;
  /** Rows per cells/numberFormat op when every formula is sent (default: as many as fit in OP_BYTES). */
  chunkRows?: number;
}

/** Target size of one cells op: wide rows get fewer rows per op, so no single op nears a request's budget. */
export const OP_BYTES = 512 * 1024;

/** Bytes an op adds to a request: its JSON arguments plus a fixed cost per action and proxy. */
export function estimateBytes(op: WriteOp): number {
  const ACTION = 160;
  switch (op.kind) {
    case "cells":
      return ACTION * 2 + utf8Length(JSON.stringify(op.formulas));
    case "numberFormat":
      return ACTION * 2 + utf8Length(JSON.stringify(op.formats));
    case "style":
      return ACTION * (2 + Object.keys(op.style).length * 2);
    case "chart":
      return ACTION * (8 + op.chart.series.length * 12) + utf8Length(JSON.stringify(op.chart));
    case "conditionalFormat":
      return ACTION * 6 + utf8Length(JSON.stringify(op.format));
    default:
      return ACTION * 3;
  }
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** A literal for Excel's `formulas`: text that Excel would read as a formula or number is quoted with '. */
export function literal(v: Scalar): Scalar {
  if (typeof v !== "string") return v;
  return /^[=+\-@']/.test(v) || (v.trim() !== "" && Number.isFinite(Number(v))) ? `'${v}` : v;
}

/** Column width in characters → points (Calibri 11: 7 px per character plus 5 px padding; 0.75 pt per px). */
export const widthPoints = (chars: number): number =>
  Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

const styleOf = (id: StyleId | undefined): CellStyle => (id ? STYLES[id] : {});
const visual = (s: CellStyle): CellStyle => {
  const { numberFormat: _nf, ...rest } = s;
  return rest;
};
const hasVisual = (s: CellStyle): boolean => Object.keys(visual(s)).length > 0;

function blockOps(block: Block): WriteOp[] {
  const rows = block.cells.length;
  const cols = Math.max(0, ...block.cells.map((r) => r.length));
  if (!rows || !cols) return [];
  const rect = { row: block.row, col: block.col, rows, cols };
  const get = (i: number, j: number) => block.cells[i][j] ?? null;
  const formulas = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const c = get(i, j);
      if (!c) return null;
      if (c.formula !== undefined) return c.formula;
      return c.value === undefined ? null : literal(c.value);
    })
  );
  const formats = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => styleOf(get(i, j)?.style).numberFormat ?? null)
  );
  const ops: WriteOp[] = [{ kind: "cells", rect, formulas }];
  if (formats.some((r) => r.some((f) => f !== null)))
    ops.push({ kind: "numberFormat", rect, formats });
  // Runs of equal style along each row become one style op.
  for (let i = 0; i < rows; i++) {
    let j = 0;
    while (j < cols) {
      const id = get(i, j)?.style;
      let k = j + 1;
      while (k < cols && get(i, k)?.style === id) k++;
      if (id && hasVisual(STYLES[id]))
        ops.push({
          kind: "style",
          rect: { row: block.row + i, col: block.col + j, rows: 1, cols: k - j },
          style: visual(STYLES[id]),
        });
      j = k;
    }
  }
  return ops;
}

/** Spans of adjacent columns sharing a predicate, as [start, end) index pairs. */
function spans(n: number, pick: (j: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (!pick(j)) continue;
    let k = j;
    while (k + 1 < n && pick(k + 1)) k++;
    out.push([j, k + 1]);
    j = k;
  }
  return out;
}

function cellOf(table: Table, r: number, j: number): Scalar | null {
  const c = table.columns[j];
  if (c.formula) return formulaAt(c.formula, r);
  const v = c.values?.[r];
  return v === undefined ? null : literal(v);
}

function tableOps(t: Table, opts: OpOptions): WriteOp[] {
  const n = t.columns.length;
  const top = t.row + 1;
  const ops: WriteOp[] = [
    {
      kind: "cells",
      rect: { row: t.row, col: t.col, rows: 1, cols: n },
      formulas: [t.columns.map((c) => literal(c.header))],
    },
    {
      kind: "style",
      rect: { row: t.row, col: t.col, rows: 1, cols: n },
      style: visual(STYLES.header),
    },
  ];
  if (t.rows === 0) return ops;
  // Visual styles per column span over every data row (constant size).
  for (const [a, b] of spans(n, (j) => hasVisual(styleOf(t.columns[j].style)))) {
    for (let j = a; j < b;) {
      let k = j + 1;
      while (k < b && t.columns[k].style === t.columns[j].style) k++;
      ops.push({
        kind: "style",
        rect: { row: top, col: t.col + j, rows: t.rows, cols: k - j },
        style: visual(styleOf(t.columns[j].style)),
      });
      j = k;
    }
  }
  const fmt = (j: number) => styleOf(t.columns[j].style).numberFormat ?? null;
  const rowsOf = (from: number, count: number, cols: [number, number]) => ({
    formulas: Array.from({ length: count }, (_, i) =>
      Array.from({ length: cols[1] - cols[0] }, (_, j) => cellOf(t, from + i, cols[0] + j))
    ),
    formats: Array.from({ length: count }, () =>
      Array.from({ length: cols[1] - cols[0] }, (_, j) => fmt(cols[0] + j))
    ),
  });
  const all: [number, number] = [0, n];
  // Rows per op from the widest sampled row's JSON bytes (first, second and last rows).
  const rowBytes = Math.max(
    ...[0, Math.min(1, t.rows - 1), t.rows - 1].map(
      (r) => utf8Length(JSON.stringify(rowsOf(r, 1, all).formulas[0])) + 8 * n
    )
  );
  const chunk = Math.max(1, opts.chunkRows ?? Math.min(2000, Math.floor(OP_BYTES / rowBytes)));
  const head = opts.fillDown ? Math.min(2, t.rows) : t.rows;
  for (let r = 0; r < head; r += chunk) {
    const count = Math.min(chunk, head - r);
    const { formulas, formats } = rowsOf(r, count, all);
    const rect = { row: top + r, col: t.col, rows: count, cols: n };
    ops.push({ kind: "cells", rect, formulas }, { kind: "numberFormat", rect, formats });
  }
  if (opts.fillDown && t.rows > 2) {
    // Formula columns: Excel fills row 2's formulas down; literal columns: values and formats as sent.
    for (const s of spans(n, (j) => t.columns[j].formula !== undefined)) {
      ops.push({
        kind: "fillDown",
        rect: { row: top + 1, col: t.col + s[0], rows: t.rows - 1, cols: s[1] - s[0] },
      });
    }
    for (const s of spans(n, (j) => t.columns[j].formula === undefined)) {
      for (let r = 2; r < t.rows; r += chunk) {
        const count = Math.min(chunk, t.rows - r);
        const { formulas, formats } = rowsOf(r, count, s);
        const rect = { row: top + r, col: t.col + s[0], rows: count, cols: s[1] - s[0] };
        ops.push({ kind: "cells", rect, formulas });
        if (formats[0].some((f) => f !== null)) ops.push({ kind: "numberFormat", rect, formats });
      }
    }
  }
  return ops;
}

/**
 * Every write a plan needs, in an order Excel accepts: names before the formulas that use them,
 * cells before the charts that read them, the freeze last (writers send it in the guarded extras request).
 */
export function planOps(plan: SheetPlan, opts: OpOptions): WriteOp[] {
  // Names first: a formula entered while its name is undefined may stay #NAME? (sheet-scoped binding at entry).
  const ops: WriteOp[] = plan.names.map((nm) => ({
    kind: "name",
    name: nm.name,
    row: nm.row,
    col: nm.col,
    comment: nm.comment,
  }));
  for (const b of plan.blocks) ops.push(...blockOps(b));
  for (const t of plan.tables) ops.push(...tableOps(t, opts));
  const widths = new Map<number, number>();
  for (const t of plan.tables)
    t.columns.forEach((c, j) => c.width !== undefined && widths.set(t.col + j, c.width));
  for (const w of plan.columnWidths) widths.set(w.col, w.width);
  for (const [col, chars] of [...widths].sort((a, b) => a[0] - b[0]))
    ops.push({ kind: "width", col, cols: 1, points: widthPoints(chars) });
  for (const cf of plan.conditionalFormats) ops.push({ kind: "conditionalFormat", format: cf });
  if (plan.freeze.rows || plan.freeze.cols)
    ops.push({ kind: "freeze", rows: plan.freeze.rows, cols: plan.freeze.cols });
  for (const c of plan.charts) ops.push({ kind: "chart", chart: c });
  return ops;
}

/** Number of cells a plan writes (blocks and tables, headers included). */
export function planCellCount(plan: SheetPlan): number {
  let n = 0;
  for (const b of plan.blocks) for (const r of b.cells) n += r.filter((c) => c !== null).length;
  for (const t of plan.tables) n += t.columns.length * (t.rows + 1);
  return n;
}
