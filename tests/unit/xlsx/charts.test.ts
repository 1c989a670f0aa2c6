import { describe, expect, it } from "vitest";
import { rangeA1 } from "../../../src/sheet/address";
import { writeWorkbook } from "../../../src/xlsx";
import { chartXml } from "../../../src/xlsx/chart-xml";
import { sgdPlan, sgdWorkbook } from "../../helpers/sgd-plan";
import { parts } from "../../helpers/xlsx-file";

const plan = sgdPlan({ steps: 25 });
const p = parts(writeWorkbook(sgdWorkbook({ steps: 25 })));
const [errorChart, weightsChart] = [p["xl/charts/chart1.xml"], p["xl/charts/chart2.xml"]];

describe("chartXml", () => {
  it("is an XY scatter chart with two value axes and no secondary axis", () => {
    expect(errorChart).toContain("<c:scatterChart>");
    expect(errorChart.match(/<c:valAx>/g)).toHaveLength(2);
    expect(errorChart.match(/<c:scatterChart>/g)).toHaveLength(1);
    expect(errorChart).not.toMatch(/<c:(catAx|dateAx|lineChart)/);
  });

  it("takes X and Y values from cell ranges (c:numRef), never from literals or caches", () => {
    const s = plan.charts[1].series;
    const refs = [
      ...weightsChart.matchAll(/<c:(xVal|yVal)><c:numRef><c:f>([^<]+)<\/c:f><\/c:numRef><\/c:\1>/g),
    ].map((m) => m[2]);
    expect(refs).toEqual([rangeA1(s[0].x), rangeA1(s[0].y), rangeA1(s[1].x), rangeA1(s[1].y)]);
    expect(refs[0]).toBe("Run!$A$10:$A$34");
    expect(weightsChart).not.toMatch(/numLit|numCache/);
  });

  it("gives every series an explicit colour, so LibreOffice draws it", () => {
    expect(weightsChart).toMatch(
      /<c:ser>.*<c:spPr><a:ln w="19050" cap="rnd"><a:solidFill><a:srgbClr val="1F77B4"\/>/
    );
    expect(weightsChart).toMatch(
      /<c:marker><c:symbol val="circle"\/><c:size val="5"\/><c:spPr><a:solidFill><a:srgbClr val="1F77B4"\/>/
    );
    expect(weightsChart).toMatch(/<a:srgbClr val="FF7F0E"\/>.*<c:marker><c:symbol val="none"\/>/);
  });

  it("makes an axis logarithmic where the spec says so, and keeps given bounds", () => {
    expect(errorChart.match(/<c:logBase val="10"\/>/g)).toHaveLength(1);
    expect(errorChart).toMatch(
      /<c:axPos val="l"\/>.*<c:logBase|<c:logBase val="10"\/><c:orientation val="minMax"\/><\/c:scaling><c:delete val="0"\/><c:axPos val="l"\/>/
    );
    expect(weightsChart).not.toContain("logBase");
    expect(weightsChart).toContain(
      '<c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
    );
  });

  it("titles the chart and both axes, and shows a legend", () => {
    expect(errorChart).toContain("<a:t>Squared error by step</a:t>");
    expect(errorChart).toContain("<a:t>step</a:t>");
    expect(errorChart).toContain("<a:t>(ŷ − y)²</a:t>");
    expect(errorChart).toContain('<c:legend><c:legendPos val="b"/>');
  });

  it("refuses a chart without series", () => {
    expect(() => chartXml({ ...plan.charts[0], series: [] }, (n) => n)).toThrow(/no series/);
  });
});

describe("drawingXml", () => {
  it("anchors each chart over its cell rectangle and links it to its chart part", () => {
    const d = p["xl/drawings/drawing1.xml"];
    expect(d.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    expect(d).toContain(
      "<xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
        "<xdr:to><xdr:col>20</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row>"
    );
    expect(d).toContain('r:id="rId1"');
    expect(d).toContain('r:id="rId2"');
    expect(p["xl/drawings/_rels/drawing1.xml.rels"]).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"'
    );
    expect(p["xl/worksheets/sheet1.xml"]).toContain('<drawing r:id="rId1"/>');
  });

  it("adds no drawing to a sheet without charts", () => {
    const bare = sgdPlan();
    bare.charts = [];
    const q = parts(writeWorkbook({ sheets: [bare], namesScope: "workbook" }));
    expect(Object.keys(q).filter((n) => /drawing\d|chart/.test(n))).toEqual([]);
    expect(q["xl/worksheets/sheet1.xml"]).not.toContain("<drawing");
  });
});
