/**
 * Queued reads of a run sheet's own cells for the gateway: its GradSheet marker, its LearningRate
 * cell, and whether a cell still holds what the add-in wrote.
 */
import { identify, queueEvidence, sheetOf } from "./identity";
import { indexOf, loadIndex, PROPERTY_KEY } from "./meta";

const LEARNING_RATE = "LearningRate";

/**
 * Look `sheet` up: the workbook's sheets, GradSheet's index (its handle, to rewrite it) and the
 * sheet's record when the sheet carries GradSheet's mark (./identity). Two or three syncs.
 */
export async function lookUpSheet(
  context: Excel.RequestContext,
  sheet: string,
  props: boolean,
  sync: () => Promise<void>
) {
  const index = loadIndex(context);
  const sheets = context.workbook.worksheets.load("items/name,items/id");
  await sync();
  const names = sheets.items.map((s) => s.name);
  const exists = names.includes(sheet);
  const evidence = exists
    ? queueEvidence(context, context.workbook.worksheets.getItem(sheet), props)
    : null;
  if (exists) await sync();
  const all = await indexOf(index, sync);
  const list = sheets.items.map((s) => ({ name: s.name, id: s.id }));
  return { index, names, list, all, found: evidence ? identify(all, evidence()) : null };
}

/** Queue reading a sheet's GradSheet marker (ExcelApi 1.12); call the result after the sync. */
export function markerOf(sheet: Excel.Worksheet, enabled: boolean): () => unknown {
  if (!enabled) return () => null;
  const prop = sheet.customProperties.getItemOrNullObject(PROPERTY_KEY).load("value");
  return () => (prop.isNullObject ? null : prop.value);
}

/**
 * Queue loading the run's LearningRate cell through its defined name (sheet-scoped, or the
 * workbook's in an exported one-run file), which follows the cell wherever the learner's inserted
 * or deleted rows moved it; never a stored address. Call the result after the sync.
 */
export function learningRateCell(context: Excel.RequestContext, sheet: string) {
  const ws = context.workbook.worksheets.getItem(sheet);
  const named = ws.names.getItemOrNullObject(LEARNING_RATE).getRangeOrNullObject().load("values");
  // An exported one-run workbook defines the name at workbook scope.
  const global = context.workbook.names
    .getItemOrNullObject(LEARNING_RATE)
    .getRangeOrNullObject()
    .load("values, address");
  return (): Excel.Range | null =>
    !named.isNullObject
      ? named
      : !global.isNullObject && sheetOf(global.address) === sheet
        ? global
        : null;
}

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
