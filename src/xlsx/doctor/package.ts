/**
 * An .xlsx/.xlsm package → the doctor's WorkbookModel: which charts sit on which sheets, the
 * cells their series reference (shared strings, numbers, booleans; errors as gaps), and the
 * workbook's calculation mode. Keeps the parsed chart parts for the fix.
 */
import { parseRef, type SheetContext, type WorkbookModel } from "../../doctor";
import { readChart, type ChartHandles, type PointBudget } from "./chart-read";
import { scanSheet } from "./sheet-scan";
import { attr, descendants, kid, kids, parseXml, textOf, XmlError, type XmlDocument } from "./xml";
import { damaged, shown } from "./limits";
import { DoctorInputError, entryData, readZip, type ZipArchive } from "./zip";

/** A chart found in the package: its part name and the XML handles behind its model. */
export interface ChartPart {
  part: string;
  handles: ChartHandles;
}

export interface WorkbookPackage {
  zip: ZipArchive;
  model: WorkbookModel;
  charts: ChartPart[];
}

/** Rows read above a chart's data, to find headers. */
const HEADER_ROWS = 3;

/** Read a workbook's bytes. Throws DoctorInputError for files that are not readable workbooks. */
export function readWorkbookPackage(bytes: Uint8Array): WorkbookPackage {
  const zip = readZip(bytes);
  // OPC part names compare without regard to case ("Sheet1.xml" is "sheet1.xml").
  const byName = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e]));
  const entryName = (name: string): string => byName.get(name.toLowerCase())?.name ?? name;
  const text = (name: string): string | undefined => {
    const e = byName.get(name.toLowerCase());
    return e ? new TextDecoder().decode(entryData(zip, e)) : undefined;
  };
  const xml = (name: string): XmlDocument | undefined => partXml(text(name), name);
  const relsOf = (part: string): string => {
    const slash = part.lastIndexOf("/");
    return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  };
  /** A part a relationship of `from` names: refused, naming both, when the zip lacks it. */
  const named = (target: string, from: string): string => {
    if (!byName.has(target.toLowerCase()))
      throw damaged(relsOf(from), `it names the part ${target}, which the file does not hold`);
    return entryName(target);
  };
  const rels = (part: string): Map<string, { type: string; target: string }> => {
    const doc = xml(relsOf(part));
    const out = new Map<string, { type: string; target: string }>();
    if (!doc) return out;
    for (const r of kids(doc.root, "Relationship")) {
      if (attr(r, "TargetMode") === "External") continue;
      out.set(attr(r, "Id") ?? "", {
        type: attr(r, "Type") ?? "",
        target: resolve(part, attr(r, "Target") ?? ""),
      });
    }
    return out;
  };

  const root = [...rels("").values()].find((r) => r.type.endsWith("/officeDocument"));
  const notExcel = (why: string): DoctorInputError =>
    new DoctorInputError(`the file is a zip but not an Excel workbook (${why})`);
  if (!root && !byName.has("xl/workbook.xml")) throw notExcel("it has no workbook part");
  const wbPart = root ? named(root.target, "") : entryName("xl/workbook.xml");
  const workbook = xml(wbPart);
  if (!workbook || workbook.root.q !== "workbook")
    throw notExcel(
      `its main part ${wbPart} is ${workbook ? `<${workbook.root.name}>` : "missing"}, not a SpreadsheetML workbook`
    );
  const calc = attr(kid(workbook.root, "calcPr"), "calcMode");
  const calcMode: WorkbookModel["calcMode"] =
    calc === "manual" ? "manual" : calc === "autoNoTable" ? "semiautomatic" : "automatic";
  const wbRels = rels(wbPart);
  const sheets = kids(kid(workbook.root, "sheets") ?? workbook.root, "sheet").map((s) => {
    const id = attr(s, "r:id") ?? "";
    const rel = wbRels.get(id);
    if (!rel)
      throw damaged(wbPart, `sheet ${shown(attr(s, "name"))} has no relationship ${shown(id)}`);
    return { name: attr(s, "name") ?? "", part: named(rel.target, wbPart) };
  });

  const charts: ChartPart[] = [];
  const budget: PointBudget = { points: 0 };
  const modelCharts: WorkbookModel["charts"] = [];
  for (const sheet of sheets) {
    if (!sheet.part) continue;
    for (const drawing of [...rels(sheet.part).values()].filter((r) =>
      r.type.endsWith("/drawing")
    )) {
      const d = xml(named(drawing.target, sheet.part));
      if (!d) continue;
      const dRels = rels(drawing.target);
      const seen = new Set<string>();
      for (const frame of descendants(d.root, "xdr:graphicFrame")) {
        const name = attr(descendants(frame, "xdr:cNvPr")[0], "name");
        const rid = attr(descendants(frame, "c:chart")[0], "r:id");
        const target = rid ? dRels.get(rid)?.target : undefined;
        if (!target) continue;
        const part = named(target, drawing.target);
        if (seen.has(part.toLowerCase())) continue;
        seen.add(part.toLowerCase());
        const doc = xml(part);
        if (!doc) continue;
        const read = readChart(doc, part, {
          ...(name ? { name } : {}),
          sheet: sheet.name,
          budget,
        });
        if (!read) continue;
        charts.push({ part, handles: read.handles });
        modelCharts.push(read.model);
      }
    }
  }

  const sst = [...wbRels.values()].find((r) => r.type.endsWith("/sharedStrings"));
  const strings = sst ? sharedStrings(xml(named(sst.target, wbPart))) : [];
  const contexts: SheetContext[] = [];
  for (const [sheetName, rows] of neededRows(modelCharts)) {
    const sheet = sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    const sheetXml = sheet?.part ? text(sheet.part) : undefined;
    if (!sheet || sheetXml === undefined) continue;
    contexts.push(scanSheet(sheet.name, entryName(sheet.part), sheetXml, strings, rows));
  }
  return { zip, model: { charts: modelCharts, sheets: contexts, calcMode }, charts };
}

