/**
 * Cell notes ("comments" in SpreadsheetML): the comments part with the text, and the legacy VML
 * drawing Excel needs to show them as hover notes.
 */
import { a1 } from "../sheet/address";
import { esc, NS, XML_HEAD } from "./xml";

/** A note on the cell at (row, col), 0-based. */
export interface Note {
  row: number;
  col: number;
  text: string;
}

/** xl/commentsN.xml */
export function commentsXml(notes: Note[]): string {
  const list = notes.map(
    (n) =>
      `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><t xml:space="preserve">${esc(n.text)}</t></r></text></comment>`
  );
  return `${XML_HEAD}<comments xmlns="${NS.main}"><authors><author>GradSheet</author></authors><commentList>${list.join("")}</commentList></comments>`;
}

/** xl/drawings/vmlDrawingN.vml for sheet `sheet` (1-based): one hidden note box per note. */
export function vmlXml(notes: Note[], sheet: number): string {
  const shapes = notes.map(
    (n, i) =>
      `<v:shape id="_x0000_s${sheet * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:180pt;height:60pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col + 1}, 15, ${n.row}, 2, ${n.col + 4}, 15, ${n.row + 4}, 4</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
  );
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheet}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join("")}</xml>`
  );
}

/** The notes of a sheet: every block cell with a `comment`. */
export function notesOf(
  blocks: { row: number; col: number; cells: ({ comment?: string } | null)[][] }[]
): Note[] {
  const notes: Note[] = [];
  for (const b of blocks)
    b.cells.forEach((line, i) =>
      line.forEach((c, j) => {
        if (c?.comment) notes.push({ row: b.row + i, col: b.col + j, text: c.comment });
      })
    );
  return notes;
}
