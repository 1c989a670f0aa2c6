/** A worksheet part, produced in chunks (one per row) so 100k-step tables stay linear in time and memory. */
import { a1, colLetter, quoteSheet } from "../sheet/address";
import type { Cell, ConditionalFormat, SheetPlan, Table } from "../sheet/plan";
import { formulaCell, valueCell } from "./cells";
import type { ChunkWriter } from "./chunk-writer";
import { ColumnWriter } from "./column-xml";
import type { SheetContext } from "./sheet-context";
import { esc, NS, num, XML_HEAD } from "./xml";

export type { SheetContext } from "./sheet-context";

type Rect = { row: number; col: number; rows: number; cols: number };
const rectA1 = (r: Rect): string =>
  r.rows === 1 && r.cols === 1
    ? a1(r.row, r.col)
    : `${a1(r.row, r.col)}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;

/** One explicit block cell as XML, or "" for an empty cell. */
function blockCell(cell: Cell, row: number, col: number, ctx: SheetContext): string {
  const ref = a1(row, col);
  const s = cell.style ? ctx.styles.xf[cell.style] : undefined;
  if (cell.formula !== undefined)
    return formulaCell(
      ref,
      s,
      { kind: "plain", formula: ctx.fixFormula(cell.formula) },
      cell.cached
    );
  if (cell.value !== undefined) return valueCell(ref, s, cell.value, ctx.sst);
  return s ? `<c r="${ref}" s="${s}"/>` : "";
}

/** Cells of explicit blocks, grouped by sheet row. */
function blockCells(plan: SheetPlan, ctx: SheetContext): Map<number, [number, string][]> {
  const rows = new Map<number, [number, string][]>();
  for (const b of plan.blocks) {
    b.cells.forEach((line, i) =>
      line.forEach((cell, j) => {
        if (!cell) return;
        const xml = blockCell(cell, b.row + i, b.col + j, ctx);
        if (!xml) return;
        const list = rows.get(b.row + i) ?? [];
        list.push([b.col + j, xml]);
        rows.set(b.row + i, list);
      })
    );
  }
  return rows;
}

function colsXml(plan: SheetPlan): string {
  const widths = new Map<number, number>();
  for (const t of plan.tables)
    t.columns.forEach((c, j) => c.width !== undefined && widths.set(t.col + j, c.width));
  for (const w of plan.columnWidths) widths.set(w.col, w.width);
  if (!widths.size) return "";
  const cols = [...widths]
    .sort((p, q) => p[0] - q[0])
    .map(([c, w]) => `<col min="${c + 1}" max="${c + 1}" width="${num(w)}" customWidth="1"/>`);
  return `<cols>${cols.join("")}</cols>`;
}

function sheetViewXml(plan: SheetPlan): string {
  const { rows, cols } = plan.freeze;
  if (!rows && !cols) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const tl = a1(rows, cols);
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""}` +
    ` topLeftCell="${tl}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/></sheetView></sheetViews>`
  );
}

function conditionalXml(cfs: ConditionalFormat[], ctx: SheetContext): string {
  return cfs
    .map((cf, i) => {
      const rule =
        cf.kind === "formula"
          ? `<cfRule type="expression" dxfId="${ctx.styles.dxf[cf.style]}" priority="${i + 1}"><formula>${esc(ctx.fixFormula(cf.formula).replace(/^=/, ""))}</formula></cfRule>`
          : `<cfRule type="colorScale" priority="${i + 1}"><colorScale><cfvo type="min"/>${cf.colors.length === 3 ? '<cfvo type="percentile" val="50"/>' : ""}<cfvo type="max"/>` +
            cf.colors.map((c) => `<color rgb="FF${c.toUpperCase()}"/>`).join("") +
            "</colorScale></cfRule>";
      return `<conditionalFormatting sqref="${rectA1(cf.range)}">${rule}</conditionalFormatting>`;
    })
    .join("");
}