/** A part's XML from its text (none stays none); XML that does not parse is the workbook damaged. */
export function partXml(text: string | undefined, part: string): XmlDocument | undefined {
  if (text === undefined) return undefined;
  try {
    return parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw damaged(part, err.message);
    throw err;
  }
}

/**
 * Resolve a relationship target against the part that holds it ("" is the package root): absolute
 * ("/xl/charts/chart1.xml") or relative ("../charts/chart1.xml", "./x.xml"), percent-encoded as
 * part names are ("sheet%201.xml").
 */
export function resolve(from: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    /* not percent-encoded after all */
  }
  const parts = t.startsWith("/") ? [] : from.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The rows of each sheet the charts reference (with a few header rows above). */
function neededRows(charts: WorkbookModel["charts"]): Map<string, { top: number; bottom: number }> {
  const out = new Map<string, { top: number; bottom: number }>();
  for (const c of charts)
    for (const s of c.series)
      for (const src of [s.x, s.y, s.nameSource]) {
        if (src.kind !== "ref") continue;
        const r = parseRef(src.ref);
        if (!r) continue;
        const key = r.sheet;
        const cur = out.get(key);
        const top = Math.max(0, r.row - HEADER_ROWS);
        const bottom = r.row + r.rows - 1;
        out.set(
          key,
          cur
            ? { top: Math.min(cur.top, top), bottom: Math.max(cur.bottom, bottom) }
            : { top, bottom }
        );
      }
  return out;
}

function sharedStrings(doc: XmlDocument | undefined): string[] {
  if (!doc) return [];
  return kids(doc.root, "si").map((si) => {
    const t = kid(si, "t");
    if (t) return textOf(t);
    return kids(si, "r")
      .map((r) => textOf(kid(r, "t")))
      .join("");
  });
}
