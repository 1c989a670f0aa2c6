import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/xlsx";
import { sgdPlan } from "../../helpers/sgd-plan";
import { parts, reopen } from "../../helpers/xlsx-file";

describe("writeWorkbook: sheet names", () => {
  const long = "Run: lr=0.001 [adam] two-relu / forward * 2?";
  const plan = sgdPlan({ name: long });
  plan.blocks.push({ row: 6, col: 0, cells: [[{ formula: `='${long}'!C3*2`, cached: 2e-4 }]] });
  const bytes = writeWorkbook({ sheets: [plan], namesScope: "workbook" });
  const p = parts(bytes);
  const clean = "Run lr=0.001 adam two-relu forw";

  it("sanitises names Excel would refuse: at most 31 characters, none of []:*?/\\", () => {
    const name = /<sheet name="([^"]+)"/.exec(p["xl/workbook.xml"])![1];
    expect(name).toBe(clean);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[[\]:*?/\\]/);
  });

  it("points names, chart ranges and formulas at the sanitised name", async () => {
    const name = clean;
    expect(p["xl/workbook.xml"]).toContain(`>'${name}'!$C$3</definedName>`);
    expect(p["xl/charts/chart1.xml"]).toContain(`<c:f>'${name}'!$A$10:$A$67</c:f>`);
    const ws = (await reopen(bytes)).getWorksheet(name)!;
    expect(ws.getCell("A7").formula).toBe(`'${name}'!C3*2`);
  });

  it("makes two sheets with the same name unique", () => {
    const q = parts(
      writeWorkbook({
        sheets: [sgdPlan({ name: "Run" }), sgdPlan({ name: "run" })],
        namesScope: "sheet",
      })
    );
    expect([...q["xl/workbook.xml"].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "Run",
      "run (2)",
    ]);
  });

  it("renames each sheet's references in one pass, so a name freed by one sheet and taken by another does not mix", async () => {
    // "A/B" becomes "A B", so the sheet already named "A B" becomes "A B (2)": a formula reading
    // both keeps reading both, 1 from the first sheet and 2 from the second.
    const first = sgdPlan({ name: "A/B" });
    first.blocks.push({ row: 6, col: 0, cells: [[{ formula: "='A/B'!C3+'A B'!C3", cached: 0 }]] });
    const bytes = writeWorkbook({ sheets: [first, sgdPlan({ name: "A B" })], namesScope: "sheet" });
    const ws = (await reopen(bytes)).getWorksheet("A B")!;
    expect(ws.getCell("A7").formula).toBe("'A B'!C3+'A B (2)'!C3");
  });
});
