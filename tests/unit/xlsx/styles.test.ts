import { describe, expect, it } from "vitest";
import type { StyleId } from "../../../src/sheet/plan";
import { STYLES } from "../../../src/sheet/styles";
import { buildStyles } from "../../../src/xlsx/styles-xml";
import { writeWorkbook } from "../../../src/xlsx";
import { sgdWorkbook } from "../../helpers/sgd-plan";
import { reopen } from "../../helpers/xlsx-file";

const styles = buildStyles();
const xfs = [...styles.xml.matchAll(/<cellXfs count="\d+">(.*?)<\/cellXfs>/g)][0][1].match(
  /<xf [^>]*>/g
)!;

describe("buildStyles", () => {
  it("gives every style of the registry its own cell format after the default one", () => {
    const ids = Object.keys(STYLES) as StyleId[];
    expect(ids.map((id) => styles.xf[id])).toEqual(ids.map((_, i) => i + 1));
    expect(xfs).toHaveLength(ids.length + 1);
  });

  it("writes custom number formats from id 164 and uses built-in ids for the rest", () => {
    expect(styles.xml).toContain('<numFmt numFmtId="164" formatCode="0.0##E+00;-0.0##E+00;0"/>');
    expect(xfs[styles.xf.rate]).toContain('numFmtId="164"');
    expect(xfs[styles.xf.integer]).toContain('numFmtId="1"');
    expect(xfs[styles.xf.error]).toContain('numFmtId="0"');
  });

  it("keeps the two fills Excel reserves before the solid fills", () => {
    expect(styles.xml).toMatch(
      /<fills count="\d+"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/><\/fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFCC99"\/>/
    );
  });

  it("writes a differential format per style for conditional formatting", () => {
    expect(styles.xml).toContain(
      '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>'
    );
  });

  it("reads back through exceljs as the registry's fonts, fills and formats", async () => {
    const ws = (await reopen(writeWorkbook(sgdWorkbook()))).getWorksheet("Run")!;
    const input = ws.getCell("C3");
    expect(input.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFFCC99" },
    });
    expect(input.font).toMatchObject({ color: { argb: "FF3F3F76" } });
    expect(input.border?.left?.style).toBe("thin");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell("B10").numFmt).toBe("0");
    expect(ws.getCell("A9").alignment).toMatchObject({ horizontal: "center", wrapText: true });
  });
});

describe("writeWorkbook: sheet layout", () => {
  it("freezes the header rows and first column, sets widths and conditional formats", async () => {
    const { parts } = await import("../../helpers/xlsx-file");
    const xml = parts(writeWorkbook(sgdWorkbook({ steps: 20 })))["xl/worksheets/sheet1.xml"];
    expect(xml).toContain(
      '<pane xSplit="1" ySplit="9" topLeftCell="B10" activePane="bottomRight" state="frozen"/>'
    );
    expect(xml).toContain(
      '<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="14" customWidth="1"/></cols>'
    );
    expect(xml).toContain(
      `<conditionalFormatting sqref="G10:G29"><cfRule type="expression" dxfId="${styles.dxf.flag}" priority="1"><formula>G10&gt;1000</formula></cfRule></conditionalFormatting>`
    );
    expect(xml).toContain(
      '<conditionalFormatting sqref="H10:H29"><cfRule type="colorScale" priority="2"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FF63BE7B"/><color rgb="FFFFEB84"/><color rgb="FFF8696B"/></colorScale></cfRule></conditionalFormatting>'
    );
    expect(xml).toContain('<dimension ref="A1:K29"/>');
  });
});
