import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/xlsx";
import { commentsXml, notesOf, vmlXml } from "../../../src/xlsx/comments-xml";
import { sgdPlan, sgdWorkbook } from "../../helpers/sgd-plan";
import { parts, reopen } from "../../helpers/xlsx-file";

describe("notesOf", () => {
  it("collects the comment of every block cell, at the cell's sheet position", () => {
    expect(
      notesOf([
        {
          row: 2,
          col: 1,
          cells: [
            [null, { comment: "lr" }],
            [{}, { comment: "h" }],
          ],
        },
      ])
    ).toEqual([
      { row: 2, col: 2, text: "lr" },
      { row: 3, col: 2, text: "h" },
    ]);
  });
});

describe("commentsXml and vmlXml", () => {
  it("write each note's text for its cell, escaped", () => {
    expect(commentsXml([{ row: 2, col: 2, text: "a < b" }])).toContain(
      '<comment ref="C3" authorId="0"><text><r><t xml:space="preserve">a &lt; b</t></r></text></comment>'
    );
  });

  it("give each note a hidden VML box tied to its row and column, with ids unique per sheet", () => {
    const vml = vmlXml(
      [
        { row: 2, col: 2, text: "x" },
        { row: 5, col: 0, text: "y" },
      ],
      3
    );
    expect(vml).toContain('<o:idmap v:ext="edit" data="3"/>');
    expect(vml).toContain('id="_x0000_s3073"');
    expect(vml).toContain('id="_x0000_s3074"');
    expect(vml).toContain("<x:Row>5</x:Row><x:Column>0</x:Column>");
    expect(vml).toContain('ObjectType="Note"');
  });
});

describe("writeWorkbook: notes", () => {
  const bytes = writeWorkbook(sgdWorkbook());
  const p = parts(bytes);

  it("links the comments and their VML drawing from the sheet, after its chart drawing", () => {
    expect(p["xl/worksheets/_rels/sheet1.xml.rels"]).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"'
    );
    expect(p["xl/worksheets/_rels/sheet1.xml.rels"]).toContain(
      'Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"'
    );
    expect(p["xl/worksheets/sheet1.xml"]).toMatch(
      /<drawing r:id="rId1"\/><legacyDrawing r:id="rId3"\/><\/worksheet>$/
    );
  });

  it("reads back through exceljs as the cell's note", async () => {
    const note = (await reopen(bytes)).getWorksheet("Run")!.getCell("C3").note;
    const text = typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("");
    expect(text).toBe("Type a new rate & the sheet recalculates.");
  });

  it("adds no comments part to a sheet without notes", () => {
    const plan = sgdPlan();
    plan.blocks = plan.blocks.map((b) => ({
      ...b,
      cells: b.cells.map((l) => l.map((c) => (c ? { ...c, comment: undefined } : c))),
    }));
    const q = parts(writeWorkbook({ sheets: [plan], namesScope: "workbook" }));
    expect(Object.keys(q).filter((n) => /comments|vml/.test(n))).toEqual([]);
    expect(q["xl/worksheets/sheet1.xml"]).not.toContain("legacyDrawing");
    expect(q["[Content_Types].xml"]).not.toContain("vml");
  });
});
