/**
 * The run records GradSheet keeps in the workbook so it recognises its sheets after save and
 * reopen: a worksheet custom property per sheet (ExcelApi 1.12, travels with the sheet) and, on
 * every Excel, one Workbook setting (ExcelApi 1.4) indexing the records by sheet name.
 */

/** What the add-in stores about a sheet it wrote. Plain JSON. */
export interface RunRecord {
  app: "GradSheet";
  /** "run": a training sheet; "runs": the Runs log; "experiment": a Compare or Sweep sheet (values and cross-sheet formulas, no inputs). */
  role: "run" | "runs" | "experiment";
  sheet: string;
  created: string;
  /** The form's run options (input of resolveConfig), so the run can be recomputed. */
  options?: Record<string, unknown>;
  /** Where the LearningRate input cell is (0-based). */
  lrCell?: { row: number; col: number };
  /** Rows written so far (Runs log only). */
  rows?: number;
  /** The log row of each run sheet (Runs log only), so Apply and Rebuild rewrite it. */
  rowOf?: Record<string, number>;
}

/** Key of the worksheet custom property. */
export const PROPERTY_KEY = "GradSheet";
/** Key of the Workbook setting: { [sheetName]: RunRecord }. */
export const INDEX_SETTING = "GradSheet.index";

export type RunIndex = Record<string, RunRecord>;

/** A stored record, or null when the value is not GradSheet's. */
export function parseRecord(raw: unknown): RunRecord | null {
  try {
    const v = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    if (v && typeof v === "object" && (v as RunRecord).app === "GradSheet") return v as RunRecord;
  } catch {
    /* not JSON: not ours */
  }
  return null;
}

/** The index setting's value, or an empty index. */
export function parseIndex(raw: unknown): RunIndex {
  const out: RunIndex = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const r = parseRecord(v);
      if (r) out[k] = r;
    }
  }
  return out;
}

/** Queue loading the index (one setting). Read `.value` after the sync through `parseIndex`. */
export function loadIndex(context: Excel.RequestContext): Excel.Setting {
  return context.workbook.settings.getItemOrNullObject(INDEX_SETTING).load("value");
}

export function indexOf(setting: Excel.Setting): RunIndex {
  return setting.isNullObject ? {} : parseIndex(setting.value);
}

/** Queue storing `index` and, where supported, each changed sheet's custom property. */
export function queueIndex(context: Excel.RequestContext, index: RunIndex): void {
  context.workbook.settings.add(INDEX_SETTING, index);
}

/**
 * The sheet's marker: who wrote it, its role and the name it was written under (so a renamed sheet
 * still finds its record in the index). Kept under 255 characters, the custom-property value
 * limit on some platforms; the run's settings live in the index.
 */
export function markerOf(record: RunRecord): string {
  const marker = JSON.stringify({ app: record.app, role: record.role, sheet: record.sheet, created: record.created });
  return marker.length <= 255 ? marker : JSON.stringify({ app: record.app, role: record.role, sheet: record.sheet.slice(0, 31) });
}

export function queueProperty(sheet: Excel.Worksheet, record: RunRecord): void {
  sheet.customProperties.add(PROPERTY_KEY, markerOf(record));
}

/** The record of a sheet: by its name in the index, else through its marker's original name (renamed sheet). */
export function recordFor(index: RunIndex, sheetName: string, marker: unknown): { key: string; record: RunRecord } | null {
  if (index[sheetName]) return { key: sheetName, record: index[sheetName] };
  const m = parseRecord(marker);
  if (m && index[m.sheet] && !index[m.sheet].sheet.startsWith("#")) return { key: m.sheet, record: { ...index[m.sheet], sheet: sheetName } };
  return null;
}
