/**
 * Cell values of the GradSheet sheets in a saved workbook, as its last save calculated them (the
 * cached `<v>` of every cell), with no spreadsheet engine. GradSheet's record (the custom XML part
 * `urn:gradsheet:meta:1`) says which sheets are GradSheet's; only those sheets are read. A sheet's
 * XML is scanned cell by cell, never built into a tree, and parts above fixed sizes are refused,
 * so a damaged, hostile or huge file costs bounded time and memory.
 */
import { parseCellA1 } from "../../sheet/address";
import { partXml, resolve } from "../doctor/package";
import { attr, decode, kid, kids } from "../doctor/xml";
import {
  DoctorInputError,
  entryData,
  readZip,
  type ZipArchive,
  type ZipEntry,
} from "../doctor/zip";

/** A saved cell: a number, text, a boolean, an error ("#NUM!") or null when it holds nothing. */
export type SavedValue = number | string | boolean | { error: string } | null;

/** Largest sheet XML read (uncompressed), and largest of any other part. */
export const READ_LIMITS = { sheetBytes: 256 * 1024 * 1024, partBytes: 32 * 1024 * 1024 };

/** One GradSheet sheet as saved: its record and its cells. */
export interface SavedSheet {
  /** The sheet's name in the file. */
  name: string;
  /** The sheet's record (SheetPlan.meta as GradSheet wrote it). */
  meta: Record<string, unknown>;
  /** A stored check sample (experiment sheets), [row, col, value] 0-based. */
  check?: unknown;
  /** The value at (row, col), 0-based; null when the cell is empty or absent. */
  value(row: number, col: number): SavedValue;
  /** True when the cell holds a formula. */
  hasFormula(row: number, col: number): boolean;
  /** Formula cells saved without a calculated value. */
  uncalculated: number;
  /** Formula cells in all. */
  formulas: number;
  /** The last row (0-based) holding a cell; -1 for an empty sheet. */
  lastRow: number;
}

export interface SavedBook {
  sheets: SavedSheet[];
  /** Records naming sheets that the file no longer has (renamed or deleted). */
  missing: string[];
}

