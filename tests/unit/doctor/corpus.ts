/**
 * The doctor's own corpus: workbooks in the shapes other tools write (Open XML SDK / ClosedXML
 * prefixes, Strict OOXML, part names that differ in case, absolute targets, date axes, bar and
 * column charts with numeric categories, several charts in one drawing, group shapes, chart
 * sheets, extension lists), each built from the test books of ./workbooks and rewritten at the
 * package level the way those tools write it. Every case says what the doctor must find.
 */
import { strToU8, unzipSync, zipSync, type Unzipped } from "fflate";
import {
  buildWorkbook,
  errorByEpochBook,
  forumBook,
  type BookSpec,
  type ChartSpec,
} from "./workbooks";

/** A package-level rewrite: every part's text in, new names and texts out. */
type Rewrite = (files: Unzipped) => Unzipped;

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Apply `edit` to the text of every XML part (and .rels) whose name matches `which`. */
export function editParts(
  files: Unzipped,
  which: RegExp,
  edit: (xml: string, name: string) => string
): Unzipped {
  const out: Unzipped = {};
  for (const [name, data] of Object.entries(files))
    out[name] =
      which.test(name) && /\.(xml|rels)$/.test(name) ? strToU8(edit(decode(data), name)) : data;
  return out;
}

/** Rename prefix `from` to `to` (to "" for a default namespace) in elements, attributes and declarations. */
export function renamePrefix(xml: string, from: string, to: string): string {
  const tag = new RegExp(`(</?)${from}:`, "g");
  const att = new RegExp(`(\\s)${from}:([\\w.-]+=)`, "g");
  return xml
    .replace(tag, to ? `$1${to}:` : "$1")
    .replace(att, to ? `$1${to}:$2` : "$&") // attributes have no default namespace
    .replace(new RegExp(`xmlns:${from}=`, "g"), to ? `xmlns:${to}=` : "xmlns=");
}

/** SpreadsheetML parts with the main namespace bound to "x:" (`<x:workbook>`), as the Open XML SDK and ClosedXML write. */
const spreadsheetPrefix: Rewrite = (files) =>
  editParts(
    files,
    /^xl\/(workbook\.xml|worksheets\/[^_/]*$|chartsheets\/[^_/]*$|sharedStrings|styles)/,
    (xml) =>
      xml
        .replace(/(<\/?)([A-Za-z][\w.]*)(?=[\s/>])/g, "$1x:$2")
        .replace(
          ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        )
  );

/** Drawing and chart parts with other prefixes, the chart part in the default namespace, "rel:" for relationships. */
const otherPrefixes: Rewrite = (files) =>
  editParts(
    files,
    /^xl\/(workbook|worksheets|chartsheets|drawings|charts)\/?[^_]*$/,
    (xml, name) => {
      let t = renamePrefix(renamePrefix(xml, "r", "rel"), "a", "dml");
      if (name.startsWith("xl/drawings/")) t = renamePrefix(t, "xdr", "wsdr");
      if (name.startsWith("xl/charts/")) t = renamePrefix(t, "c", "");
      return t;
    }
  );

/** Strict OOXML: the purl.oclc.org namespaces and relationship types, and conformance="strict". */
const STRICT: [string, string][] = [
  [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ],
  [
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://purl.oclc.org/ooxml/drawingml/chart",
  ],
  [
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  ],
  [
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
  ],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ],
];
const strict: Rewrite = (files) =>
  editParts(files, /./, (xml, name) => {
    let t = xml;
    for (const [a, b] of STRICT) t = t.split(a).join(b);
    return name === "xl/workbook.xml"
      ? t.replace("<workbook ", '<workbook conformance="strict" ')
      : t;
  });

/** Part names that differ from their relationship targets only in case ("Sheet1.xml" vs "sheet1.xml.rels"). */
const mixedCase: Rewrite = (files) => {
  const rename: Record<string, string> = {
    "xl/worksheets/sheet1.xml": "xl/worksheets/Sheet1.xml",
    "xl/charts/chart1.xml": "xl/charts/Chart1.xml",
    "xl/drawings/_rels/drawing1.xml.rels": "xl/drawings/_rels/Drawing1.xml.rels",
  };
  return Object.fromEntries(Object.entries(files).map(([n, d]) => [rename[n] ?? n, d]));
};

/** Every relationship target absolute ("/xl/worksheets/sheet1.xml"). */
const absoluteTargets: Rewrite = (files) =>
  editParts(files, /\.rels$/, (xml, name) => {
    const base = name
      .replace(/_rels\/([^/]*)\.rels$/, "$1")
      .split("/")
      .slice(0, -1);
    return xml.replace(/Target="([^"/][^"]*)"/g, (_, t: string) => {
      const parts = [...base];
      for (const seg of t.split("/")) seg === ".." ? parts.pop() : parts.push(seg);
      return `Target="/${parts.join("/")}"`;
    });
  });

/** A book built from `spec`, then rewritten. */
export function rewritten(spec: BookSpec, ...rewrites: Rewrite[]): Uint8Array {
  let files = unzipSync(buildWorkbook(spec));
  for (const r of rewrites) files = r(files);
  return zipSync(files, { level: 6, mtime: new Date("2024-03-05T10:20:30Z") });
}

// ---- the charts of the corpus -------------------------------------------------------------------

