import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fixFile } from "../../../src/xlsx/doctor";
import { readChart } from "../../../src/xlsx/doctor/chart-read";
import { kid, kids, parseXml, path, attr, type XmlElement } from "../../../src/xlsx/doctor/xml";
import { corpus } from "./corpus";

/** The fixed copy of corpus case `name`: chart part `k`'s text and parsed root. */
function fixedChart(name: string, k = 0): { xml: string; root: XmlElement } {
  const c = corpus().find((x) => x.name === name)!;
  const files = unzipSync(fixFile(c.bytes).bytes);
  const part = Object.keys(files)
    .filter((n) => /^xl\/charts\/chart\d+\.xml$/i.test(n))
    .sort()[k];
  const xml = new TextDecoder().decode(files[part]);
  return { xml, root: parseXml(xml).root };
}

const plot = (root: XmlElement) => path(root, "c:chart", "c:plotArea")!;
const axisAt = (root: XmlElement, pos: string) =>
  kids(plot(root)).find((a) => attr(kid(a, "c:axPos"), "val") === pos)!;

describe("a converted chart keeps its look", () => {
  it("takes an area's fill colour as the scatter line's and markers' colour", () => {
    const { root } = fixedChart("area-look");
    const ser = kid(kid(plot(root), "c:scatterChart"), "c:ser")!;
    expect(attr(path(ser, "c:spPr", "a:ln", "a:solidFill", "a:srgbClr"), "val")).toBe("FF7F0E");
    expect(attr(path(ser, "c:marker", "c:spPr", "a:solidFill", "a:srgbClr"), "val")).toBe("FF7F0E");
    expect(attr(path(ser, "c:marker", "c:spPr", "a:ln", "a:solidFill", "a:srgbClr"), "val")).toBe(
      "FF7F0E"
    );
    expect(kid(plot(root), "c:areaChart")).toBeUndefined();
  });

  it("keeps the x axis' position, orientation and number format, and the x cells' own format", () => {
    const { root } = fixedChart("area-look");
    const x = axisAt(root, "b");
    expect(x.q).toBe("c:valAx");
    expect(attr(path(x, "c:scaling", "c:orientation"), "val")).toBe("maxMin");
    expect(attr(kid(x, "c:numFmt"), "formatCode")).toBe("0.0");
    const ser = kid(kid(plot(root), "c:scatterChart"), "c:ser")!;
    expect(path(ser, "c:xVal", "c:numRef", "c:numCache", "c:formatCode")?.children).toEqual([
      { type: "text", text: "0.00" },
    ]);
  });

  it("keeps the vertical axis where it stood (at the first category), not at x = 0", () => {
    const { root } = fixedChart("area-look");
    expect(attr(kid(axisAt(root, "l"), "c:crosses"), "val")).toBe("min");
  });

  it("keeps each series' extension list last in the series, and the chart's own", () => {
    const { root } = fixedChart("ext-lists");
    const ser = kid(kid(plot(root), "c:scatterChart"), "c:ser")!;
    const names = kids(ser).map((e) => e.q);
    expect(names[names.length - 1]).toBe("c:extLst");
    expect(names.slice(-4, -1)).toEqual(["c:xVal", "c:yVal", "c:smooth"]);
    expect(kid(root, "c:extLst")).toBeDefined();
  });

  it("writes the elements it adds with the part's own prefixes: none in a default-namespace chart", () => {
    const { xml, root } = fixedChart("default-namespace-chart");
    expect(xml).toContain("<scatterChart>");
    expect(xml).not.toMatch(/<c:/);
    expect(readChart(parseXml(xml), "p")?.model.type).toBe("scatter");
    expect(kid(plot(root), "c:scatterChart")).toBeDefined();
  });

  it("stays Strict in a Strict OOXML chart", () => {
    const { xml } = fixedChart("strict-ooxml");
    expect(xml).toContain("http://purl.oclc.org/ooxml/drawingml/chart");
    expect(xml).not.toContain("http://schemas.openxmlformats.org/drawingml/2006/chart");
    expect(readChart(parseXml(xml), "p")?.model.type).toBe("scatter");
  });
});
