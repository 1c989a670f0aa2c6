/**
 * The `Runs` sheet: one row per run sheet (time, sheet, model, optimizer, learning rate, epochs,
 * final √SSE, where it diverged, what changed last), so runs can be compared side by side. A run
 * sheet's row is rewritten when Apply or Rebuild changes the run, so the log always says what the
 * sheet computes. New run sheets go just before Runs, so the runs stay together with Runs after
 * them. GradSheet only writes to a Runs sheet it created itself; a user's own "Runs" is left alone.
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
  /** What made this row: "new run", "learning rate 0.0001 → 0.00001 (Apply)", "rebuilt: 5 epochs". */
  change?: string;
}

export const RUNS_HEADER = [
  "Time",
  "Sheet",
  "Model",
  "Optimizer",
  "Learning rate",
  "Epochs",
  "Final √SSE",
  "Diverged at",
  "What changed",
];

/** The cells of one log row, in header order. */
export function runsCells(row: RunsRow, time: Date): (string | number)[] {
  const stamp = time.toISOString().replace("T", " ").slice(0, 19);
  return [
    stamp,
    `'${row.sheet}`,
    row.model,
    row.optimizer,
    row.lr,
    row.epochs,
    Number.isFinite(row.finalRootSse) ? row.finalRootSse : "overflow",
    row.divergedAt,
    row.change ?? "",
  ];
}

/** Where a new run sheet goes: Runs' own position (pushing Runs after it), or undefined when there is no log yet. */
export function runsPosition(names: readonly string[], index: RunIndex): number | undefined {
  const log = index[RUNS_SHEET];
  const at = log ? names.findIndex((n) => n.toLowerCase() === log.sheet.toLowerCase()) : -1;
  return at < 0 ? undefined : at;
}

/**
 * Queue writing `row` to the Runs log (creating the sheet when GradSheet has none): over the row
 * its sheet already has, else appended. Returns the log's updated record for the index.
 */
export function queueRunsRow(
  context: Excel.RequestContext,
  names: string[],
  index: RunIndex,
  row: RunsRow,
  customProps: boolean,
  now: Date
): RunRecord {
  const existing = index[RUNS_SHEET];
  const sheets = context.workbook.worksheets;
  let sheet: Excel.Worksheet;
  let rows: number;
  let name: string;
  let rowOf: Record<string, number> = {};
  if (existing && names.some((n) => n.toLowerCase() === existing.sheet.toLowerCase())) {
    name = existing.sheet;
    sheet = sheets.getItem(name);
    rows = existing.rows ?? 0;
    rowOf = existing.rowOf ?? {};
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
  const at = rowOf[row.sheet] ?? rows + 1;
  const range = sheet.getRangeByIndexes(at, 0, 1, cells.length);
  // Format before value: an ISO time written into a General cell is stored as a date serial.
  range.numberFormat = [
    ["@", "@", "General", "General", "General", "0", "0.0000", "General", "General"],
  ];
  range.values = [cells];
  const record: RunRecord = {
    app: "GradSheet",
    role: "runs",
    sheet: name,
    created: existing?.created ?? now.toISOString(),
    rows: Math.max(rows, at),
    rowOf: { ...rowOf, [row.sheet]: at },
  };
  if (customProps) sheet.customProperties.add("GradSheet", JSON.stringify(record));
  return record;
}
