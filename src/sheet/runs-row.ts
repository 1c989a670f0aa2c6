/**
 * One row of the workbook's Runs log, as plain data (src/run makes it, src/excel appends it): the
 * sheet, the model and optimizer by their labels ("2 neurons + ReLU", "Adam"), the learning rate
 * and epochs, the final √SSE (NaN when it overflowed), where it diverged ("step 27", with its
 * epoch when the run has several, or "") and what made it.
 */
export interface RunLogRow {
  sheet: string;
  model: string;
  optimizer: string;
  lr: number;
  epochs: number;
  /** √SSE of the last epoch (NaN when it diverged to an error). */
  finalRootSse: number;
  divergedAt: string;
  /** What made this row: "new run", "learning rate 1e-4 → 1e-5 (Apply)", "rebuilt with 5 epochs". */
  change: string;
}
