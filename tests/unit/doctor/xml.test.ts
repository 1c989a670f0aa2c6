import { describe, expect, it } from "vitest";
import { resolve } from "../../../src/xlsx/doctor/package";
import {
  attr,
  el,
  kid,
  kids,
  parseXml,
  path,
  serializeXml,
  textOf,
  XmlError,
} from "../../../src/xlsx/doctor/xml";

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Error &amp; loss &lt;by&gt; "epoch"</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:lineChart><c:ser><c:val><c:numRef><c:f>'basic SGD'!$C$38:$C$62</c:f></c:numRef></c:val></c:ser></c:lineChart></c:plotArea></c:chart><!-- kept --></c:chartSpace>
`;

describe("parseXml / serializeXml", () => {
  it("round-trips a chart part byte for byte when it uses the usual escapes", () => {
    expect(serializeXml(parseXml(CHART))).toBe(CHART);
  });

  it("decodes text and attribute values", () => {
    const doc = parseXml(CHART);
    expect(textOf(path(doc.root, "c:chart", "c:title"))).toBe('Error & loss <by> "epoch"');
    const d = parseXml(`<a x="1 &quot;2&quot; &#x41;&#66;"/>`);
    expect(attr(d.root, "x")).toBe('1 "2" AB');
  });

  it("keeps attribute order and re-encodes newlines in attributes so they survive", () => {
    const d = parseXml(`<a z="1" b="line&#10;two" a="&lt;"/>`);
    expect(serializeXml(d)).toBe(`<a z="1" b="line&#10;two" a="&lt;"/>`);
  });

  it("reads CDATA as text and keeps comments and processing instructions", () => {
    const d = parseXml(`<a><![CDATA[x < y]]><?pi ok?><b/></a>`);
    expect(textOf(d.root)).toBe("x < y");
    expect(serializeXml(d)).toBe(`<a>x &lt; y<?pi ok?><b/></a>`);
    expect(kid(d.root, "b")).toBeDefined();
  });

  it.each([
    ["<a><b></a>", /does not match/],
    ["<a>", /unclosed/],
    ["<a x=1/>", /quoted/],
    ["<a>&nbsp;</a>", /unknown XML entity/],
    ["<a/><b/>", /second root/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
    ["", /no root/],
    ['<a x="1" x="2"/>', /duplicate/],
  ])("rejects malformed XML %j", (src, msg) => {
    expect(() => parseXml(src)).toThrow(XmlError);
    expect(() => parseXml(src)).toThrow(msg);
  });
});

describe("canonical names (any prefix, Strict URIs)", () => {
  const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
  const S = "http://purl.oclc.org/ooxml/spreadsheetml/main";

  it("names elements and attributes by their namespace, not by the prefix a part chose", () => {
    const d = parseXml(
      `<x:workbook xmlns:x="${S}" xmlns:rel="http://purl.oclc.org/ooxml/officeDocument/relationships"><x:sheets><x:sheet name="A" rel:id="rId1"/></x:sheets></x:workbook>`
    );
    const sheet = kid(kid(d.root, "sheets"), "sheet");
    expect(sheet?.name).toBe("x:sheet");
    expect(attr(sheet, "r:id")).toBe("rId1");
    expect(attr(sheet, "rel:id")).toBeUndefined();
  });

  it("reads a default-namespace chart part as c: elements and keeps another namespace bound to c: apart", () => {
    const d = parseXml(
      `<chartSpace xmlns="${C}" xmlns:c="urn:other"><chart/><c:chart/></chartSpace>`
    );
    expect(d.root.q).toBe("c:chartSpace");
    expect(d.root.children.map((c) => (c.type === "element" ? c.q : ""))).toEqual([
      "c:chart",
      "{urn:other}chart",
    ]);
    expect(kids(d.root, "c:chart")).toHaveLength(1);
  });

  it("writes elements the fix adds with the part's own prefix, declaring one when the part has none", () => {
    const d = parseXml(`<chartSpace xmlns="${C}"><plotArea/></chartSpace>`);
    const plot = kid(d.root, "c:plotArea")!;
    plot.children.push(el("c:valAx", {}, [el("a:ln", { w: "1" })]));
    expect(serializeXml(d)).toBe(
      `<chartSpace xmlns="${C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><plotArea><valAx><a:ln w="1"/></valAx></plotArea></chartSpace>`
    );
  });
});

describe("resolve (relationship targets)", () => {
  it.each([
    ["xl/worksheets/sheet1.xml", "../drawings/drawing1.xml", "xl/drawings/drawing1.xml"],
    ["xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "./worksheets/sheet%201.xml", "xl/worksheets/sheet 1.xml"],
    ["", "xl/workbook.xml", "xl/workbook.xml"],
  ])("from %s, %s is %s", (from, target, part) => {
    expect(resolve(from, target)).toBe(part);
  });
});
