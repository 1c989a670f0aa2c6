/**
 * Small workbooks the doctor's tests build themselves (fflate, hand-written parts): one sheet of
 * data, one chart described by a {@link ChartSpec}, optionally manual calculation and a macro part.
 * The forum's, the secondary-axis and the graddesc "Error by epoch" cases are defined here.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

export type Cell = number | string | null;

export interface SeriesSpec {
  name?: string;
  nameRef?: string;
  /** Categories (line/column) or X values (scatter): a reference, a typed-in list, or nothing. */
  x?: { ref: string; values: Cell[]; format?: string } | { lit: Cell[] };
  y: { ref: string; values: number[] };
  color: string;
  secondary?: boolean;
}

export interface ChartSpec {
  /** "column" has vertical bars, "bar" horizontal ones (categories on the left, top to bottom). */
  type: "line" | "area" | "column" | "bar" | "scatter";
  title: string;
  series: SeriesSpec[];
  xTitle?: string;
  yTitle?: string;
  /** How the secondary value axis looks when a series uses it. */
  secondaryAxis?: { deleted: boolean; title?: string };
  logY?: boolean;
  /** The category axis is a date axis (c:dateAx), as Excel writes for date categories. */
  dateAxis?: boolean;
  /** The x axis runs right to left (orientation maxMin). */
  reversedX?: boolean;
  /** Number format of the x axis labels (not linked to the source). */
  xFormat?: string;
  /** Carry Office 2016's extension lists: a c16:uniqueId per series and a chart-level extLst. */
  extLst?: boolean;
}

