/** Package-level parts: content types, workbook, document properties (with GradSheet's metadata). */
import { storedSample } from "../sheet/check-sample";
import type { WorkbookPlan } from "../sheet/plan";
import { esc, NS, XML_HEAD } from "./xml";

/** Name of the custom document property that holds GradSheet's metadata as JSON. */
export const META_PROPERTY = "GradSheet";

const CT = "application/vnd.openxmlformats-officedocument";

/**
 * [Content_Types].xml for a workbook with `sheets` worksheets, drawings and comments parts numbered
 * after the sheets that have them, and `charts` charts.
 */
export function contentTypesXml(
  sheets: number,
  drawings: number[],
  charts: number,
  comments: number[] = []
): string {
  const o = (part: string, type: string): string =>
    `<Override PartName="${part}" ContentType="${type}"/>`;
  const parts = [
    o("/xl/workbook.xml", `${CT}.spreadsheetml.sheet.main+xml`),
    o("/xl/styles.xml", `${CT}.spreadsheetml.styles+xml`),
    o("/xl/sharedStrings.xml", `${CT}.spreadsheetml.sharedStrings+xml`),
    o("/xl/theme/theme1.xml", `${CT}.theme+xml`),
    o("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    o("/docProps/app.xml", `${CT}.extended-properties+xml`),
    o("/docProps/custom.xml", `${CT}.custom-properties+xml`),
    o("/customXml/itemProps1.xml", `${CT}.customXmlProperties+xml`),
  ];
  for (let i = 1; i <= sheets; i++)
    parts.push(o(`/xl/worksheets/sheet${i}.xml`, `${CT}.spreadsheetml.worksheet+xml`));
  for (const d of drawings) parts.push(o(`/xl/drawings/drawing${d}.xml`, `${CT}.drawing+xml`));
  for (let i = 1; i <= charts; i++)
    parts.push(o(`/xl/charts/chart${i}.xml`, `${CT}.drawingml.chart+xml`));
  for (const c of comments)
    parts.push(o(`/xl/comments${c}.xml`, `${CT}.spreadsheetml.comments+xml`));
  return (
    `${XML_HEAD}<Types xmlns="${NS.contentTypes}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    (comments.length ? `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` : "") +
    parts.join("") +
    "</Types>"
  );
}

/** A defined name as written: `ref` is already "Sheet!$C$3"; `sheetIndex` scopes it to a sheet. */
export interface DefinedName {
  name: string;
  ref: string;
  sheetIndex?: number;
  comment?: string;
}

/**
 * xl/workbook.xml: the sheets, the defined names, and `fullCalcOnLoad` so Excel recalculates on open.
 * @example definedName → <definedName name="LearningRate">Run!$C$3</definedName>
 */
export function workbookXml(sheetNames: string[], names: DefinedName[]): string {
  const sheets = sheetNames
    .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  const defined = names
    .map(
      (d) =>
        `<definedName name="${esc(d.name)}"` +
        (d.sheetIndex !== undefined ? ` localSheetId="${d.sheetIndex}"` : "") +
        (d.comment ? ` comment="${esc(d.comment)}"` : "") +
        `>${esc(d.ref)}</definedName>`
    )
    .join("");
  return (
    `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/>` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    (defined ? `<definedNames>${defined}</definedNames>` : "") +
    '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
  );
}

/** docProps/core.xml (creator and a fixed-format timestamp). */
export function coreXml(created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>GradSheet</dc:creator>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

/** docProps/app.xml */
export function appXml(): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    "<Application>GradSheet</Application></Properties>"
  );
}

/** Namespace of the custom XML part that carries GradSheet's metadata (`META_PROPERTY` points to it). */
export const META_NAMESPACE = "urn:gradsheet:meta:1";

/**
 * docProps/custom.xml: one short property, `GradSheet`, that marks the file as GradSheet's and names
 * the custom XML part holding the metadata. Excel truncates custom property values to 255
 * characters (and Office.js has crashed reading longer ones), so the metadata itself is not here.
 */
export function customXml(): string {
  const marker = JSON.stringify({ format: 1, customXml: META_NAMESPACE });
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"` +
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${META_PROPERTY}">` +
    `<vt:lpwstr>${esc(marker)}</vt:lpwstr></property></Properties>`
  );
}

/**
 * customXml/item1.xml: `<gradsheet xmlns="urn:gradsheet:meta:1">` whose text is JSON
 * `{ "format": 1, "namesScope": ..., "sheets": [{ "name": <name in the file>, "meta": <SheetPlan.meta> }] }`,
 * so the add-in (Office.js `customXmlParts.getByNamespace`) and the doctor can recognise sheets
 * GradSheet wrote and rebuild their runs. An experiment sheet (Compare, Sweep, landscape) also
 * carries `check`, a sample of the core's values at its formula cells, as the add-in stores it, so
 * Check this sheet in Excel compares what Excel calculates in the file.
 */
export function metaItemXml(plan: WorkbookPlan, fileNames: string[]): string {
  const meta = {
    format: 1,
    namesScope: plan.namesScope,
    sheets: plan.sheets.map((s, i) => ({
      name: fileNames[i],
      meta: s.meta,
      ...(typeof s.meta.kind === "string" && s.meta.kind !== "run"
        ? { check: storedSample(s) }
        : {}),
    })),
  };
  return `${XML_HEAD}<gradsheet xmlns="${META_NAMESPACE}">${esc(JSON.stringify(meta))}</gradsheet>`;
}

/** customXml/itemProps1.xml: the custom XML part's id and schema reference. */
export function metaItemPropsXml(): string {
  return (
    `${XML_HEAD}<ds:datastoreItem ds:itemID="{6A1D3F52-0C4B-4E0B-9A47-5D2C8B1E7F30}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">` +
    `<ds:schemaRefs><ds:schemaRef ds:uri="${META_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`
  );
}
