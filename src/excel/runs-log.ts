/**
 * The `Runs` sheet: one row per generated run (time, sheet, model, optimizer, learning rate,
 * epochs, final √SSE, where it diverged), so runs can be compared side by side. GradSheet only
 * appends to a Runs sheet it created itself; a user's own "Runs" sheet is left alone.
 */
import { uniqueSheetName } from "../sheet/address";
import { STYLES } from "../sheet/styles";
import type { RunIndex, RunRecord } from "./meta";

/** Index key of the Runs log record (its `sheet` holds the actual sheet name). */
export const RUNS_SHEET = "#runs";

export interface RunsRow {
  sheet: string;
  model: string;
  optimizer: string;
  lr: number;
  epochs: number;
  /** √SSE of the last epoch (NaN when it diverged to an error). */
  finalRootSse: number;
  /** "epoch 1, row 27", or "" when it did not diverge. */
  divergedAt: string;
}

export const RUNS_HEADER = ["Time", "Sheet", "Model", "Optimizer", "Learning rate", "Epochs", "Final √SSE", "Diverged at"];

/** The cells of one log row, in header order. */
export function runsCells(row: RunsRow, time: Date): (string | number)[] {
  const stamp = time.toISOString().replace("T", " ").slice(0, 19);
  return [stamp, `'${row.sheet}`, row.model, row.optimizer, row.lr, row.epochs, Number.isFinite(row.finalRootSse) ? row.finalRootSse : "overflow", row.divergedAt];
}

/**
 * Queue appending `row` to the Runs log (creating the sheet when GradSheet has none), and return
 * the log's updated record for the index.
 */
export function queueRunsRow(context: Excel.RequestContext, names: string[], index: RunIndex, row: RunsRow, customProps: boolean, now: Date): RunRecord {
  const existing = index[RUNS_SHEET];
  const sheets = context.workbook.worksheets;
  let sheet: Excel.Worksheet;
  let rows: number;
  let name: string;
  if (existing && names.some((n) => n.toLowerCase() === existing.sheet.toLowerCase())) {
    name = existing.sheet;
    sheet = sheets.getItem(name);
    rows = existing.rows ?? 0;
  } else {
    name = uniqueSheetName("Runs", [...names, row.sheet]);
    sheet = sheets.add(name);
    rows = 0;
    const header = sheet.getRangeByIndexes(0, 0, 1, RUNS_HEADER.length);
    header.values = [RUNS_HEADER];
    header.format.font.bold = true;
    header.format.fill.color = `#${STYLES.header.fill}`;
    sheet.getRangeByIndexes(0, 0, 1, RUNS_HEADER.length).format.columnWidth = 80;
    // No frozen header: freezing a sheet that is not active activates it (office-js #3148).
  }
  const cells = runsCells(row, now);
  const range = sheet.getRangeByIndexes(rows + 1, 0, 1, cells.length);
  // Format before value: an ISO time written into a General cell is stored as a date serial.
  range.numberFormat = [["@", "@", "General", "General", "General", "0", "0.0000", "General"]];
  range.values = [cells];
  const record: RunRecord = { app: "GradSheet", role: "runs", sheet: name, created: existing?.created ?? now.toISOString(), rows: rows + 1 };
  if (customProps) sheet.customProperties.add("GradSheet", JSON.stringify(record));
  return record;
}
