/**
 * What the pane's "Check my formulas" does in Excel: read the values Excel calculated on an
 * exercise sheet (row blocks under the 5 MB response limit), mark the learner's cells right
 * (green) or wrong (red) with conditional formats, remove those marks again, and write the core's
 * formula into one cell ("Show me this formula"); for a rebuild, read and write the learner's
 * cells in the blank columns and put the exercise's shading back once. GradSheet's own conditional
 * formats there are known by their signature (a Custom rule "=TRUE" with one of the fills below)
 * and deleted one by one: the sheet's diverged-row flag and any format the learner added stay
 * (a range's clearAll would remove them too). The grading itself is the run layer's.
 */
import { syncWithin, type ExcelHost } from "./host";
import { CELL_BYTES, readRows } from "./reads";
import type { Rect } from "./plan-ops";

/** Fills of the marks ("RRGGBB"): Excel's "Good" and "Bad" cell styles; the exercise's own shading. */
export const MARK = { right: "C6EFCE", wrong: "FFC7CE", blank: "FFF2CC" } as const;

/** The rule formula of every conditional format GradSheet puts on an exercise's blank columns. */
export const MARK_FORMULA = "=TRUE";

export interface ExerciseExcel {
  /** Excel's calculated values from A1, `cols` wide and `rows` deep or down to the last used row. */
  values(sheet: string, rows: number, cols: number): Promise<unknown[][]>;
  /** Mark `right` and `wrong` rectangles; `columns` are the blank columns' rectangles (earlier marks there are removed first). */
  mark(sheet: string, columns: Rect[], right: Rect[], wrong: Rect[]): Promise<void>;
  /** Remove the marks from the blank columns (their exercise shading stays). */
  unmark(sheet: string, columns: Rect[]): Promise<void>;
  /** Remove GradSheet's shading and marks from `columns` and shade `shaded` once (after a rebuild). */
  reshade(sheet: string, columns: Rect[], shaded: Rect[]): Promise<void>;
  /** What the cells of one-column rectangles hold (formulas or constants, "" when empty), top to bottom. */
  formulas(sheet: string, columns: Rect[]): Promise<unknown[][]>;
  /** Write one column's cells from (row, col) down; null leaves a cell alone, "" empties it. */
  writeColumn(sheet: string, row: number, col: number, formulas: (string | null)[]): Promise<void>;
  /** Write `formula` into one cell (0-based). */
  writeFormula(sheet: string, row: number, col: number, formula: string): Promise<void>;
  /** Show `sheet` and select one cell (a link of the check's message). */
  select(sheet: string, row: number, col: number): Promise<void>;
}

const hex = (c: string) => `#${c}`;

/** The bounding rectangle of `rects`. */
function bounding(rects: Rect[]): Rect {
  const row = Math.min(...rects.map((r) => r.row));
  const col = Math.min(...rects.map((r) => r.col));
  return {
    row,
    col,
    rows: Math.max(...rects.map((r) => r.row + r.rows)) - row,
    cols: Math.max(...rects.map((r) => r.col + r.cols)) - col,
  };
}

/**
 * Queue deleting GradSheet's conditional formats with one of `fills` that overlap `rects` (two
 * syncs: the formats' types, then the custom ones' rule and fill). Nothing else is touched.
 */
