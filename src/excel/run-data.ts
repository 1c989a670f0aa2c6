/**
 * A run's data points kept apart from GradSheet's index: one custom XML part per run (namespace
 * `urn:gradsheet:data:1`), written once when the sheet is written, read only when the pane needs
 * the run's settings, deleted with the run's record. The index itself holds settings only, so
 * it stays a few hundred bytes per run however many data points a run has.
 */
import type { RunIndex, RunRecord } from "./meta";

export const DATA_NAMESPACE = "urn:gradsheet:data:1";

type Points = unknown[];

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The data part's XML for `points`. */
export function dataXml(points: Points): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><gradsheetData xmlns="${DATA_NAMESPACE}">${escapeXml(JSON.stringify(points))}</gradsheetData>`;
}

/** The points in a data part's XML, or undefined when it is not one. */
export function parseDataXml(xml: string): Points | undefined {
  const m = /<gradsheetData\b[^>]*>([\s\S]*)<\/gradsheetData>/.exec(xml);
  try {
    const v = JSON.parse(unescapeXml(m?.[1] ?? "")) as unknown;
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The record's inline data points (options.settings.data), if any. */
export function inlineData(record: RunRecord): Points | undefined {
  const data = (record.options?.settings as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data : undefined;
}

/** The record without its inline data points. */
export function withoutData(record: RunRecord): RunRecord {
  if (!inlineData(record)) return record;
  const settings = { ...(record.options!.settings as Record<string, unknown>) };
  delete settings.data;
  return { ...record, options: { ...record.options, settings } };
}

/** The record with `points` put back as its options' data. */
export function withData(record: RunRecord, points: Points | undefined): RunRecord {
  if (!points || !record.options) return record;
  const settings = {
    ...((record.options.settings as Record<string, unknown>) ?? {}),
    data: points,
  };
  return { ...record, options: { ...record.options, settings } };
}

/**
 * Queue adding a data part for every record of `index` that carries inline data points; call the
 * result after the sync for the index with those points moved out (each record keeps its part's id).
 */
export function queueDataParts(context: Excel.RequestContext, index: RunIndex): () => RunIndex {
  const added = Object.entries(index).flatMap(([key, r]) => {
    const points = inlineData(r);
    if (!points) return [];
    return [{ key, part: context.workbook.customXmlParts.add(dataXml(points)).load("id") }];
  });
  return () => {
    const out: RunIndex = { ...index };
    for (const { key, part } of added) out[key] = { ...withoutData(out[key]), dataPart: part.id };
    return out;
  };
}

/** Queue deleting the data parts of records leaving the index. */
export function queueDropData(context: Excel.RequestContext, records: RunRecord[]): void {
  for (const r of records)
    if (r.dataPart) context.workbook.customXmlParts.getItem(r.dataPart).delete();
}

/** The record with its data points read back from its part (one sync), or as it is without one. */
export async function loadData(
  context: Excel.RequestContext,
  record: RunRecord,
  sync: () => Promise<void>
): Promise<RunRecord> {
  if (!record.dataPart || inlineData(record)) return record;
  const xml = context.workbook.customXmlParts.getItem(record.dataPart).getXml();
  try {
    await sync();
  } catch {
    return record; // the part is gone: the settings are all there is
  }
  // getXml() answers a ClientResult, which has no load()
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  return withData(record, parseDataXml(xml.value));
}

/** Best effort: delete data parts no record of `index` names (left by a write that failed part way). */
export async function removeOrphanData(
  context: Excel.RequestContext,
  index: RunIndex,
  sync: () => Promise<void>
): Promise<void> {
  try {
    const parts = context.workbook.customXmlParts.getByNamespace(DATA_NAMESPACE).load("items/id");
    await sync();
    const kept = new Set(Object.values(index).map((r) => r.dataPart));
    for (const p of parts.items) if (!kept.has(p.id)) p.delete();
    await sync();
  } catch {
    /* the original error is the one to report */
  }
}
