import { describe, expect, it } from "vitest";
import { attr, kid, parseXml, path, serializeXml, textOf, XmlError } from "../../../src/xlsx/doctor/xml";

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
