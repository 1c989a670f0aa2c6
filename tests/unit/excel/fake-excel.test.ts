import { describe, expect, it } from "vitest";
import { createFakeExcel, FakeOfficeError } from "../../fake-excel";

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
    expect(fake.requests[0].actions.map((a) => a.name)).toEqual(["getItem", "getRangeByIndexes", "values"]);
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

  it("raises InvalidArgument when a 2-D array does not match the range", async () => {
    const ctx = createFakeExcel().context();
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("refuses a request over the payload limit and applies none of it", async () => {
    const fake = createFakeExcel({ payloadLimit: 1000 });
    const ctx = fake.context();
    ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 200, 1).values = Array.from({ length: 200 }, (_, i) => [i]);
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
    expect(out.formulas).toEqual([['=A2*$C$1+A$1&"A2"'], ['=A3*$C$1+A$1&"A2"'], ['=A4*$C$1+A$1&"A2"']]);
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
    const settled = await Promise.race([fake.context().sync().then(() => "settled"), new Promise((r) => setTimeout(() => r("pending"), 30))]);
    expect(settled).toBe("pending");
  });
});
