/** DrawingML parts for charts: one `c:scatterChart` per ChartSpec, and the sheet's drawing that anchors them. */
import { rangeA1 } from "../sheet/address";
import type { AxisSpec, ChartSeriesSpec, ChartSpec, RangeRef } from "../sheet/plan";
import { esc, NS, num, XML_HEAD } from "./xml";

/** Maps a plan's sheet name to the name it got in the file (after sanitising). */
export type SheetNameMap = (planName: string) => string;

const X_AXIS = 500001;
const Y_AXIS = 500002;

const rich = (text: string, size: number, bold: boolean): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
  `<a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;

const title = (text: string, size: number): string =>
  `<c:title>${rich(text, size, true)}<c:overlay val="0"/></c:title>`;

const solid = (rgb: string): string =>
  `<a:solidFill><a:srgbClr val="${rgb.toUpperCase()}"/></a:solidFill>`;

/** A cell-range reference for c:f: always a reference, never literal numbers. */
const numRef = (ref: RangeRef, names: SheetNameMap): string =>
  `<c:numRef><c:f>${esc(rangeA1({ ...ref, sheet: names(ref.sheet) }))}</c:f></c:numRef>`;

function seriesXml(s: ChartSeriesSpec, i: number, names: SheetNameMap): string {
  // LibreOffice draws nothing for a series without an explicit colour (oracles.md §8).
  const emu = Math.round((s.width ?? 1.5) * 12700);
  const dash = s.dash ? `<a:prstDash val="${s.dash}"/>` : "";
  const line = s.lines
    ? `<a:ln w="${emu}" cap="rnd">${solid(s.color)}${dash}<a:round/></a:ln>`
    : "<a:ln><a:noFill/></a:ln>";
  const marker = s.markers
    ? `<c:marker><c:symbol val="${s.symbol ?? "circle"}"/><c:size val="5"/><c:spPr>${solid(s.color)}<a:ln w="6350">${solid(s.color)}</a:ln></c:spPr></c:marker>`
    : '<c:marker><c:symbol val="none"/></c:marker>';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
    `<c:spPr>${line}</c:spPr>${marker}` +
    `<c:xVal>${numRef(s.x, names)}</c:xVal><c:yVal>${numRef(s.y, names)}</c:yVal><c:smooth val="0"/></c:ser>`
  );
}

function axisXml(id: number, cross: number, pos: "b" | "l", a: AxisSpec): string {
  const scaling =
    (a.log ? '<c:logBase val="10"/>' : "") +
    '<c:orientation val="minMax"/>' +
    (a.max !== undefined ? `<c:max val="${num(a.max)}"/>` : "") +
    (a.min !== undefined ? `<c:min val="${num(a.min)}"/>` : "");
  const grid =
    '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    grid +
    title(a.title, 1000) +
    `<c:numFmt formatCode="${esc(a.numberFormat ?? "General")}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:spPr><a:ln w="9525">${solid("7F7F7F")}</a:ln></c:spPr>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`
  );
}

/**
 * xl/charts/chartN.xml: an XY scatter chart whose X and Y values reference cells, two value axes
 * (log10 where the spec says so), axis titles, a title and a legend. No secondary axis.
 */
export function chartXml(spec: ChartSpec, names: SheetNameMap): string {
  if (!spec.series.length) throw new Error(`chart ${spec.id} has no series`);
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    title(spec.title, 1400) +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/><c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>' +
    spec.series.map((s, i) => seriesXml(s, i, names)).join("") +
    `<c:axId val="${X_AXIS}"/><c:axId val="${Y_AXIS}"/></c:scatterChart>` +
    axisXml(X_AXIS, Y_AXIS, "b", spec.xAxis) +
    axisXml(Y_AXIS, X_AXIS, "l", spec.yAxis) +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:spPr>${solid("FFFFFF")}<a:ln w="9525">${solid("D9D9D9")}</a:ln></c:spPr></c:chartSpace>`
  );
}

const marker = (tag: "from" | "to", col: number, row: number): string =>
  `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

/** xl/drawings/drawingN.xml: one twoCellAnchor per chart; chart i is relationship "rId{i+1}". */
export function drawingXml(charts: ChartSpec[]): string {
  const anchors = charts.map((c, i) => {
    const { row, col, rows, cols } = c.anchor;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      marker("from", col, row) +
      marker("to", col + cols, row + rows) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(c.title || `Chart ${i + 1}`)}"/>` +
      '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
      "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    );
  });
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">${anchors.join("")}</xdr:wsDr>`;
}
