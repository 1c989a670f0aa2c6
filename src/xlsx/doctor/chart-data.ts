/**
 * Where a chart series' data comes from, read and checked: a range (within the sheet's 1,048,576
 * rows and 16,384 columns) or the points of a literal or cache (counts and indexes checked, at
 * most MAX_POINTS a series and MAX_TOTAL_POINTS a workbook, before anything is made).
 */
import { parseRef, type CellValue, type DataSource } from "../../doctor";
import {
  damaged,
  grouped,
  MAX_COLS,
  MAX_POINTS,
  MAX_ROWS,
  MAX_TOTAL_POINTS,
  shown,
  wholeIn,
} from "./limits";
import { pointsOf } from "./points";
import { kid, local, path, textOf, XmlError, attr } from "./xml";
import type { XmlElement } from "./xml-types";

/** Points declared so far by the charts of one workbook (pass the same object for each chart). */
export interface PointBudget {
  points: number;
}

/** The part being read and the workbook's point budget. */
export interface ReadContext {
  part: string;
  budget: PointBudget;
}

/** c:cat / c:val / c:xVal / c:yVal → a data source. */
export function dataSource(dim: XmlElement | undefined, ctx: ReadContext): DataSource {
  if (!dim) return { kind: "none" };
  for (const refName of ["c:numRef", "c:strRef", "c:multiLvlStrRef"]) {
    const f = path(dim, refName, "c:f");
    if (f) return { kind: "ref", ref: checkedRef(textOf(f).trim(), ctx) };
  }
  for (const litName of ["c:numLit", "c:strLit"]) {
    const lit = kid(dim, litName);
    if (lit) return { kind: "literal", values: cacheValues(lit, ctx) };
  }
  return { kind: "none" };
}

/** A range a sheet can hold (1,048,576 rows, 16,384 columns), or a refusal naming it. */
export function checkedRef(ref: string, ctx: ReadContext): string {
  const r = parseRef(ref);
  if (r && (r.row + r.rows > MAX_ROWS || r.col + r.cols > MAX_COLS))
    throw damaged(
      ctx.part,
      `the range ${shown(ref)} reaches past the sheet's ${grouped(MAX_ROWS)} rows and ${grouped(MAX_COLS)} columns`
    );
  return ref;
}

/**
 * The points of a cache or literal (c:ptCount + c:pt idx/c:v), gaps as null. The count and every
 * index are checked (at most MAX_POINTS a series, MAX_TOTAL_POINTS in all) before anything is made.
 */
export function cacheValues(e: XmlElement, ctx: ReadContext): CellValue[] {
  const countText = attr(kid(e, "c:ptCount"), "val");
  let pts: ReturnType<typeof pointsOf>;
  try {
    pts = pointsOf(e);
  } catch (err) {
    if (err instanceof XmlError) throw damaged(ctx.part, err.message);
    throw err;
  }
  const count = countText === undefined ? pts.length : wholeIn(countText, 0, MAX_POINTS);
  if (count === undefined)
    throw damaged(
      ctx.part,
      `c:ptCount ${shown(countText)} is not a count of points a series can have (0 to ${grouped(MAX_POINTS)})`
    );
  ctx.budget.points += count;
  if (ctx.budget.points > MAX_TOTAL_POINTS)
    throw damaged(
      ctx.part,
      `the charts declare more than ${grouped(MAX_TOTAL_POINTS)} points in all`
    );
  const numeric = local(e.q).startsWith("num");
  const out: CellValue[] = new Array<CellValue>(count).fill(null);
  for (const pt of pts) {
    const idxText = pt.idx;
    const idx = wholeIn(idxText, 0, count - 1);
    if (idx === undefined)
      throw damaged(
        ctx.part,
        `c:pt idx ${shown(idxText)} is not a point of its ${grouped(count)} (c:ptCount)`
      );
    const text = pt.value;
    out[idx] = numeric && text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}
