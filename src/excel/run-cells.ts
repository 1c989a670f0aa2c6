/**
 * Queued reads of a run sheet's own cells for the gateway: its GradSheet marker, its LearningRate
 * cell, and whether a cell still holds what the add-in wrote.
 */
import { indexOf, loadIndex, PROPERTY_KEY, recordFor, type RunRecord } from "./meta";

const LEARNING_RATE = "LearningRate";

/**
 * Look `sheet` up: the workbook's sheet names, GradSheet's index (its handle, to rewrite it) and
 * the sheet's record, found by name or through its marker (a renamed sheet). Two or three syncs.
 */
export async function lookUpSheet(
  context: Excel.RequestContext,
  sheet: string,
  props: boolean,
  sync: () => Promise<void>
) {
  const index = loadIndex(context);
  const sheets = context.workbook.worksheets.load("items/name");
  await sync();
  const names = sheets.items.map((s) => s.name);
  const exists = names.includes(sheet);
  const marker = exists ? markerOf(context.workbook.worksheets.getItem(sheet), props) : () => null;
  if (exists) await sync();
  const all = await indexOf(index, sync);
  return { index, names, all, found: exists ? recordFor(all, sheet, marker()) : null };
}

/** Queue reading a sheet's GradSheet marker (ExcelApi 1.12); call the result after the sync. */
export function markerOf(sheet: Excel.Worksheet, enabled: boolean): () => unknown {
  if (!enabled) return () => null;
  const prop = sheet.customProperties.getItemOrNullObject(PROPERTY_KEY).load("value");
  return () => (prop.isNullObject ? null : prop.value);
}

/**
 * Queue loading the run's LearningRate cell: its sheet-scoped name (which follows the cell if the
 * learner inserted rows) or else the stored position. Call the result after the sync.
 */
export function learningRateCell(context: Excel.RequestContext, sheet: string, record: RunRecord) {
  const ws = context.workbook.worksheets.getItem(sheet);
  const named = ws.names.getItemOrNullObject(LEARNING_RATE).getRangeOrNullObject().load("values");
  // An exported one-run workbook defines the name at workbook scope.
  const global = context.workbook.names
    .getItemOrNullObject(LEARNING_RATE)
    .getRangeOrNullObject()
    .load("values, address");
  const stored = record.lrCell
    ? ws.getRangeByIndexes(record.lrCell.row, record.lrCell.col, 1, 1).load("values")
    : null;
  return (): Excel.Range | null =>
    !named.isNullObject
      ? named
      : !global.isNullObject && sheetOf(global.address) === sheet
        ? global
        : stored;
}

/** The sheet of an address such as "'Run 1'!B2" or "Data!A1". */
const sheetOf = (address: string): string =>
  address
    .slice(0, address.lastIndexOf("!"))
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");

/** Whether a cell still holds what the add-in wrote (numbers to 1e-12, formulas ignoring case and spaces). */
export const same = (expected: unknown, actual: unknown): boolean => {
  if (typeof expected === "number" && typeof actual === "number")
    return Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected));
  const e = typeof expected === "string" && expected.startsWith("'") ? expected.slice(1) : expected;
  return (
    String(e ?? "")
      .replace(/\s+/g, "")
      .toUpperCase() ===
    String(actual ?? "")
      .replace(/\s+/g, "")
      .toUpperCase()
  );
};
