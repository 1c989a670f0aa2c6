/**
 * WorkbookPlan → .xlsx bytes: hand-written SpreadsheetML and DrawingML, zipped with fflate. No Node
 * APIs, so the task pane can offer "Download as .xlsx" with the same code the CLI uses.
 */
import { abs, quoteSheet, uniqueSheetName } from "../sheet/address";
import { renameSheetRefs } from "../sheet/formula-refs";
import type { SheetPlan, WorkbookPlan } from "../sheet/plan";
import { Archive, collect, type ChunkDeflate, type Crc32, type Level } from "./archive";
import { SharedStrings } from "./cells";
import { chartXml, drawingXml } from "./chart-xml";
import { commentsXml, notesOf, vmlXml } from "./comments-xml";
import {
  appXml,
  contentTypesXml,
  coreXml,
  customXml,
  metaItemPropsXml,
  metaItemXml,
  workbookXml,
  type DefinedName,
} from "./package-xml";
import { printAreaName, writeWorksheet } from "./sheet-xml";
import { buildStyles } from "./styles-xml";
import { themeXml } from "./theme-xml";
import { REL, relsXml } from "./xml";

export interface WriteOptions {
  /** Timestamp for docProps and zip entries (default: now); fix it for byte-identical output. */
  created?: Date;
  /**
   * DEFLATE level 0–9. Default 6 with a native `deflate`; 2 with fflate's, which at 2 writes a
   * step table about 1.5× as fast as at 6 for a file about 7% larger (bench/export.ts).
   */
  level?: Level;
  /** A native DEFLATE for each chunk (Node: `zlibDeflate` in src/cli/workbook-file); default fflate's. */
  deflate?: ChunkDeflate;
  /** A native CRC-32 for the zip entries (Node: zlib.crc32); default ./crc32's, in JavaScript. */
  crc32?: Crc32;
}

/** Final (sanitised, unique) sheet names, and a formula rewriter for the ones that changed. */
function nameSheets(sheets: SheetPlan[]): {
  names: string[];
  fixFormula: (f: string) => string;
  map: (n: string) => string;
} {
  const names: string[] = [];
  for (const s of sheets) names.push(uniqueSheetName(s.name, names));
  const renamed = sheets.map((s, i) => [s.name, names[i]] as const).filter(([a, b]) => a !== b);
  const map = (n: string): string => renamed.find(([a]) => a === n)?.[1] ?? n;
  const byOld = new Map<string, string>();
  for (const [a, b] of renamed) if (!byOld.has(a)) byOld.set(a, b);
  const fixFormula = (f: string): string => renameSheetRefs(f, byOld);
  return { names, fixFormula: renamed.length ? fixFormula : (f) => f, map };
}

// A defined name Excel accepts: letter, _ or \ first; no spaces; not a cell reference like "AB12" or "R1C1".
const NAME_OK = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*|[RrCc])$/;

function definedNames(plan: WorkbookPlan, fileNames: string[]): DefinedName[] {
  const seen = new Map<string, string>();
  const out: DefinedName[] = [];
  plan.sheets.forEach((s, i) => {
    for (const n of s.names) {
      if (!NAME_OK.test(n.name) || LOOKS_LIKE_CELL.test(n.name))
        throw new Error(`not a valid defined name: "${n.name}"`);
      const key = `${plan.namesScope === "sheet" ? i : ""}|${n.name.toLowerCase()}`;
      if (seen.has(key)) {
        throw new Error(
          `defined name ${n.name} is given twice (sheets "${seen.get(key)}" and "${s.name}"); several runs need namesScope "sheet"`
        );
      }
      seen.set(key, s.name);
      // Excel keeps at most 255 characters of a name's comment.
      out.push({
        name: n.name,
        ref: `${quoteSheet(fileNames[i])}!${abs(n.row, n.col)}`,
        comment: n.comment?.slice(0, 255),
        sheetIndex: plan.namesScope === "sheet" ? i : undefined,
      });
    }
    const printArea = printAreaName(s, fileNames[i], i);
    if (printArea) out.push(printArea);
  });
  return out;
}

/**
 * Write `plan` as an .xlsx file in memory: `writeWorkbookTo` with its output joined.
 * @throws Error when a formula cell has no cached value, a name is invalid or given twice, or a chart has no series.
 */
export function writeWorkbook(plan: WorkbookPlan, options: WriteOptions = {}): Uint8Array {
  return collect((sink) => writeWorkbookTo(plan, sink, options));
}

/**
 * Write `plan` as an .xlsx file, handing its bytes to `sink` in order as they are compressed: every sheet's cells (formulas with the core's cached values, step
 * table columns as shared formulas), styles, widths, frozen panes, defined names, conditional
 * formats, cell notes and native scatter charts; `fullCalcOnLoad` asks Excel to recalculate on open.
 * @throws Error when a formula cell has no cached value, a name is invalid or given twice, or a chart has no series.
 */
