/**
 * The cells around a chart's data for the doctor's x-column search: a few rows above every
 * referenced range (its headers) and a few columns beyond, read in row blocks under the 5 MB
 * response limit of Excel on the web.
 */
import { parseRef, type CellValue, type ChartModel, type SheetContext } from "../doctor";
import { CELL_BYTES, readRows } from "./reads";

/** Rows read around a chart's data (headers above); more than this many rows are not read. */
const HEADER_ROWS = 3;
const MAX_CONTEXT_ROWS = 20_000;

/** The cells around every referenced range (a few rows above for headers, a few columns beyond). */
export async function readContexts(
  ctx: Excel.RequestContext,
  charts: ChartModel[],
  sync: () => Promise<void>,
  limitations: string[]
): Promise<SheetContext[]> {
  const want = new Map<string, { top: number; bottom: number; right: number }>();
  for (const c of charts)
    for (const s of c.series)
      for (const src of [s.x, s.y]) {
        const r = src.kind === "ref" ? parseRef(src.ref) : null;
        if (!r) continue;
        const cur = want.get(r.sheet);
        const top = Math.max(0, r.row - HEADER_ROWS);
        const bottom = r.row + r.rows - 1;
        const right = r.col + r.cols - 1 + 3;
        want.set(
          r.sheet,
          cur
            ? {
                top: Math.min(cur.top, top),
                bottom: Math.max(cur.bottom, bottom),
                right: Math.max(cur.right, right),
              }
            : { top, bottom, right }
        );
      }
  const out: SheetContext[] = [];
  for (const [name, w] of want) {
    if (w.bottom - w.top + 1 > MAX_CONTEXT_ROWS) {
      limitations.push(
        `The data on ${name} is too long to read for the x-column search (over ${MAX_CONTEXT_ROWS} rows).`
      );
      continue;
    }
    // In row blocks under the 5 MB response limit of Excel on the web.
    const rect = { row: w.top, col: 0, rows: w.bottom - w.top + 1, cols: w.right + 1 };
    const values = await readRows(
      ctx.workbook.worksheets.getItem(name),
      rect,
      "values",
      rect.cols * CELL_BYTES,
      sync
    );
    out.push({ name, top: w.top, left: 0, values: values as CellValue[][] });
  }
  return out;
}
