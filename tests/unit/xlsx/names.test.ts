import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/xlsx";
import { sgdPlan, sgdWorkbook } from "../../helpers/sgd-plan";
import { parts, reopen } from "../../helpers/xlsx-file";

const workbookXml = (bytes: Uint8Array) => parts(bytes)["xl/workbook.xml"];

describe("writeWorkbook: defined names", () => {
  it("writes workbook-wide names as Sheet!$C$3, with their comment", () => {
    expect(workbookXml(writeWorkbook(sgdWorkbook()))).toContain(
      '<definedNames><definedName name="LearningRate" comment="type a new rate here">Run!$C$3</definedName><definedName name="InitA">Run!$C$4</definedName></definedNames>'
    );
  });

  it("reads back through exceljs with the same names and cells", async () => {
    const wb = await reopen(writeWorkbook(sgdWorkbook()));
    expect(wb.definedNames.model).toEqual([
      { name: "LearningRate", ranges: ["Run!$C$3"] },
      { name: "InitA", ranges: ["Run!$C$4"] },
    ]);
  });

  it("scopes names to their sheet with localSheetId when the workbook holds several runs", () => {
    const xml = workbookXml(
      writeWorkbook({
        sheets: [sgdPlan({ name: "Run 1" }), sgdPlan({ name: "Run 2" })],
        namesScope: "sheet",
      })
    );
    expect(xml).toContain(
      `<definedName name="LearningRate" localSheetId="0" comment="type a new rate here">'Run 1'!$C$3</definedName>`
    );
    expect(xml).toContain(
      `<definedName name="LearningRate" localSheetId="1" comment="type a new rate here">'Run 2'!$C$3</definedName>`
    );
  });

  it("keeps at most 255 characters of a name's comment, as Excel does", () => {
    const plan = sgdPlan();
    plan.names[0].comment = "x".repeat(300);
    expect(workbookXml(writeWorkbook({ sheets: [plan], namesScope: "workbook" }))).toContain(
      `comment="${"x".repeat(255)}">`
    );
  });

  it("refuses the same workbook-wide name on two sheets", () => {
    expect(() =>
      writeWorkbook({
        sheets: [sgdPlan({ name: "A" }), sgdPlan({ name: "B" })],
        namesScope: "workbook",
      })
    ).toThrow(/LearningRate is given twice .*namesScope "sheet"/);
  });

  it.each(["B3", "R1C1", "my rate", "1st", "lr:2"])(
    "refuses %s, which Excel would not take as a name",
    (name) => {
      const plan = sgdPlan();
      plan.names = [{ name, row: 0, col: 0 }];
      expect(() => writeWorkbook({ sheets: [plan], namesScope: "workbook" })).toThrow(
        /not a valid defined name/
      );
    }
  );
});
