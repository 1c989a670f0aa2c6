import { describe, expect, it } from "vitest";
import xmllint from "xmllint-wasm";
import { writeWorkbook } from "../../../src/xlsx";
import { sgdPlan, sgdWorkbook } from "../../helpers/sgd-plan";
import { parts } from "../../helpers/xlsx-file";

const book = () => parts(writeWorkbook(sgdWorkbook({ steps: 30 })));

describe("writeWorkbook: the package", () => {
  it("holds the parts of a workbook with one sheet, its drawing, two charts and its notes", () => {
    expect(Object.keys(book()).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "customXml/_rels/item1.xml.rels",
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "docProps/app.xml",
      "docProps/core.xml",
      "docProps/custom.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/comments1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/drawing1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
      "xl/theme/theme1.xml",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet1.xml",
    ]);
  });

  it("puts [Content_Types].xml first in the archive", () => {
    expect(Object.keys(book())[0]).toBe("[Content_Types].xml");
  });

  it("writes only well-formed XML", async () => {
    const files = Object.entries(book()).map(([fileName, contents]) => ({
      fileName: fileName.replace(/[[\]/]/g, "_"),
      contents,
    }));
    const result = await xmllint.validateXML({ xml: files, normalization: "format" });
    expect(result.errors).toEqual([]);
  });

  it("declares a content type for every part but relationships, VML and the custom XML item (defaults), and no part that is missing", () => {
    const p = book();
    const overrides = [...p["[Content_Types].xml"].matchAll(/PartName="\/([^"]+)"/g)]
      .map((m) => m[1])
      .sort();
    const xmlParts = Object.keys(p)
      .filter(
        (n) =>
          !/\.(rels|vml)$/.test(n) && !["[Content_Types].xml", "customXml/item1.xml"].includes(n)
      )
      .sort();
    expect(p["[Content_Types].xml"]).toContain(
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
    );
    expect(overrides).toEqual(xmlParts);
    expect(p["[Content_Types].xml"]).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
    );
  });

  it("points every relationship at a part that exists", () => {
    const p = book();
    for (const [name, xml] of Object.entries(p).filter(([n]) => n.endsWith(".rels"))) {
      const base = name.replace(/_rels\/[^/]*\.rels$/, "");
      for (const [, target] of xml.matchAll(/Target="([^"]+)"/g)) {
        const resolved = new URL(target, `file:///${base}`).pathname.slice(1);
        expect(p, `${name} → ${target}`).toHaveProperty([resolved]);
      }
    }
  });

  it("asks Excel to recalculate on load", () => {
    expect(book()["xl/workbook.xml"]).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
  });

  it("stores the plan's meta as JSON in a custom XML part, linked from the workbook", () => {
    const p = book();
    const json = /<gradsheet xmlns="urn:gradsheet:meta:1">(.*)<\/gradsheet>/
      .exec(p["customXml/item1.xml"])![1]
      .replace(/&quot;/g, '"');
    expect(JSON.parse(json)).toEqual({
      format: 1,
      namesScope: "workbook",
      sheets: [{ name: "Run", meta: { gradsheet: 1, lr: 1e-4, steps: 30 } }],
    });
    expect(p["xl/_rels/workbook.xml.rels"]).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"'
    );
    expect(p["customXml/itemProps1.xml"]).toContain(
      '<ds:schemaRef ds:uri="urn:gradsheet:meta:1"/>'
    );
  });

  it("marks the file with a GradSheet custom property short enough for Excel (≤ 255 characters)", () => {
    const value = /name="GradSheet"><vt:lpwstr>(.*)<\/vt:lpwstr>/
      .exec(book()["docProps/custom.xml"])![1]
      .replace(/&quot;/g, '"');
    expect(JSON.parse(value)).toEqual({ format: 1, customXml: "urn:gradsheet:meta:1" });
    expect(value.length).toBeLessThanOrEqual(255);
  });

  it("is byte-identical for the same plan and timestamp", () => {
    const created = new Date("2026-01-02T03:04:05Z");
    expect(writeWorkbook(sgdWorkbook(), { created })).toEqual(
      writeWorkbook(sgdWorkbook(), { created })
    );
  });

  it("refuses an empty workbook", () => {
    expect(() => writeWorkbook({ sheets: [], namesScope: "workbook" })).toThrow(
      /at least one sheet/
    );
  });

  it("uses no Node-only API, so the task pane can run it", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const dir = new URL("../../../src/xlsx/", import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      expect(readFileSync(new URL(f, dir), "utf8"), f).not.toMatch(
        /from "node:|require\(|\bBuffer\b|\bprocess\./
      );
    }
  });

  it("writes two sheets as two worksheet parts, each with its own drawing", () => {
    const p = parts(
      writeWorkbook({
        sheets: [sgdPlan({ name: "A" }), sgdPlan({ name: "B" })],
        namesScope: "sheet",
      })
    );
    expect(p["xl/workbook.xml"]).toMatch(
      /<sheet name="A" sheetId="1" r:id="rId1"\/><sheet name="B" sheetId="2" r:id="rId2"\/>/
    );
    expect(p["xl/drawings/_rels/drawing2.xml.rels"]).toContain("../charts/chart3.xml");
    expect(p["xl/drawings/_rels/drawing2.xml.rels"]).toContain("../charts/chart4.xml");
  });
});