/** The used rectangle of a sheet's cells, for `<dimension>`. */
function usedRange(plan: SheetPlan): string {
  let r0 = Infinity,
    c0 = Infinity,
    r1 = 0,
    c1 = 0;
  const add = (r: number, c: number, rows: number, cols: number): void => {
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, c);
    r1 = Math.max(r1, r + rows - 1);
    c1 = Math.max(c1, c + cols - 1);
  };
  for (const b of plan.blocks)
    add(b.row, b.col, b.cells.length, Math.max(1, ...b.cells.map((l) => l.length)));
  for (const t of plan.tables) add(t.row, t.col, t.rows + 1, Math.max(1, t.columns.length));
  return r0 === Infinity
    ? "A1"
    : rectA1({ row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
}

/**
 * The sheet's print area as a sheet-scoped `_xlnm.Print_Area` defined name (several areas, comma
 * separated, print on pages of their own), or undefined when the plan sets none.
 */
export function printAreaName(
  plan: SheetPlan,
  fileName: string,
  sheetIndex: number
): { name: string; ref: string; sheetIndex: number } | undefined {
  const areas = plan.print?.areas ?? [];
  if (!areas.length) return undefined;
  const abs = (r: number, c: number): string => `$${colLetter(c)}$${r + 1}`;
  const sheet = quoteSheet(fileName);
  const ref = areas
    .map((a) => `${sheet}!${abs(a.row, a.col)}:${abs(a.row + a.rows - 1, a.col + a.cols - 1)}`)
    .join(",");
  return { name: "_xlnm.Print_Area", ref, sheetIndex };
}

/** Page setup: landscape or portrait, each print area scaled to one page wide (as tall as it needs); page breaks. */
function pageSetupXml(plan: SheetPlan): string {
  const p = plan.print;
  if (!p) return "";
  const breaks = p.rowBreaks ?? [];
  return (
    `<pageSetup orientation="${p.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>` +
    (breaks.length
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`
      : "")
  );
}

/** The table whose data row `r` is, when exactly one table covers sheet row `r` and not with its header. */
function soleDataRow<T extends { t: Table }>(tables: T[], r: number): T | undefined {
  let found: T | undefined;
  for (const x of tables) {
    if (r < x.t.row || r > x.t.row + x.t.rows) continue;
    if (found || r === x.t.row) return undefined;
    found = x;
  }
  return found;
}

/** Writes the worksheet XML of `plan` to `out`, row by row. */
export function writeWorksheet(plan: SheetPlan, ctx: SheetContext, out: ChunkWriter): void {
  out.text(
    `${XML_HEAD}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
      (plan.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="${usedRange(plan)}"/>` +
      sheetViewXml(plan) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      colsXml(plan) +
      "<sheetData>"
  );
  const blocks = blockCells(plan, ctx);
  let si = 0;
  const tables = [...plan.tables]
    .sort((p, q) => p.col - q.col)
    .map((t) => ({
      t,
      writers: t.columns.map((c, j) => new ColumnWriter(t, c, j, () => si++, ctx)),
    }));
  const header = ctx.styles.xf.header;
  const rowNumbers = new Set<number>(blocks.keys());
  for (const { t } of tables) for (let r = t.row; r <= t.row + t.rows; r++) rowNumbers.add(r);
  for (const r of [...rowNumbers].sort((p, q) => p - q)) {
    const only = blocks.has(r) ? undefined : soleDataRow(tables, r);
    if (only) {
      // The common row: one table's data cells, already in column order.
      const row = String(r + 1);
      out.ascii(`<row r="${row}">`);
      for (const w of only.writers) w.write(out, r - only.t.row - 1, row);
      out.ascii("</row>");
      continue;
    }
    const cells: [number, string][] = [...(blocks.get(r) ?? [])];
    for (const { t, writers } of tables) {
      if (r < t.row || r > t.row + t.rows) continue;
      writers.forEach((w, j) => {
        const xml =
          r === t.row
            ? valueCell(`${w.letters}${r + 1}`, header, t.columns[j].header, ctx.sst)
            : w.cell(r - t.row - 1);
        if (xml) cells.push([t.col + j, xml]);
      });
    }
    if (blocks.has(r)) cells.sort((p, q) => p[0] - q[0]);
    let line = `<row r="${r + 1}">`;
    for (let k = 0; k < cells.length; k++)
      if (k === cells.length - 1 || cells[k][0] !== cells[k + 1][0]) line += cells[k][1];
    out.text(`${line}</row>`);
  }
  out.text(
    "</sheetData>" +
      conditionalXml(plan.conditionalFormats, ctx) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      pageSetupXml(plan) +
      (ctx.drawingRelId ? `<drawing r:id="${ctx.drawingRelId}"/>` : "") +
      (ctx.legacyDrawingRelId ? `<legacyDrawing r:id="${ctx.legacyDrawingRelId}"/>` : "") +
      "</worksheet>"
  );
}
