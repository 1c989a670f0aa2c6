/**
 * A big but legal workbook for the doctor's bench: one sheet of `rows` data rows (x = 1..n in A,
 * y = 2x + 30 in B, a header row above) and a line chart over every row whose numeric x sits on a
 * category axis (so the doctor has a finding and --fix has work), its caches holding every point.
 */
import { strToU8, zipSync } from "fflate";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function cache(n: number, value: (i: number) => number): string {
  const pts: string[] = [];
  for (let i = 0; i < n; i++) pts.push(`<c:pt idx="${i}"><c:v>${value(i)}</c:v></c:pt>`);
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${pts.join("")}</c:numCache>`;
}

/** The workbook's bytes. */
export function bigBook(rows: number): Uint8Array {
  const sheetRows: string[] = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="inlineStr"><is><t>y</t></is></c></row>',
  ];
  for (let i = 1; i <= rows; i++)
    sheetRows.push(
      `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${2 * i + 30}</v></c></row>`
    );
  const last = rows + 1;
  const sheet = `${HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheetData>${sheetRows.join("")}</sheetData><drawing r:id="rId1"/></worksheet>`;
  const chart = `${HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:chart><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:numRef><c:f>Sheet1!$A$2:$A$${last}</c:f>${cache(rows, (i) => i + 1)}</c:numRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$${last}</c:f>${cache(rows, (i) => 2 * (i + 1) + 30)}</c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:lineChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
  const drawing = `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS_A}"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
  const rels = (body: string) =>
    strToU8(
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`
    );
  return zipSync(
    {
      "[Content_Types].xml": strToU8(
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`
      ),
      "_rels/.rels": rels(
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
      ),
      "xl/workbook.xml": strToU8(
        `${HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_R}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
      ),
      "xl/_rels/workbook.xml.rels": rels(
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`
      ),
      "xl/worksheets/sheet1.xml": strToU8(sheet),
      "xl/worksheets/_rels/sheet1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`
      ),
      "xl/drawings/drawing1.xml": strToU8(drawing),
      "xl/drawings/_rels/drawing1.xml.rels": rels(
        `<Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/>`
      ),
      "xl/charts/chart1.xml": strToU8(chart),
    },
    { level: 1 }
  );
}