async function deleteOwn(
  ws: Excel.Worksheet,
  rects: Rect[],
  fills: readonly string[],
  sync: () => Promise<void>
): Promise<void> {
  if (!rects.length) return;
  const b = bounding(rects);
  const all = ws
    .getRangeByIndexes(b.row, b.col, b.rows, b.cols)
    .conditionalFormats.load("items/type");
  await sync();
  const custom = all.items.filter((cf) => cf.type === "Custom");
  if (!custom.length) return;
  for (const cf of custom) {
    cf.custom.rule.load("formula");
    cf.custom.format.fill.load("color");
  }
  await sync();
  const own = new Set(fills.map((f) => f.toUpperCase()));
  for (const cf of custom) {
    const color = String(cf.custom.format.fill.color ?? "")
      .replace(/^#/, "")
      .toUpperCase();
    if (String(cf.custom.rule.formula).trim().toUpperCase() === MARK_FORMULA && own.has(color))
      cf.delete();
  }
}

/** The exercise's Excel side over Office.js (through `host`, so tests pass the fake). */
export function exerciseExcel(host: ExcelHost): ExerciseExcel {
  const on = <T>(
    sheet: string,
    fn: (ws: Excel.Worksheet, sync: () => Promise<void>) => Promise<T>
  ): Promise<T> =>
    host.run(async (context) =>
      fn(context.workbook.worksheets.getItem(sheet), () => syncWithin(context, host.syncTimeoutMs))
    );
  const fill = (ws: Excel.Worksheet, r: Rect, color: string) => {
    const f = ws
      .getRangeByIndexes(r.row, r.col, r.rows, r.cols)
      .conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
    f.custom.rule.formula = MARK_FORMULA;
    f.custom.format.fill.color = hex(color);
  };
  const marks = [MARK.right, MARK.wrong];
  return {
    values: (sheet, rows, cols) =>
      on(sheet, async (ws, sync) => {
        // rows inserted above or inside the table push it down: read down to the last used row
        const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
        await sync();
        const bottom = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
        const all = { row: 0, col: 0, rows: Math.max(rows, bottom), cols };
        return readRows(ws, all, "values", cols * CELL_BYTES, sync);
      }),
    mark: (sheet, columns, right, wrong) =>
      on(sheet, async (ws, sync) => {
        await deleteOwn(ws, columns, marks, sync);
        // Excel puts each new conditional format first: the marks, added after the shading, win.
        for (const r of right) fill(ws, r, MARK.right);
        for (const r of wrong) fill(ws, r, MARK.wrong);
        await sync();
      }),
    unmark: (sheet, columns) =>
      on(sheet, async (ws, sync) => {
        await deleteOwn(ws, columns, marks, sync);
        await sync();
      }),
    reshade: (sheet, columns, shaded) =>
      on(sheet, async (ws, sync) => {
        await deleteOwn(ws, columns, [...marks, MARK.blank], sync);
        for (const r of shaded) fill(ws, r, MARK.blank);
        await sync();
      }),
    formulas: (sheet, columns) =>
      on(sheet, async (ws, sync) => {
        const out: unknown[][] = [];
        for (const r of columns) {
          const grid = await readRows(ws, r, "formulas", 256, sync);
          out.push(grid.map((row) => row[0]));
        }
        return out;
      }),
    writeColumn: (sheet, row, col, formulas) =>
      on(sheet, async (ws, sync) => {
        // runs of cells to write (null keeps a cell), one write each
        for (let i = 0; i < formulas.length;) {
          if (formulas[i] === null) {
            i++;
            continue;
          }
          let k = i;
          while (k + 1 < formulas.length && formulas[k + 1] !== null) k++;
          ws.getRangeByIndexes(row + i, col, k - i + 1, 1).formulas = formulas
            .slice(i, k + 1)
            .map((f) => [f]);
          i = k + 1;
        }
        await sync();
      }),
    select: (sheet, row, col) =>
      on(sheet, async (ws, sync) => {
        ws.activate();
        ws.getRangeByIndexes(row, col, 1, 1).select();
        await sync();
      }),
    writeFormula: (sheet, row, col, formula) =>
      on(sheet, async (ws, sync) => {
        ws.getRangeByIndexes(row, col, 1, 1).formulas = [[formula]];
        await sync();
      }),
  };
}

/** Consecutive cells of one column with the same verdict, as rectangles (cells sorted by row). */
export function runsOf(cells: { row: number; col: number }[]): Rect[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) byCol.set(c.col, [...(byCol.get(c.col) ?? []), c.row]);
  const out: Rect[] = [];
  for (const [col, rows] of byCol) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++)
      if (i === rows.length || rows[i] !== rows[i - 1] + 1) {
        out.push({ row: start, col, rows: rows[i - 1] - start + 1, cols: 1 });
        start = rows[i];
      }
  }
  return out;
}
