/**
 * The run records GradSheet keeps in the workbook so it recognises its sheets after save and
 * reopen: the custom XML part `urn:gradsheet:meta:1` (ExcelApi 1.5; the same part `gradsheet
 * export` writes, so an exported file is recognised too), holding settings only (a run's data
 * points live in their own part, ./run-data), and a worksheet custom property per sheet (ExcelApi
 * 1.12, travels with the sheet; see ./identity for how a sheet is recognised). The Workbook
 * setting of older versions is read, never written again: settings have been lost by Office
 * (office-js #360, #2940, #5206, #6091), and writing the index twice doubled its bytes.
 */
import type { StoredCheck } from "../sheet/check-sample";

/** What the add-in stores about a sheet it wrote. Plain JSON. */
export interface RunRecord {
  app: "GradSheet";
  /** "run": a training sheet; "runs": the Runs log; "experiment": a Compare or Sweep sheet (values and cross-sheet formulas, no inputs). */
  role: "run" | "runs" | "experiment";
  sheet: string;
  created: string;
  /** The record's key in the index, also in the sheet's marker (so a renamed sheet finds it). */
  key?: string;
  /** The worksheet's id when the add-in wrote it. */
  sheetId?: string;
  /** The id of the custom XML part holding the run's data points (./run-data). */
  dataPart?: string;
  /** The form's run options (input of resolveConfig), so the run can be recomputed. */
  options?: Record<string, unknown>;
  /** Where the LearningRate input cell is (0-based). */
  lrCell?: { row: number; col: number };
  /**
   * Experiment sheets: the core's values at a sample of their formula cells, [row, col, value]
   * (0-based), so Check this sheet can compare what Excel calculates there without recomputing.
   */
  check?: StoredCheck;
}

export type { StoredCheck };

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

/** Namespace of GradSheet's custom XML part (the same as src/xlsx's META_NAMESPACE). */
export const META_NAMESPACE = "urn:gradsheet:meta:1";

/** The queued reads of the index: the setting and the custom XML parts in GradSheet's namespace. */
export interface IndexHandle {
  setting: Excel.Setting;
  parts: Excel.CustomXmlPartScopedCollection;
}

/** Queue loading the index (setting and XML parts); read it after the sync with `indexOf`. */
export function loadIndex(context: Excel.RequestContext): IndexHandle {
  const setting = context.workbook.settings.getItemOrNullObject(INDEX_SETTING).load("value");
  const parts = context.workbook.customXmlParts.getByNamespace(META_NAMESPACE).load("items/id");
  return { setting, parts };
}

/** One sheet in the XML part: an exported file's `{name, meta}`, plus the add-in's record fields. */
interface PartEntry {
  name: string;
  key?: string;
  meta?: Record<string, unknown>;
  role?: RunRecord["role"];
  created?: string;
  lrCell?: RunRecord["lrCell"];
  check?: StoredCheck;
  sheetId?: string;
  dataPart?: string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The index in a part's XML (`<gradsheet xmlns="urn:gradsheet:meta:1">{json}</gradsheet>`), or {} when it is not one. */
export function parsePart(xml: string): RunIndex {
  const m = /<gradsheet\b[^>]*>([\s\S]*)<\/gradsheet>/.exec(xml);
  const out: RunIndex = {};
  try {
    const doc = JSON.parse(unescapeXml(m?.[1] ?? "")) as { sheets?: PartEntry[] };
    for (const e of doc.sheets ?? []) {
      if (typeof e?.name !== "string") continue;
      const role = e.role ?? (e.meta?.kind === "run" ? "run" : "experiment");
      out[e.key ?? e.name] = {
        app: "GradSheet",
        role,
        sheet: e.name,
        created: e.created ?? "",
        options: e.meta,
        lrCell: e.lrCell,
        check: e.check,
        key: e.key,
        sheetId: e.sheetId,
        dataPart: e.dataPart,
      };
    }
  } catch {
    /* not GradSheet's JSON */
  }
  return out;
}

/** The part's XML for `index`, readable by `parsePart` and by the exported-file readers (`sheets[].name/meta`). */
export function partXml(index: RunIndex): string {
  const sheets: PartEntry[] = Object.entries(index).map(([key, r]) => ({
    name: r.sheet,
    key,
    meta: r.options,
    role: r.role,
    created: r.created,
    lrCell: r.lrCell,
    check: r.check,
    sheetId: r.sheetId,
    dataPart: r.dataPart,
  }));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><gradsheet xmlns="${META_NAMESPACE}">${escapeXml(JSON.stringify({ format: 1, sheets }))}</gradsheet>`;
}

/**
 * The index after the load's sync: the XML part's records (one more sync to fetch its text when
 * there is a part), filled in from the setting.
 */
export async function indexOf(handle: IndexHandle, sync: () => Promise<void>): Promise<RunIndex> {
  const fromSetting = handle.setting.isNullObject ? {} : parseIndex(handle.setting.value);
  if (!handle.parts.items.length) return fromSetting;
  const xml = handle.parts.items[0].getXml();
  await sync();
  // getXml() answers a ClientResult, which has no load(); `sync` is the caller's context.sync().
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  return { ...fromSetting, ...parsePart(xml.value) };
}

/**
 * Queue storing `index` as the XML part (replacing GradSheet's old one); the setting of older
 * versions is removed. Records should carry no data points (./run-data moves them out first).
 */
export function queueIndex(
  context: Excel.RequestContext,
  index: RunIndex,
  handle: IndexHandle
): void {
  for (const p of handle.parts.items) p.delete();
  context.workbook.customXmlParts.add(partXml(index));
  if (!handle.setting.isNullObject) handle.setting.delete();
}

/** Bytes of the index part for `index` (counted in the request byte budget). */
export const indexBytes = (index: RunIndex): number =>
  new TextEncoder().encode(partXml(index)).length;

/**
 * The sheet's marker: who wrote it, its role and the name it was written under (so a renamed sheet
 * still finds its record in the index). Kept under 255 characters, the custom-property value
 * limit on some platforms; the run's settings live in the index.
 */
export function markerOf(record: RunRecord): string {
  const marker = JSON.stringify({
    app: record.app,
    role: record.role,
    sheet: record.sheet,
    key: record.key,
    created: record.created,
  });
  return marker.length <= 255
    ? marker
    : JSON.stringify({
        app: record.app,
        role: record.role,
        sheet: "",
        key: record.key?.slice(0, 120),
      });
}

export function queueProperty(sheet: Excel.Worksheet, record: RunRecord): void {
  sheet.customProperties.add(PROPERTY_KEY, markerOf(record));
}
