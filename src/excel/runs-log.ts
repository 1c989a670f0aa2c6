/**
 * The `Runs` sheet: a history, one appended row per action (Generate, Apply, Rebuild, Rerun,
 * Compare, Sweep, landscape) holding what was done and the result at that moment (time, the sheet
 * with a hyperlink to it, model, optimizer, learning rate, epochs, final √SSE, where it diverged, what was
 * done). Rows are never rewritten, so sorting or filtering the log is harmless. New sheets go just
 * before Runs. GradSheet only writes to the Runs log it made, found by its mark; a learner's own
 * "Runs" is left alone.
 */
import { uniqueSheetName } from "../sheet/address";
import { STYLES } from "../sheet/styles";
import type { RunLogRow } from "../sheet";
import { identify, queueEvidence } from "./identity";
import { queueProperty, type RunIndex, type RunRecord } from "./meta";

/** Index key of the Runs log record (its `sheet` holds the actual sheet name). */
export const RUNS_SHEET = "#runs";

/** A Runs-log row as the writer takes it (the sheet layer's shape; `change` may be left out). */
export type RunsRow = Omit<RunLogRow, "change"> & { change?: string };

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

/** Where a new run sheet goes: the Runs log's position (pushing it after), or undefined when there is none. */
export function runsPosition(
  names: readonly string[],
  log: string | undefined
): number | undefined {
  const at = log ? names.findIndex((n) => n.toLowerCase() === log.toLowerCase()) : -1;
  return at < 0 ? undefined : at;
}

/** The Runs log GradSheet made, found by its mark, and the first row after everything on it. */
export interface LogTarget {
  name: string;
  nextRow: number;
}

/**
 * Find GradSheet's Runs log: the index's log record, accepted only when its sheet carries the
 * log's mark (./identity), so a learner's own sheet called "Runs" is never taken for it. One sync.
 */
export async function findLog(
  context: Excel.RequestContext,
  existing: readonly string[],
  index: RunIndex,
  props: boolean,
  sync: () => Promise<void>
): Promise<LogTarget | null> {
  const rec = index[RUNS_SHEET];
  const name = rec && existing.find((n) => n.toLowerCase() === rec.sheet.toLowerCase());
  if (!rec || !name) return null;
  const ws = context.workbook.worksheets.getItem(name);
  const ev = queueEvidence(context, ws, props);
  const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
  await sync();
  if (!identify({ [RUNS_SHEET]: rec }, ev())) return null;
  return { name, nextRow: used.isNullObject ? 1 : Math.max(1, used.rowIndex + used.rowCount) };
}

/** A hyperlink to a sheet's A1 (Range.hyperlink, ExcelApi 1.7): the cell keeps the sheet's name as its text. */
export function sheetLink(sheet: string): Excel.RangeHyperlink {
  return { documentReference: `'${sheet.replace(/'/g, "''")}'!A1`, textToDisplay: sheet };
}

/**
 * Queue appending one row of `cells` (with their number formats) to the Runs log `log`, or to a
 * new log with its header when GradSheet has none (a learner's own "Runs" keeps its name: the new
 * log gets a unique one). Rows are only ever appended, never rewritten, so a learner's sort or
 * filter of the log is harmless. Returns the log's record for the index.
 */
export function queueLogRow(
  context: Excel.RequestContext,
  names: readonly string[],
  log: LogTarget | null,
  cells: (string | number)[],
  formats: string[],
  customProps: boolean,
  now: Date,
  created?: string
): RunRecord {
  const sheets = context.workbook.worksheets;
  let sheet: Excel.Worksheet;
  let name: string;
  let at: number;
  if (log) {
    ({ name } = log);
    sheet = sheets.getItem(name);
    at = log.nextRow;
  } else {
    name = uniqueSheetName("Runs", [...names]);
    sheet = sheets.add(name);
    at = 1;
    const header = sheet.getRangeByIndexes(0, 0, 1, RUNS_HEADER.length);
    header.values = [RUNS_HEADER];
    header.format.font.bold = true;
    header.format.fill.color = `#${STYLES.header.fill}`;
    sheet.getRangeByIndexes(0, 0, 1, RUNS_HEADER.length).format.columnWidth = 80;
    // No frozen header: freezing a sheet that is not active activates it (office-js #3148).
  }
  const range = sheet.getRangeByIndexes(at, 0, 1, cells.length);
  // Format before value: an ISO time written into a General cell is stored as a date serial.
  range.numberFormat = [formats];
  range.values = [cells];
  // the Sheet column links to the sheet it names (its text stays the name: sortable, filterable)
  const named = typeof cells[1] === "string" ? cells[1].replace(/^'/, "") : "";
  if (named) sheet.getRangeByIndexes(at, 1, 1, 1).hyperlink = sheetLink(named);
  const record: RunRecord = {
    app: "GradSheet",
    role: "runs",
    sheet: name,
    key: RUNS_SHEET,
    created: log ? (created ?? now.toISOString()) : now.toISOString(),
  };
  if (customProps) queueProperty(sheet, record);
  return record;
}

/** The number formats of a run row's cells, in header order. */
export const RUN_ROW_FORMATS = [
  "@",
  "General",
  "General",
  "General",
  "General",
  "0",
  "0.0000",
  "General",
  "General",
];

/** Queue appending a run's row (see queueLogRow). */
export function queueRunsRow(
  context: Excel.RequestContext,
  names: readonly string[],
  log: LogTarget | null,
  index: RunIndex,
  row: RunsRow,
  customProps: boolean,
  now: Date
): RunRecord {
  return queueLogRow(
    context,
    names,
    log,
    runsCells(row, now),
    RUN_ROW_FORMATS,
    customProps,
    now,
    index[RUNS_SHEET]?.created
  );
}