export function writeWorkbookTo(
  plan: WorkbookPlan,
  sink: (bytes: Uint8Array) => void,
  options: WriteOptions = {}
): void {
  if (!plan.sheets.length) throw new Error("a workbook needs at least one sheet");
  const opts = {
    created: options.created ?? new Date(),
    level: options.level ?? (options.deflate ? 6 : 2),
    deflate: options.deflate,
    crc32: options.crc32,
  };
  const zip = new Archive(opts, sink);
  const { names, fixFormula, map } = nameSheets(plan.sheets);
  const styles = buildStyles();
  const sst = new SharedStrings();
  const wbNames = definedNames(plan, names);
  // Content types first: some readers sniff the first entry of the archive.
  const drawings = plan.sheets.flatMap((s, i) => (s.charts.length ? [i + 1] : []));
  const chartCount = plan.sheets.reduce((k, s) => k + s.charts.length, 0);
  const notes = plan.sheets.map((s) => notesOf(s.blocks));
  const commented = notes.flatMap((n, i) => (n.length ? [i + 1] : []));
  zip.add("[Content_Types].xml", contentTypesXml(names.length, drawings, chartCount, commented));
  let charts = 0;
  plan.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const sheetRels: { id: string; type: string; target: string }[] = [];
    const rel = (type: string, target: string): string => {
      sheetRels.push({ id: `rId${sheetRels.length + 1}`, type, target });
      return `rId${sheetRels.length}`;
    };
    const drawingRelId = sheet.charts.length
      ? rel(REL.drawing, `../drawings/drawing${n}.xml`)
      : undefined;
    let legacyDrawingRelId: string | undefined;
    if (notes[i].length) {
      rel(REL.comments, `../comments${n}.xml`);
      legacyDrawingRelId = rel(REL.vmlDrawing, `../drawings/vmlDrawing${n}.vml`);
    }
    zip.add(`xl/worksheets/sheet${n}.xml`, (out) =>
      writeWorksheet(sheet, { styles, sst, fixFormula, drawingRelId, legacyDrawingRelId }, out)
    );
    if (sheetRels.length) zip.add(`xl/worksheets/_rels/sheet${n}.xml.rels`, relsXml(sheetRels));
    if (notes[i].length) {
      zip.add(`xl/comments${n}.xml`, commentsXml(notes[i]));
      zip.add(`xl/drawings/vmlDrawing${n}.vml`, vmlXml(notes[i], n));
    }
    if (!drawingRelId) return;
    zip.add(`xl/drawings/drawing${n}.xml`, drawingXml(sheet.charts));
    const rels = sheet.charts.map((c, k) => {
      zip.add(`xl/charts/chart${++charts}.xml`, chartXml(c, map));
      return { id: `rId${k + 1}`, type: REL.chart, target: `../charts/chart${charts}.xml` };
    });
    zip.add(`xl/drawings/_rels/drawing${n}.xml.rels`, relsXml(rels));
  });
  zip.add("xl/sharedStrings.xml", sst.xml());
  zip.add("xl/styles.xml", styles.xml);
  zip.add("xl/theme/theme1.xml", themeXml());
  zip.add("xl/workbook.xml", workbookXml(names, wbNames));
  const m = names.length;
  zip.add(
    "xl/_rels/workbook.xml.rels",
    relsXml([
      ...names.map((_, i) => ({
        id: `rId${i + 1}`,
        type: REL.worksheet,
        target: `worksheets/sheet${i + 1}.xml`,
      })),
      { id: `rId${m + 1}`, type: REL.styles, target: "styles.xml" },
      { id: `rId${m + 2}`, type: REL.sharedStrings, target: "sharedStrings.xml" },
      { id: `rId${m + 3}`, type: REL.theme, target: "theme/theme1.xml" },
      { id: `rId${m + 4}`, type: REL.customXml, target: "../customXml/item1.xml" },
    ])
  );
  zip.add("customXml/item1.xml", metaItemXml(plan, names));
  zip.add("customXml/itemProps1.xml", metaItemPropsXml());
  zip.add(
    "customXml/_rels/item1.xml.rels",
    relsXml([{ id: "rId1", type: REL.customXmlProps, target: "itemProps1.xml" }])
  );
  zip.add("docProps/core.xml", coreXml(opts.created));
  zip.add("docProps/app.xml", appXml());
  zip.add("docProps/custom.xml", customXml());
  zip.add(
    "_rels/.rels",
    relsXml([
      { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml" },
      { id: "rId2", type: REL.coreProperties, target: "docProps/core.xml" },
      { id: "rId3", type: REL.extendedProperties, target: "docProps/app.xml" },
      { id: "rId4", type: REL.customProperties, target: "docProps/custom.xml" },
    ])
  );
  zip.end();
}
