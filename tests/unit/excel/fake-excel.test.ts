import { describe, expect, it } from "vitest";
import { createFakeExcel, FakeOfficeError } from "../../../fake-excel";
import { workbookEngine } from "../../../fake-excel/engine";

describe("the fake Excel", () => {
  it("throws like Office.js when a property is read before load and sync", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem("Sheet1");
    expect(() => ws.name).toThrow(/call the load method/);
    ws.load("name");
    expect(() => ws.name).toThrow(FakeOfficeError);
    await ctx.sync();
    expect(ws.name).toBe("Sheet1");
  });

  it("applies writes only at sync, in order, and counts every sync as one request", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const range = ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, 2);
    range.values = [[1, "=A1*2"]];
    expect(fake.state.sheets[0].cells.size).toBe(0);
    range.load("formulas");
    await ctx.sync();
    expect(range.formulas).toEqual([[1, "=A1*2"]]);
    expect(fake.syncCount).toBe(1);
    expect(fake.requests[0].actions.map((a) => a.name)).toEqual([
      "getItem",
      "getRangeByIndexes",
      "values",
    ]);
  });

  it("loads isNullObject automatically for ...OrNullObject proxies", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
    const there = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
    await ctx.sync();
    expect([missing.isNullObject, there.isNullObject]).toEqual([true, false]);
  });

  it("raises ItemNotFound for a missing sheet at sync time", async () => {
    const ctx = createFakeExcel().context();
    ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("reads and reports A1 addresses through the sheet's address module", async () => {
    const ctx = createFakeExcel({ sheets: ["It's run"] }).context();
    const range = ctx.workbook.worksheets.getItem("It's run").getRange("$c$3:B2");
    range.load("address");
    await ctx.sync();
    expect(range.address).toBe("'It''s run'!B2:C3");
    ctx.workbook.worksheets.getItem("It's run").getRange("A0").values = [[1]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("raises InvalidArgument when a 2-D array does not match the range", async () => {
    const ctx = createFakeExcel().context();
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("refuses a request over the payload limit and applies none of it", async () => {
    const fake = createFakeExcel({ payloadLimit: 1000 });
    const ctx = fake.context();
    ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 200, 1).values = Array.from(
      { length: 200 },
      (_, i) => [i]
    );
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.state.sheets[0].cells.size).toBe(0);
    expect(fake.requests[0].bytes).toBeGreaterThan(1000);
  });

  it("answers the requirement-set check and rejects members newer than the host", async () => {
    const fake = createFakeExcel({ apiVersion: "1.8" });
    expect(fake.Office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(fake.Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    const ctx = fake.context();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1").values = [["=1+1"]];
    sheet.getRange("A1").autoFill("A1:A3", "FillCopy");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("fills formulas down like Excel: relative rows shift, absolute ones stay, text is untouched", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const sheet = ctx.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("B2").formulas = [['=A2*$C$1+A$1&"A2"']];
    sheet.getRange("B2").autoFill("B2:B4", "FillCopy");
    const out = sheet.getRange("B2:B4").load("formulas");
    await ctx.sync();
    expect(out.formulas).toEqual([
      ['=A2*$C$1+A$1&"A2"'],
      ['=A3*$C$1+A$1&"A2"'],
      ['=A4*$C$1+A$1&"A2"'],
    ]);
  });

  it("refuses a duplicate sheet name (case-insensitive) and a duplicate defined name", async () => {
    const ctx = createFakeExcel().context();
    ctx.workbook.worksheets.add("SHEET1");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.names.add("LearningRate", s.getRange("A1"));
    s.names.add("learningrate", s.getRange("A2"));
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  it("can leave a sync pending forever", async () => {
    const fake = createFakeExcel();
    fake.hangSyncs(1);
    const settled = await Promise.race([
      fake
        .context()
        .sync()
        .then(() => "settled"),
      new Promise((r) => setTimeout(() => r("pending"), 30)),
    ]);
    expect(settled).toBe("pending");
  });
});

describe("Excel's host rules in the fake", () => {
  it("turns references to a deleted sheet into #REF! in other sheets' formulas and chart series", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1", "Run 1", "Data"] });
    const ctx = fake.context();
    const s1 = ctx.workbook.worksheets.getItem("Sheet1");
    s1.getRange("A1").formulas = [["='Run 1'!B2+Data!C3+'Run 1'!A1:A9"]];
    s1.charts.add(
      "XYScatter",
      ctx.workbook.worksheets.getItem("Run 1").getRange("A1:A5"),
      "Columns"
    );
    ctx.workbook.worksheets.getItem("Run 1").delete();
    await ctx.sync();
    expect(fake.state.sheets[0].cells.get(0)?.formula).toBe("=#REF!+Data!C3+#REF!");
    expect(fake.state.sheets[0].charts[0].series[0].y).toMatchObject({ sheet: "#REF!" });
  });

  it("fails a response over 5 MB, as Excel on the web does", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem("Sheet1");
    for (let r = 0; r < 1000; r++)
      for (let c = 0; c < 100; c++)
        fake.state.sheets[0].cells.set(r * 16384 + c, { value: "x".repeat(60), format: {} });
    ws.getRangeByIndexes(0, 0, 100, 100).load("values");
    await ctx.sync();
    ws.getRangeByIndexes(0, 0, 1000, 100).load("values");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("stores ISO date text written into a General cell as a date serial, and keeps it as text in a text cell", async () => {
    const fake = createFakeExcel();
    const ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem("Sheet1");
    ws.getRange("A1").values = [["2026-11-27 12:00:00"]];
    ws.getRange("A1").numberFormat = [["@"]];
    ws.getRange("B1").numberFormat = [["@"]];
    ws.getRange("B1").values = [["2026-11-27 12:00:00"]];
    await ctx.sync();
    expect(fake.state.sheets[0].cells.get(0)?.value).toBe(46353.5);
    expect(fake.state.sheets[0].cells.get(1)?.value).toBe("2026-11-27 12:00:00");
  });

  it("activates a sheet that is not active when its panes are frozen, firing onActivated", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1", "Other"] });
    const fired: string[] = [];
    const ctx = fake.context();
    ctx.workbook.worksheets.onActivated.add(async (e) => void fired.push(e.worksheetId));
    ctx.workbook.worksheets.getItem("Other").freezePanes.freezeRows(1);
    await ctx.sync();
    await Promise.resolve();
    expect(fired).toEqual([fake.state.sheets[1].id]);
    expect(fake.state.activeSheetId).toBe(fake.state.sheets[1].id);
  });

  it("can refuse an oversized request with GeneralException instead of RequestPayloadSizeLimitExceeded", async () => {
    const ctx = createFakeExcel({ payloadLimit: 1000, requestError: "GeneralException" }).context();
    ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 100, 1).values = Array.from(
      { length: 100 },
      () => ["0123456789"]
    );
    await expect(ctx.sync()).rejects.toMatchObject({ code: "GeneralException" });
  });
});

describe("the fake's calculation engine (HyperFormula), brought up to date after edits", () => {
  it("recalculates a formula on another sheet when only the cell it reads changed", () => {
    const fake = createFakeExcel({ sheets: ["Run", "Notes"] });
    const engine = workbookEngine(fake.state);
    fake.userEdit("Run", 0, 0, 3);
    fake.userEdit("Notes", 0, 0, "=Run!A1*2");
    expect(engine.calculate("Notes", 0, 0)).toBe(6);
    fake.userEdit("Run", 0, 0, 5);
    expect(engine.calculate("Notes", 0, 0)).toBe(6); // not told yet
    engine.changed();
    expect(engine.calculate("Notes", 0, 0)).toBe(10);
  });

  it("follows a renamed sheet and a new name, as a new build would", () => {
    const fake = createFakeExcel({ sheets: ["Run", "Notes"] });
    const engine = workbookEngine(fake.state);
    fake.userEdit("Run", 0, 0, 3);
    fake.userEdit("Notes", 0, 0, "=Run!A1*2");
    expect(engine.calculate("Notes", 0, 0)).toBe(6);
    fake.rename("Run", "My run");
    fake.learner.defineName("Rate", "My run", "A1");
    fake.userEdit("Notes", 1, 0, "=Rate+1");
    engine.changed();
    expect(engine.calculate("Notes", 0, 0)).toBe(6);
    expect(engine.calculate("Notes", 1, 0)).toBe(4);
  });
});
