/** xl/theme/theme1.xml: a minimal Office theme, so readers that fall back on theme colours have one. */
import { NS, XML_HEAD } from "./xml";

const COLORS: [string, string][] = [
  ["dk1", '<a:sysClr val="windowText" lastClr="000000"/>'],
  ["lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'],
  ["dk2", '<a:srgbClr val="44546A"/>'],
  ["lt2", '<a:srgbClr val="E7E6E6"/>'],
  ["accent1", '<a:srgbClr val="4472C4"/>'],
  ["accent2", '<a:srgbClr val="ED7D31"/>'],
  ["accent3", '<a:srgbClr val="A5A5A5"/>'],
  ["accent4", '<a:srgbClr val="FFC000"/>'],
  ["accent5", '<a:srgbClr val="5B9BD5"/>'],
  ["accent6", '<a:srgbClr val="70AD47"/>'],
  ["hlink", '<a:srgbClr val="0563C1"/>'],
  ["folHlink", '<a:srgbClr val="954F72"/>'],
];

const fonts = (latin: string): string =>
  `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>`;
const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
const line = (w: number): string =>
  `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${fill}<a:prstDash val="solid"/></a:ln>`;

/** The theme part's XML. */
export function themeXml(): string {
  return (
    `${XML_HEAD}<a:theme xmlns:a="${NS.drawingMain}" name="Office Theme"><a:themeElements>` +
    `<a:clrScheme name="Office">${COLORS.map(([n, c]) => `<a:${n}>${c}</a:${n}>`).join("")}</a:clrScheme>` +
    `<a:fontScheme name="Office"><a:majorFont>${fonts("Calibri Light")}</a:majorFont><a:minorFont>${fonts("Calibri")}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="Office"><a:fillStyleLst>${fill}${fill}${fill}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
    `<a:bgFillStyleLst>${fill}${fill}${fill}</a:bgFillStyleLst></a:fmtScheme>` +
    "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
  );
}
