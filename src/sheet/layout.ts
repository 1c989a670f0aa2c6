/**
 * Where things go on a run sheet (0-based rows and columns). Title, description, the parameter
 * names and their input cells, then a band of charts (error and weights by step in the first
 * columns, √SSE by epoch and the fit to their right), group labels and the column headers: all of
 * these stay frozen, so the charts stay in view beside the rows being read. Per-epoch summaries
 * and the fit grid sit in a side area right of the step table.
 */
const BAND_ROW = 4;
/** Rows of the chart band (15 rows of 15 pt: charts about 300 px tall). */
const BAND_ROWS = 15;

export const LAYOUT = {
  titleRow: 0,
  descriptionRow: 1,
  paramLabelRow: 2,
  paramValueRow: 3,
  band: {
    row: BAND_ROW,
    rows: BAND_ROWS,
    /** Width of one chart, in characters of column width. */ chars: 78,
  },
  groupRow: BAND_ROW + BAND_ROWS,
  headerRow: BAND_ROW + BAND_ROWS + 1,
  /** Frozen columns: step, epoch, row. */
  frozenCols: 3,
  /** Points of the x grid the fit chart draws the model over. */
  fitPoints: 41,
} as const;

/**
 * How many columns from `start` make at least `chars` characters of width (a chart's width in
 * cells), with `widths` giving each column's width and `fallback` any other column's.
 */
export function spanCols(
  widths: ReadonlyMap<number, number>,
  start: number,
  chars: number,
  fallback = 12
): number {
  let n = 0;
  for (let total = 0; total < chars; n++) total += widths.get(start + n) ?? fallback;
  return n;
}
