/**
 * How GradSheet recognises its sheets: by a mark each sheet carries, never by its name alone.
 * - ExcelApi 1.12+: the worksheet custom property `GradSheet` (it travels with the sheet, renamed or not);
 * - below that, or for a workbook written by `gradsheet export`: a run's `LearningRate` name (scoped
 *   to the sheet, or workbook-wide on the run's sheet), the Runs log's header row, and the
 *   worksheet id stored when the add-in wrote the sheet.
 * A sheet that merely has the name of one GradSheet wrote (the learner renamed the run and made a
 * sheet under the old name, or deleted the Runs log and made their own "Runs") is the learner's.
 */
import { PROPERTY_KEY, parseRecord, type RunIndex, type RunRecord } from "./meta";

/** What a sheet shows about itself, read in one sync. */
export interface SheetEvidence {
  name: string;
  id: string;
  /** The `GradSheet` custom property's value (ExcelApi 1.12), or null. */
  marker: unknown;
  /** The sheet has a `LearningRate` name (its own, or the workbook's pointing at it). */
  lrName: boolean;
  /** The first cells of row 1 (the Runs log's header). */
  header: unknown[];
}

/** The Runs log's first header cells, by which a log without its custom property is recognised. */
export const RUNS_HEADER_MARK = ["Time", "Sheet"];

/** Queue reading `ws`'s evidence; call the result after the sync. */
export function queueEvidence(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  props: boolean
): () => SheetEvidence {
  ws.load("name,id");
  const prop = props ? ws.customProperties.getItemOrNullObject(PROPERTY_KEY).load("value") : null;
  const own = ws.names.getItemOrNullObject("LearningRate").load("name");
  const global = context.workbook.names
    .getItemOrNullObject("LearningRate")
    .getRangeOrNullObject()
    .load("address");
  // getRange (ExcelApi 1.1), not getRangeByIndexes (1.7): status reads this on every Excel
  const header = ws.getRange("A1:B1").load("values");
  return () => ({
    name: ws.name,
    id: ws.id,
    marker: prop && !prop.isNullObject ? prop.value : null,
    lrName: !own.isNullObject || (!global.isNullObject && sheetOf(global.address) === ws.name),
    header: header.values[0],
  });
}

/** The sheet of an address such as "'Run 1'!B2" or "Data!A1". */
export const sheetOf = (address: string): string =>
  address
    .slice(0, address.lastIndexOf("!"))
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether the sheet carries the mark of a GradSheet sheet of `record`'s role. */
function carriesMark(record: RunRecord, ev: SheetEvidence, marked: boolean): boolean {
  if (marked) return true;
  if (record.sheetId && record.sheetId === ev.id && record.role !== "run") return true;
  if (record.role === "run")
    return ev.lrName && (!record.sheetId || record.sheetId === ev.id || !ev.id);
  if (record.role === "runs")
    return RUNS_HEADER_MARK.every((h, i) => String(ev.header[i] ?? "") === h);
  // an experiment sheet of an exported file: no id was stored, its name and the index are all there is
  return !record.sheetId;
}

/**
 * The record of the sheet `ev` describes, or null when the sheet is not GradSheet's: found through
 * its marker's key (a renamed sheet), its stored worksheet id, or else its name, and accepted
 * only when the sheet carries its mark.
 */
export function identify(
  index: RunIndex,
  ev: SheetEvidence
): { key: string; record: RunRecord } | null {
  const m = parseRecord(ev.marker);
  const entries = Object.entries(index);
  const hit =
    (m?.key && index[m.key] ? ([m.key, index[m.key]] as const) : undefined) ??
    (m && index[m.sheet] ? ([m.sheet, index[m.sheet]] as const) : undefined) ??
    entries.find(([, r]) => r.sheetId && ev.id && r.sheetId === ev.id) ??
    entries.find(
      ([, r]) => same(r.sheet, ev.name) && (!r.sheetId || !ev.id || r.sheetId === ev.id)
    );
  if (!hit) return null;
  const [key, record] = hit;
  if (!carriesMark(record, ev, m !== null)) return null;
  return { key, record: { ...record, sheet: ev.name } };
}

/**
 * The index without records of sheets that no longer exist, each record's `sheet` set to its
 * sheet's current name (found by its stored id; records without an id are kept while a sheet of
 * their name exists). Returns the index and the keys dropped.
 */
export function pruneIndex(
  index: RunIndex,
  sheets: readonly { name: string; id?: string }[]
): { index: RunIndex; dropped: string[] } {
  const out: RunIndex = {};
  const dropped: string[] = [];
  for (const [key, r] of Object.entries(index)) {
    const byId = r.sheetId ? sheets.find((s) => s.id === r.sheetId) : undefined;
    const byName = sheets.find((s) => same(s.name, r.sheet));
    if (byId) out[key] = { ...r, sheet: byId.name };
    else if (byName && (!r.sheetId || !byName.id)) out[key] = r;
    else dropped.push(key);
  }
  return { index: out, dropped };
}