/** Uneven x (learner's data) with y = 2x + 30, in A2:B6 of "Data". */
const XS = [14, 86, 28, 55, 3];
const DATA: BookSpec["rows"] = [
  ["x", "y", "day"],
  ...XS.map((x, i) => [x, 2 * x + 30, 40909 + [0, 31, 60, 91, 121][i]]),
];
const X_REF = { ref: "Data!$A$2:$A$6", values: XS };
const Y_REF = { ref: "Data!$B$2:$B$6", values: XS.map((x) => 2 * x + 30) };

const chartOf = (
  type: ChartSpec["type"],
  title: string,
  more: Partial<ChartSpec> = {},
  color = "9467BD"
): ChartSpec => ({
  type,
  title,
  series: [{ name: "y", x: X_REF, y: Y_REF, color }],
  ...more,
});

/** Monthly dates (serials from 1 Jan 2012) on a date axis: Excel already places them by value. */
export const DATE_CHART = chartOf("line", "y by day", {
  dateAxis: true,
  series: [
    {
      name: "y",
      x: { ref: "Data!$C$2:$C$6", values: DATA.slice(1).map((r) => r[2]), format: "m/d/yyyy" },
      y: Y_REF,
      color: "2CA02C",
    },
  ],
});

const book = (chart: ChartSpec, more: Partial<BookSpec> = {}): BookSpec => ({
  sheetName: "Data",
  rows: DATA,
  chart,
  ...more,
});

/** What the doctor must report on a corpus workbook: [code, severity, fixable] per chart, in drawing order. */
export type Expected = [string, "error" | "warning" | "note", boolean][][];

export interface CorpusCase {
  name: string;
  bytes: Uint8Array;
  /** The charts' types as read, in order. */
  types: string[];
  findings: Expected;
  /** The charts' types in the fixed copy. */
  fixedTypes: string[];
}

/** The corpus, built fresh on each call. */
export function corpus(): CorpusCase[] {
  const literal: Expected = [[["literal-categories", "error", true]]];
  const uneven = chartOf("line", "y by x (line)");
  const area = chartOf("area", "y by x (area)", {
    reversedX: true,
    xFormat: "0.0",
    series: [{ name: "y", x: { ...X_REF, format: "0.00" }, y: Y_REF, color: "FF7F0E" }],
  });
  return [
    {
      name: "open-xml-sdk-prefixes",
      bytes: rewritten(forumBook(), spreadsheetPrefix),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "default-namespace-chart",
      bytes: rewritten(forumBook(), otherPrefixes),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "strict-ooxml",
      bytes: rewritten(forumBook(), spreadsheetPrefix, strict),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "part-name-case",
      bytes: rewritten(forumBook(), mixedCase),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "absolute-targets",
      bytes: rewritten(forumBook(), absoluteTargets),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "chart-sheet",
      bytes: rewritten({ ...forumBook(), chartSheet: true }, spreadsheetPrefix),
      types: ["line"],
      findings: literal,
      fixedTypes: ["scatter"],
    },
    {
      name: "date-axis",
      bytes: rewritten(book(DATE_CHART)),
      types: ["line"],
      findings: [[]],
      fixedTypes: ["line"],
    },
    {
      name: "date-categories-auto",
      bytes: rewritten(
        book({ ...DATE_CHART, dateAxis: false, title: "y by day (automatic axis)" })
      ),
      types: ["line"],
      findings: [[]],
      fixedTypes: ["line"],
    },
    {
      name: "columns",
      bytes: rewritten(book(chartOf("column", "y by x (columns)"))),
      types: ["column"],
      findings: [[["numeric-categories", "note", false]]],
      fixedTypes: ["column"],
    },
    {
      name: "bars",
      bytes: rewritten(book(chartOf("bar", "y by x (bars)"))),
      types: ["bar"],
      findings: [[["numeric-categories", "note", false]]],
      fixedTypes: ["bar"],
    },
    {
      name: "area-look",
      bytes: rewritten(book(area)),
      types: ["area"],
      findings: [[["numeric-categories", "error", true]]],
      fixedTypes: ["scatter"],
    },
    {
      name: "multi-chart-drawing",
      bytes: rewritten(book(uneven, { moreCharts: [chartOf("column", "columns"), DATE_CHART] })),
      types: ["line", "column", "line"],
      findings: [
        [["numeric-categories", "error", true]],
        [["numeric-categories", "note", false]],
        [],
      ],
      fixedTypes: ["scatter", "column", "line"],
    },
    {
      name: "group-shape",
      bytes: rewritten(
        book(uneven, { moreCharts: [chartOf("bar", "bars")], groupShape: true }),
        otherPrefixes
      ),
      types: ["line", "bar"],
      findings: [[["numeric-categories", "error", true]], [["numeric-categories", "note", false]]],
      fixedTypes: ["scatter", "bar"],
    },
    {
      name: "ext-lists",
      bytes: rewritten(book(chartOf("line", "y by x (extLst)", { extLst: true }))),
      types: ["line"],
      findings: [[["numeric-categories", "error", true]]],
      fixedTypes: ["scatter"],
    },
    {
      name: "epoch-log",
      bytes: rewritten(errorByEpochBook(false)),
      types: ["line"],
      findings: [[["absent-categories", "note", false]]],
      fixedTypes: ["line"],
    },
  ];
}