/** The file's GradSheet sheets. Throws DoctorInputError (one sentence) for an unreadable file or one GradSheet did not write. */
export function readSavedBook(bytes: Uint8Array): SavedBook {
  const zip = readZip(bytes);
  const byName = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e]));
  const text = (name: string, limit = READ_LIMITS.partBytes): string | undefined => {
    const e = byName.get(name.toLowerCase());
    return e ? partText(zip, e, limit) : undefined;
  };
  const records = zip.entries
    .filter((e) => /^customxml\/item\d*\.xml$/i.test(e.name))
    .map((e) => recordOf(partText(zip, e, READ_LIMITS.partBytes)))
    .filter((r): r is Record<string, unknown> => r !== undefined);
  const listed = records.flatMap((r) => (Array.isArray(r.sheets) ? r.sheets : []));
  if (!listed.length)
    throw new DoctorInputError("it has no GradSheet sheet (no GradSheet record in the file)");

  const rels = (part: string): Map<string, string> => {
    const slash = part.lastIndexOf("/");
    const doc = partXml(
      text(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`),
      part
    );
    const out = new Map<string, string>();
    for (const r of doc ? kids(doc.root, "Relationship") : [])
      if (attr(r, "TargetMode") !== "External")
        out.set(attr(r, "Id") ?? "", resolve(part, attr(r, "Target") ?? ""));
    return out;
  };
  const rootRels = partXml(text("_rels/.rels"), "_rels/.rels");
  const office = rootRels
    ? kids(rootRels.root, "Relationship").find((r) =>
        (attr(r, "Type") ?? "").endsWith("/officeDocument")
      )
    : undefined;
  const wbPart = office ? resolve("", attr(office, "Target") ?? "") : "xl/workbook.xml";
  const workbook = partXml(text(wbPart), wbPart);
  if (!workbook)
    throw new DoctorInputError("it is a zip but not an Excel workbook (it has no workbook part)");
  const wbRels = rels(wbPart);
  const parts = new Map<string, string>();
  for (const s of kids(kid(workbook.root, "sheets") ?? workbook.root, "sheet"))
    parts.set((attr(s, "name") ?? "").toLowerCase(), wbRels.get(attr(s, "r:id") ?? "") ?? "");
  const sstPart = [...wbRels.values()].find((p) => /sharedstrings\d*\.xml$/i.test(p));
  let strings: string[] | undefined;

  const sheets: SavedSheet[] = [];
  const missing: string[] = [];
  for (const item of listed as { name?: unknown; meta?: unknown; check?: unknown }[]) {
    const name = typeof item.name === "string" ? item.name : "";
    const part = parts.get(name.toLowerCase());
    const xml = part ? text(part, READ_LIMITS.sheetBytes) : undefined;
    if (xml === undefined || typeof item.meta !== "object" || item.meta === null) {
      missing.push(name);
      continue;
    }
    strings ??= sstPart ? sharedStrings(text(sstPart) ?? "") : [];
    sheets.push({
      ...scanSheet(xml, strings),
      name,
      meta: item.meta as Record<string, unknown>,
      check: item.check,
    });
  }
  return { sheets, missing };
}

/** A part's text, refusing one above `limit` bytes before it is inflated. */
function partText(zip: ZipArchive, e: ZipEntry, limit: number): string {
  if (e.size > limit)
    throw new DoctorInputError(
      `its part ${e.name} is ${Math.round(e.size / 1048576)} MB, more than GradSheet reads (${Math.round(limit / 1048576)} MB)`
    );
  return new TextDecoder().decode(entryData(zip, e));
}

/** The JSON of a GradSheet record part, or undefined for any other custom XML part. */
function recordOf(xml: string): Record<string, unknown> | undefined {
  const m = /<gradsheet\b[^>]*xmlns="urn:gradsheet:meta:1"[^>]*>([\s\S]*)<\/gradsheet>/.exec(xml);
  if (!m) return undefined;
  try {
    const v: unknown = JSON.parse(decode(m[1]));
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    throw new DoctorInputError("its GradSheet record is damaged (not JSON)");
  }
}

/** The shared strings, scanned: the text of each `<si>` (its `<t>` runs joined). */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let m = si.exec(xml); m; m = si.exec(xml)) out.push(runText(m[1] ?? ""));
  return out;
}

function runText(inner: string): string {
  let s = "";
  const t = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = t.exec(inner); m; m = t.exec(inner)) s += decode(m[1]);
  return s;
}

/** Width of the key space of one row: Excel's 16,384 columns. */
const COLS = 16384;

/** Scan a sheet's XML for its cells: values by (row, col), formula cells marked. */
function scanSheet(xml: string, strings: string[]): Omit<SavedSheet, "name" | "meta" | "check"> {
  const values = new Map<number, SavedValue>();
  const formulaCells = new Set<number>();
  let uncalculated = 0;
  let lastRow = -1;
  const re = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let row = -1;
  let col = -1;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] !== undefined) {
      const r = /\br="(\d+)"/.exec(m[1]);
      row = r ? Number(r[1]) - 1 : row + 1;
      col = -1;
      continue;
    }
    const attrs = m[2] ?? "";
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs);
    const at = ref ? parseCellA1(ref[1]) : null;
    if (at) {
      row = at.row;
      col = at.col;
    } else col++;
    if (row < 0 || col < 0 || col >= COLS) continue;
    const key = row * COLS + col;
    lastRow = Math.max(lastRow, row);
    const inner = m[3] ?? "";
    const isFormula = inner.includes("<f");
    if (isFormula) formulaCells.add(key);
    const v = cellValue(/\bt="(\w+)"/.exec(attrs)?.[1] ?? "n", inner, strings);
    if (v !== null) values.set(key, v);
    else if (isFormula && !/<v>/.test(inner)) uncalculated++;
  }
  return {
    value: (r, c) => values.get(r * COLS + c) ?? null,
    hasFormula: (r, c) => formulaCells.has(r * COLS + c),
    uncalculated,
    formulas: formulaCells.size,
    lastRow,
  };
}

function cellValue(t: string, inner: string, strings: string[]): SavedValue {
  if (t === "inlineStr") return runText(inner);
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner);
  if (!v) return null;
  const raw = decode(v[1]);
  switch (t) {
    case "s":
      return strings[Number(raw)] ?? null;
    case "str":
      return raw;
    case "b":
      return raw === "1" || raw === "true";
    case "e":
      return { error: raw };
    default: {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) ? n : null;
    }
  }
}