export interface BookSpec {
  sheetName: string;
  /** Rows from A1 down. */
  rows: Cell[][];
  chart: ChartSpec;
  calcMode?: "manual";
  /** Write an .xlsm with a (fake) vbaProject.bin. */
  macro?: boolean;
  /** Put the chart on its own chart sheet ("Move Chart > New sheet") instead of on the data sheet. */
  chartSheet?: boolean;
  /** More charts in the same drawing (chart2.xml, chart3.xml…), anchored below the first. */
  moreCharts?: ChartSpec[];
  /** Put the drawing's charts inside one group shape (xdr:grpSp), as "Group" in Excel does. */
  groupShape?: boolean;
}

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const col = (c: number): string =>
  c < 26
    ? String.fromCharCode(65 + c)
    : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function cache(
  tag: "c:numCache" | "c:numLit" | "c:strLit",
  values: Cell[],
  format = "General"
): string {
  const pts = values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`))
    .join("");
  const fmt = tag === "c:strLit" ? "" : `<c:formatCode>${esc(format)}</c:formatCode>`;
  return `<${tag}>${fmt}<c:ptCount val="${values.length}"/>${pts}</${tag}>`;
}

function rich(text: string, vertical = false): string {
  return `<c:title><c:tx><c:rich><a:bodyPr${vertical ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

const EXT_SER = (i: number) =>
  `<c:extLst><c:ext uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}" xmlns:c16="http://schemas.microsoft.com/office/drawing/2014/chart"><c16:uniqueId val="{0000000${i}-0001-4C6E-9B57-8F3A2C1D0E5F}"/></c:ext></c:extLst>`;

function seriesXml(s: SeriesSpec, i: number, spec: ChartSpec): string {
  const scatter = spec.type === "scatter";
  const column = spec.type === "column" || spec.type === "bar" || spec.type === "area";
  const tx = s.nameRef
    ? `<c:tx><c:strRef><c:f>${esc(s.nameRef)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(s.name ?? "")}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
    : s.name !== undefined
      ? `<c:tx><c:v>${esc(s.name)}</c:v></c:tx>`
      : "";
  const spPr = column
    ? `<c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr>`
    : `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></a:ln></c:spPr>`;
  const marker = `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr></c:marker>`;
  const [xTag, yTag] = scatter ? ["c:xVal", "c:yVal"] : ["c:cat", "c:val"];
  let x = "";
  if (s.x && "ref" in s.x) {
    const numeric = s.x.values.every((v) => typeof v === "number");
    x = numeric
      ? `<${xTag}><c:numRef><c:f>${esc(s.x.ref)}</c:f>${cache("c:numCache", s.x.values, s.x.format)}</c:numRef></${xTag}>`
      : `<${xTag}><c:strRef><c:f>${esc(s.x.ref)}</c:f></c:strRef></${xTag}>`;
  } else if (s.x) {
    const numeric = s.x.lit.every((v) => typeof v === "number");
    x = `<${xTag}>${cache(numeric ? "c:numLit" : "c:strLit", s.x.lit)}</${xTag}>`;
  }
  const y = `<${yTag}><c:numRef><c:f>${esc(s.y.ref)}</c:f>${cache("c:numCache", s.y.values)}</c:numRef></${yTag}>`;
  const ext = spec.extLst ? EXT_SER(i) : "";
  const head = `<c:idx val="${i}"/><c:order val="${i}"/>${tx}${spPr}`;
  if (spec.type === "area") return `<c:ser>${head}${x}${y}${ext}</c:ser>`;
  if (column) return `<c:ser>${head}<c:invertIfNegative val="0"/>${x}${y}${ext}</c:ser>`;
  return `<c:ser>${head}${marker}${x}${y}<c:smooth val="0"/>${ext}</c:ser>`;
}

function group(spec: ChartSpec, series: [SeriesSpec, number][], ids: [number, number]): string {
  const body = series.map(([s, i]) => seriesXml(s, i, spec)).join("");
  const axIds = `<c:axId val="${ids[0]}"/><c:axId val="${ids[1]}"/>`;
  if (spec.type === "scatter")
    return `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${body}${axIds}</c:scatterChart>`;
  if (spec.type === "line")
    return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${body}<c:marker val="1"/>${axIds}</c:lineChart>`;
  if (spec.type === "area")
    return `<c:areaChart><c:grouping val="standard"/><c:varyColors val="0"/>${body}${axIds}</c:areaChart>`;
  return `<c:barChart><c:barDir val="${spec.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${body}<c:gapWidth val="150"/>${axIds}</c:barChart>`;
}

interface AxisOptions {
  deleted?: boolean | undefined;
  title?: string | undefined;
  log?: boolean | undefined;
  crossesMax?: boolean | undefined;
  reversed?: boolean | undefined;
  format?: string | undefined;
}

function axis(
  kind: "cat" | "val" | "date",
  id: number,
  cross: number,
  pos: "b" | "l" | "r",
  o: AxisOptions
): string {
  const scaling = `<c:scaling>${o.log ? '<c:logBase val="10"/>' : ""}<c:orientation val="${o.reversed ? "maxMin" : "minMax"}"/></c:scaling>`;
  const numFmt = o.format
    ? `<c:numFmt formatCode="${esc(o.format)}" sourceLinked="0"/>`
    : '<c:numFmt formatCode="General" sourceLinked="1"/>';
  const common = `<c:axId val="${id}"/>${scaling}<c:delete val="${o.deleted ? 1 : 0}"/><c:axPos val="${pos}"/>${kind === "val" && pos === "l" ? "<c:majorGridlines/>" : ""}${o.title ? rich(o.title, pos !== "b") : ""}${numFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="${o.crossesMax ? "max" : "autoZero"}"/>`;
  if (kind === "date")
    return `<c:dateAx>${common}<c:auto val="1"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/></c:dateAx>`;
  return kind === "cat"
    ? `<c:catAx>${common}<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
    : `<c:valAx>${common}<c:crossBetween val="${pos === "b" ? "midCat" : "between"}"/></c:valAx>`;
}

const EXT_CHART =
  '<c:extLst><c:ext uri="{56B9EC1D-385E-4148-901F-78D8002777C0}" xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart"><c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16></c:ext></c:extLst>';

/** The chart part for a spec. */
export function chartXml(spec: ChartSpec): string {
  const indexed = spec.series.map((s, i) => [s, i] as [SeriesSpec, number]);
  const primary = indexed.filter(([s]) => !s.secondary);
  const secondary = indexed.filter(([s]) => s.secondary);
  const xKind = spec.type === "scatter" ? "val" : spec.dateAxis ? "date" : "cat";
  const bars = spec.type === "bar"; // horizontal bars: categories down the left, values along the bottom
  let plot = group(spec, primary, [101, 102]);
  if (secondary.length) plot += group(spec, secondary, [103, 104]);
  plot += axis(xKind, 101, 102, bars ? "l" : "b", {
    title: spec.xTitle,
    reversed: bars || spec.reversedX,
    format: spec.xFormat,
  });
  plot += axis("val", 102, 101, bars ? "b" : "l", { title: spec.yTitle, log: spec.logY });
  if (secondary.length) {
    plot += axis(xKind, 103, 104, "b", { deleted: true });
    plot += axis("val", 104, 103, "r", {
      deleted: spec.secondaryAxis?.deleted ?? false,
      ...(spec.secondaryAxis?.title ? { title: spec.secondaryAxis.title } : {}),
      crossesMax: true,
    });
  }
  return `${HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>${rich(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>${spec.extLst ? EXT_CHART : ""}</c:chartSpace>`;
}

function sheetXml(rows: Cell[][], strings: string[], drawing = true): string {
  const body = rows
    .map((r, i) => {
      const cells = r
        .map((v, j) => {
          if (v === null) return "";
          const ref = `${col(j)}${i + 1}`;
          if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
          let k = strings.indexOf(v);
          if (k < 0) k = strings.push(v) - 1;
          return `<c r="${ref}" t="s"><v>${k}</v></c>`;
        })
        .join("");
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join("");
  return `${HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetData>${body}</sheetData><pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0.3" footer="0.3"/><pageSetup orientation="landscape" fitToWidth="1" fitToHeight="1"/>${drawing ? '<drawing r:id="rId1"/>' : ""}</worksheet>`;
}

/** A chart's frame: cNvPr id `k + 2`, "Chart k+1", 8 columns × 21 rows from E2, the k-th one 23 rows lower. */
function frame(k: number, group: boolean): { anchor: [string, string]; xml: string } {
  const [top, emuRow, emuCol] = [1 + 23 * k, 190500, 609600];
  const xfrm = `<a:off x="${4 * emuCol}" y="${top * emuRow}"/><a:ext cx="${8 * emuCol}" cy="${21 * emuRow}"/>`;
  const xml = `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="Chart ${k + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm>${group ? xfrm : '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'}</xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId${k + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
  const at = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return {
    anchor: [`<xdr:from>${at(4, top)}</xdr:from>`, `<xdr:to>${at(12, top + 21)}</xdr:to>`],
    xml,
  };
}

/** drawing1.xml (one anchor per chart, or one group shape holding them all), its rels and the chart parts. */
function drawingParts(charts: ChartSpec[], group: boolean): Zippable {
  const frames = charts.map((_, k) => frame(k, group));
  const anchor = (from: string, to: string, body: string) =>
    `<xdr:twoCellAnchor>${from}${to}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
  const emu = frames.length * 23 * 190500;
  const body = group
    ? anchor(
        frames[0].anchor[0],
        frames[frames.length - 1].anchor[1],
        `<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="${charts.length + 2}" name="Group ${charts.length + 2}"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr><a:xfrm><a:off x="2438400" y="190500"/><a:ext cx="4876800" cy="${emu}"/><a:chOff x="2438400" y="190500"/><a:chExt cx="4876800" cy="${emu}"/></a:xfrm></xdr:grpSpPr>${frames.map((f) => f.xml).join("")}</xdr:grpSp>`
      )
    : frames.map((f) => anchor(f.anchor[0], f.anchor[1], f.xml)).join("");
  const files: Zippable = {
    "xl/drawings/drawing1.xml": strToU8(
      `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS_A}">${body}</xdr:wsDr>`
    ),
    "xl/drawings/_rels/drawing1.xml.rels": strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${charts.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${NS_R}/chart" Target="../charts/chart${k + 1}.xml"/>`).join("")}</Relationships>`
    ),
  };
  charts.forEach((c, k) => (files[`xl/charts/chart${k + 1}.xml`] = strToU8(chartXml(c))));
  return files;
}

/** The whole workbook as .xlsx (or .xlsm) bytes. Entries use mixed compression, as real files do. */
export function buildWorkbook(spec: BookSpec): Uint8Array {
  const strings: string[] = [];
  const sheet = sheetXml(spec.rows, strings, !spec.chartSheet);
  const sst = `${HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`;
  const main = spec.macro
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${spec.macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ""}<Override PartName="/xl/workbook.xml" ContentType="${main}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>${[spec.chart, ...(spec.moreCharts ?? [])].map((_, k) => `<Override PartName="/xl/charts/chart${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`).join("")}</Types>`
    ),
    "_rels/.rels": strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    ),
    "xl/workbook.xml": strToU8(
      `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheets><sheet name="${esc(spec.sheetName)}" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"${spec.calcMode ? ` calcMode="${spec.calcMode}"` : ""}/></workbook>`
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>${spec.macro ? '<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>' : ""}</Relationships>`
    ),
    "xl/worksheets/sheet1.xml": [strToU8(sheet), { level: 9 }],
    "xl/worksheets/_rels/sheet1.xml.rels": strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`
    ),
    "xl/sharedStrings.xml": strToU8(sst),
    "xl/styles.xml": [
      strToU8(
        `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>`
      ),
      { level: 0 },
    ],
    ...drawingParts([spec.chart, ...(spec.moreCharts ?? [])], spec.groupShape ?? false),
  };
  if (spec.chartSheet) {
    delete files["xl/worksheets/_rels/sheet1.xml.rels"];
    files["xl/chartsheets/sheet1.xml"] = strToU8(
      `${HEAD}<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`
    );
    files["xl/chartsheets/_rels/sheet1.xml.rels"] = strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`
    );
    files["[Content_Types].xml"] = strToU8(
      new TextDecoder()
        .decode(files["[Content_Types].xml"] as Uint8Array)
        .replace(
          "</Types>",
          '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>'
        )
    );
    files["xl/workbook.xml"] = strToU8(
      new TextDecoder()
        .decode(files["xl/workbook.xml"] as Uint8Array)
        .replace("</sheets>", '<sheet name="Chart1" sheetId="2" r:id="rId9"/></sheets>')
    );
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      new TextDecoder()
        .decode(files["xl/_rels/workbook.xml.rels"] as Uint8Array)
        .replace(
          "</Relationships>",
          `<Relationship Id="rId9" Type="${NS_R}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
        )
    );
  }
  if (spec.macro)
    files["xl/vbaProject.bin"] = [
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251),
      { level: 0 },
    ];
  return zipSync(files, { level: 6, mtime: new Date("2024-03-05T10:20:30Z") });
}

// ---- the three cases of issue 5 ----------------------------------------------------------------

const XS = Array.from({ length: 21 }, (_, i) => -80 + 10 * i);

/** The forum's case: x = −80..120 step 10, y = 2x + 30, a line chart whose categories are a literal 1..21. */
export function forumBook(opts: { macro?: boolean; calcMode?: "manual" } = {}): BookSpec {
  return {
    sheetName: "Sheet1",
    rows: [["x", "y"], ...XS.map((x) => [x, 2 * x + 30])],
    chart: {
      type: "line",
      title: "y = 2x + 30",
      series: [
        {
          name: "y",
          nameRef: "Sheet1!$B$1",
          x: { lit: XS.map((_, i) => i + 1) },
          y: { ref: "Sheet1!$B$2:$B$22", values: XS.map((x) => 2 * x + 30) },
          color: "1F77B4",
        },
      ],
      xTitle: "x",
      yTitle: "y",
    },
    ...opts,
  };
}

/**
 * A secondary-axis case: target y and a prediction of the same size, the prediction on a secondary
 * axis that is untitled (the forum's) or, with `hidden`, deleted.
 */
export function secondaryBook(opts: { hidden?: boolean } = {}): BookSpec {
  const pred = XS.map((x) => 2.5 * x + 10);
  return {
    sheetName: "Fit",
    rows: [["x", "target", "prediction"], ...XS.map((x, i) => [x, 2 * x + 30, pred[i]])],
    chart: {
      type: "scatter",
      title: "Target and prediction",
      series: [
        {
          name: "target",
          nameRef: "Fit!$B$1",
          x: { ref: "Fit!$A$2:$A$22", values: XS },
          y: { ref: "Fit!$B$2:$B$22", values: XS.map((x) => 2 * x + 30) },
          color: "1F77B4",
        },
        {
          name: "prediction",
          nameRef: "Fit!$C$1",
          x: { ref: "Fit!$A$2:$A$22", values: XS },
          y: { ref: "Fit!$C$2:$C$22", values: pred },
          color: "2CA02C",
          secondary: true,
        },
      ],
      xTitle: "x",
      yTitle: "y",
      secondaryAxis: { deleted: opts.hidden ?? false },
    },
  };
}

/** graddesc-style "Error by epoch": errors logged in C38:C62, a line chart with no categories, epochs 1..25 in B. */
export function errorByEpochBook(withEpochColumn = true): BookSpec {
  const errors = Array.from({ length: 25 }, (_, i) => 104.749 - 0.19 * i - 0.002 * i * i);
  const rows: Cell[][] = Array.from({ length: 36 }, () => []);
  rows.push([null, withEpochColumn ? "epoch" : null, "rmse"]);
  errors.forEach((e, i) => rows.push([null, withEpochColumn ? i + 1 : null, e]));
  return {
    sheetName: "basic",
    rows,
    chart: {
      type: "line",
      title: "Error by epoch",
      series: [{ y: { ref: "basic!$C$38:$C$62", values: errors }, color: "D62728" }],
    },
  };
}
