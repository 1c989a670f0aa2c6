/**
 * Where things go on a run sheet (0-based rows and columns). The top six rows stay frozen: title,
 * description, the parameter names and their input cells, group labels and the column headers.
 * Per-epoch summaries, the fit grid and the charts sit in a side area right of the step table.
 */
export const LAYOUT = {
  titleRow: 0,
  descriptionRow: 1,
  paramLabelRow: 2,
  paramValueRow: 3,
  groupRow: 4,
  headerRow: 5,
  /** Frozen columns: step, epoch, row. */
  frozenCols: 3,
  /** Points of the x grid the fit chart draws the model over. */
  fitPoints: 41,
  chart: { rows: 18, cols: 8, gapRows: 1, gapCols: 1 },
} as const;
