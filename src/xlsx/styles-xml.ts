/** styles.xml from the style registry: one cell format (xf) and one differential format (dxf) per StyleId. */
import type { StyleId } from "../sheet/plan";
import { STYLES, type CellStyle } from "../sheet/styles";
import { esc, NS, XML_HEAD } from "./xml";

/** Number formats Excel knows by id; anything else gets a custom id from 164 up. */
const BUILTIN_NUMFMTS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** The styles part and where each StyleId landed in it. */
export interface StylesPart {
  xml: string;
  /** `s` attribute of a cell with this style. */
  xf: Record<StyleId, number>;
  /** `dxfId` of a conditional format that applies this style. */
  dxf: Record<StyleId, number>;
}

const STYLE_IDS = Object.keys(STYLES) as StyleId[];
const argb = (rgb: string): string => `FF${rgb.toUpperCase()}`;

function fontXml(s: CellStyle, withDefaults: boolean): string {
  const parts = [
    s.bold ? "<b/>" : "",
    s.italic ? "<i/>" : "",
    withDefaults || s.size ? `<sz val="${s.size ?? 11}"/>` : "",
    s.fontColor ? `<color rgb="${argb(s.fontColor)}"/>` : withDefaults ? '<color theme="1"/>' : "",
    withDefaults ? '<name val="Calibri"/><family val="2"/><scheme val="minor"/>' : "",
  ];
  return `<font>${parts.join("")}</font>`;
}

// A dxf fill is drawn with bgColor by Excel; fgColor is written too for readers that use it.
const fillXml = (rgb: string): string =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb(rgb)}"/><bgColor rgb="${argb(rgb)}"/></patternFill></fill>`;

const THIN =
  '<left style="thin"><color rgb="FF7F7F7F"/></left><right style="thin"><color rgb="FF7F7F7F"/></right>' +
  '<top style="thin"><color rgb="FF7F7F7F"/></top><bottom style="thin"><color rgb="FF7F7F7F"/></bottom>';

/** Index of `item` in `list`, appending it if new. */
function intern(list: string[], item: string): number {
  const i = list.indexOf(item);
  if (i >= 0) return i;
  list.push(item);
  return list.length - 1;
}

/** Build styles.xml from `STYLES`. */
export function buildStyles(): StylesPart {
  const fonts = [fontXml({}, true)];
  const fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  const borders = [
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    `<border>${THIN}<diagonal/></border>`,
  ];
  const numFmts: string[] = [];
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const xf = {} as Record<StyleId, number>;
  const dxf = {} as Record<StyleId, number>;
  const dxfs: string[] = [];
  for (const id of STYLE_IDS) {
    const s = STYLES[id];
    const fontId = intern(fonts, fontXml(s, true));
    const fillId = s.fill ? intern(fills, fillXml(s.fill)) : 0;
    const borderId = s.border ? 1 : 0;
    let numFmtId = 0;
    if (s.numberFormat !== undefined) {
      numFmtId = BUILTIN_NUMFMTS[s.numberFormat] ?? 164 + intern(numFmts, s.numberFormat);
    }
    const align =
      s.align || s.wrap
        ? `<alignment${s.align ? ` horizontal="${s.align}"` : ""}${s.wrap ? ' vertical="center" wrapText="1"' : ""}/>`
        : "";
    xf[id] = xfs.length;
    xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
        ' applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"' +
        (align ? ` applyAlignment="1">${align}</xf>` : "/>")
    );
    dxf[id] = dxfs.length;
    dxfs.push(
      `<dxf>${fontXml(s, false)}${s.fill ? fillXml(s.fill) : ""}${s.border ? `<border>${THIN}</border>` : ""}</dxf>`
    );
  }
  const list = (tag: string, items: string[]): string =>
    `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
  const fmts = numFmts.map(
    (code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(code)}"/>`
  );
  const xml =
    `${XML_HEAD}<styleSheet xmlns="${NS.main}">` +
    (fmts.length ? list("numFmts", fmts) : "") +
    list("fonts", fonts) +
    list("fills", fills) +
    list("borders", borders) +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    list("cellXfs", xfs) +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    list("dxfs", dxfs) +
    "</styleSheet>";
  return { xml, xf, dxf };
}
