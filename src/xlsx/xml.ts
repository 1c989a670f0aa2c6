/** XML text helpers shared by every part writer (no DOM, no Node APIs). */

// Characters XML 1.0 forbids even when escaped (C0 controls except tab, LF, CR; lone surrogates;
// U+FFFE/F). A valid surrogate pair matches first and is kept (group 1), so any surrogate left is
// lone: no lookbehind, which Office 2019's web views cannot parse.
const INVALID_XML =
  /([\ud800-\udbff][\udc00-\udfff])|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g;
const keepPairs = (_: string, pair: string | undefined) => pair ?? "";
// Text with none of these (nearly all of it) is returned as is.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Escape text for element content or a double-quoted attribute, dropping characters XML cannot hold. */
export function esc(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(INVALID_XML, keepPairs)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The XML declaration every part starts with. */
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Namespaces used across SpreadsheetML and DrawingML parts. */
export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
} as const;

/** Relationship type URIs. */
export const REL = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  theme: `${NS.rel}/theme`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  comments: `${NS.rel}/comments`,
  vmlDrawing: `${NS.rel}/vmlDrawing`,
  customProperties: `${NS.rel}/custom-properties`,
  customXml: `${NS.rel}/customXml`,
  customXmlProps: `${NS.rel}/customXmlProps`,
  extendedProperties: `${NS.rel}/extended-properties`,
  coreProperties:
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
} as const;

/** A relationships part from (id, type, target) triples. */
export function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const body = rels
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"/>`)
    .join("");
  return `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}">${body}</Relationships>`;
}

/** Shortest round-trip text of a finite double as xsd:double ("-0" becomes "0"). */
export function num(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}
