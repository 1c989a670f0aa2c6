/**
 * What the pane's "Check my formulas" does in Excel: read the values Excel calculated on an
 * exercise sheet (row blocks under the 5 MB response limit), mark the learner's cells right
 * (green) or wrong (red) with conditional formats, remove those marks again, and write the core's
 * formula into one cell ("Show me this formula"). The grading itself is the run layer's.
 */
import { syncWithin, type ExcelHost } from "./host";
import { CELL_BYTES, readRows } from "./reads";
import type { Rect } from "./plan-ops";

/** Fills of the marks ("RRGGBB"): Excel's "Good" and "Bad" cell styles; the exercise's own shading. */
export const MARK = { right: "C6EFCE", wrong: "FFC7CE", blank: "FFF2CC" } as const;

export interface ExerciseExcel {
  /** Excel's calculated values of the rectangle from A1 of `rows` × `cols`. */
  values(sheet: string, rows: number, cols: number): Promise<unknown[][]>;
  /** Mark `right` and `wrong` rectangles; `columns` are the blank columns' rectangles (their marks are cleared first). */
  mark(sheet: string, columns: Rect[], right: Rect[], wrong: Rect[]): Promise<void>;
  /** Remove the marks from the blank columns and give them back their exercise shading. */
  unmark(sheet: string, columns: Rect[]): Promise<void>;
  /** Write `formula` into one cell (0-based). */
  writeFormula(sheet: string, row: number, col: number, formula: string): Promise<void>;
}

const hex = (c: string) => `#${c}`;

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
    f.custom.rule.formula = "=TRUE";
    f.custom.format.fill.color = hex(color);
  };
  const clear = (ws: Excel.Worksheet, columns: Rect[]) => {
    for (const r of columns)
      ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols).conditionalFormats.clearAll();
  };
  return {
    values: (sheet, rows, cols) =>
      on(sheet, (ws, sync) =>
        readRows(ws, { row: 0, col: 0, rows, cols }, "values", cols * CELL_BYTES, sync)
      ),
    mark: (sheet, columns, right, wrong) =>
      on(sheet, async (ws, sync) => {
        clear(ws, columns);
        // Excel puts each new conditional format first: the marks, added after the shading, win.
        for (const r of columns) fill(ws, r, MARK.blank);
        for (const r of right) fill(ws, r, MARK.right);
        for (const r of wrong) fill(ws, r, MARK.wrong);
        await sync();
      }),
    unmark: (sheet, columns) =>
      on(sheet, async (ws, sync) => {
        clear(ws, columns);
        for (const r of columns) fill(ws, r, MARK.blank);
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
