import { describe, expect, it } from "vitest";
import { writePlan, REQUEST_BUDGET } from "../../../src/excel/write-run";
import { SyncTimeout } from "../../../src/excel/host";
import { NeedsNewerExcel } from "../../../src/excel/requirements";
import { snapshot } from "../../../fake-excel";
import { LR_CELL, TABLE_ROW, sgdPlan } from "../../helpers/sgd-plan";
import { presetById, resolveConfig, train } from "../../../src/core";
import { STYLES, buildRunSheet } from "../../../src/sheet";
import {
  content,
  expectSheetEqualsPlan,
  fakeHost,
  sheetNamed,
  storedIndex,
  withoutAreas,
} from "./helpers";

const record = { options: { model: "linear", lr: 1e-4 }, lrCell: LR_CELL };

describe("writePlan", () => {
  it("adds a sheet whose cells equal the plan, formula columns filled down row by row", async () => {
    const { fake, host } = fakeHost();
    const plan = sgdPlan({ steps: 29, name: "Run 1" });
    const report = await writePlan(host, plan, { record });
    expect(report.sheet).toBe("Run 1");
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), plan);
    expect(content(sheetNamed(fake, "Run 1"), 3, 5)).toBe("=1+1"); // text, not a formula
  });

  it("writes a real run sheet (the 2 neurons + ReLU preset) cell for cell, with its names and linked charts", async () => {
    const { fake, host } = fakeHost();
    const result = train(resolveConfig(presetById("two-relu")!.options), { rows: true });
    const plan = buildRunSheet(result, { name: "ReLU" });
    const report = await writePlan(host, plan, { record });
    expect(report.sheet).toBe("ReLU");
    expect(report.axisWarning).toBeUndefined();
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const sheet = sheetNamed(fake, "ReLU");
    expectSheetEqualsPlan(sheet, plan);
    const scoped = fake.state.names
      .filter((n) => n.scopeSheetId === sheet.id)
      .map((n) => n.name)
      .sort();
    expect(withoutAreas(scoped)).toEqual(plan.names.map((n) => n.name).sort());
    // one area name per block and table, so a rebuild finds GradSheet's cells wherever they moved
    expect(scoped.length - withoutAreas(scoped).length).toBe(
      plan.blocks.length + plan.tables.length
    );
    expect(sheet.charts).toHaveLength(plan.charts.length);
    sheet.charts.forEach((chart, i) => {
      expect(chart.seriesBy).toBe("Columns");
      const spec = plan.charts[i];
      expect(chart.series.map((s) => s.x)).toEqual(spec.series.map((s) => s.x));
      expect(chart.series.map((s) => s.y)).toEqual(spec.series.map((s) => s.y));
      // X values are cells of the sheet: a step, epoch or x column, never typed-in categories.
      for (const s of chart.series) {
        expect(s.x).toMatchObject({ sheet: "ReLU", cols: 1 });
        const header = content(sheet, s.x!.row - 1, s.x!.col);
        expect(["step", "epoch", "x"]).toContain(String(header).toLowerCase());
      }
    });
  });

  it("on ExcelApi 1.18 adds the parameters' explanations as cell notes, still within 3 syncs", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.18" });
    const plan = buildRunSheet(
      train(resolveConfig(presetById("two-relu")!.options), { rows: true }),
      { name: "ReLU" }
    );
    const report = await writePlan(host, plan, { record });
    expect(report.axisWarning).toBeUndefined();
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const lr = plan.names.find((n) => n.name === "LearningRate")!;
    const notes = sheetNamed(fake, "ReLU").notes;
    expect(notes.get(lr.row * 16384 + lr.col)).toMatch(/learning rate/i);
    const commented = plan.blocks.flatMap((b) => b.cells.flat()).filter((c) => c?.comment).length;
    expect(notes.size).toBe(commented);
  });

  it("applies the plan's number formats and styles to the table columns", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 10, name: "Run 1" }), { record });
    const s = sheetNamed(fake, "Run 1");
    const cell = (r: number, c: number) => s.cells.get(r * 16384 + c)!;
    expect(cell(16, 3).numberFormat).toBe(STYLES.weight.numberFormat);
    expect(cell(16, 0).numberFormat).toBe("0");
    expect(cell(TABLE_ROW, 0).format["font.bold"]).toBe(true);
    expect(cell(LR_CELL.row, LR_CELL.col).format["fill.color"]).toBe("#FFCC99");
    expect(s.freeze).toMatchObject({ rows: TABLE_ROW + 1, cols: 1 });
    expect(s.columnWidths.get(1)).toBeGreaterThan(40); // 14 characters wide
  });

  it("defines the plan's names scoped to the new sheet", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    const id = sheetNamed(fake, "Run 1").id;
    const lr = fake.state.names.find((n) => n.name === "LearningRate");
    expect(lr).toMatchObject({
      scopeSheetId: id,
      ref: { sheet: "Run 1", ...LR_CELL, rows: 1, cols: 1 },
      comment: "type a new rate here",
    });
    expect(withoutAreas(fake.state.names.map((n) => n.name)).sort()).toEqual([
      "InitA",
      "LearningRate",
    ]);
  });

  it("creates XY scatter charts with an explicit seriesBy and X values that reference the step and x cells", async () => {
    const { fake, host } = fakeHost();
    const plan = sgdPlan({ steps: 29, name: "Run 1" });
    // a markers-only series beside the error line: ŷ against x
    const rows = { sheet: "Run 1", row: TABLE_ROW + 1, rows: 29, cols: 1 };
    plan.charts[0].series.push({
      name: "prediction",
      x: { ...rows, col: 1 },
      y: { ...rows, col: 5 },
      color: "2F5597",
      markers: true,
      lines: false,
    });
    await writePlan(host, plan, { record });
    const [chart] = sheetNamed(fake, "Run 1").charts;
    expect(chart.type).toBe("XYScatterLinesNoMarkers");
    expect(chart.seriesBy).toBe("Columns");
    expect(chart.props["title.text"]).toBe("Squared error by step");
    expect(chart.series.map((s) => s.name)).toEqual(["error", "prediction"]);
    expect(chart.series[0].x).toEqual({ ...rows, col: 0 });
    expect(chart.series[0].y).toEqual({ ...rows, col: 6 });
    expect(chart.series[1].x).toEqual({ ...rows, col: 1 });
    expect(chart.series[1].props).toMatchObject({
      chartType: "XYScatter",
      markerStyle: "Circle",
      "line.lineStyle": "None",
    });
    expect(chart.props["axes.valueAxis.scaleType"]).toBe("Logarithmic");
    expect(chart.props.position).toEqual({
      start: { sheet: "Run 1", row: 0, col: 12, rows: 1, cols: 1 },
      end: { sheet: "Run 1", row: 19, col: 19, rows: 1, cols: 1 },
    });
  });

  it("changes nothing else in the workbook: other sheets, names and settings stay as they were", async () => {
    const { fake, host } = fakeHost({ sheets: ["Data", "Notes"] });
    fake.userEdit("Data", 0, 0, 42);
    fake.userEdit("Notes", 3, 2, "=Data!A1*2");
    const before = snapshot(fake.state) as { sheets: unknown[] };
    await writePlan(host, sgdPlan({ steps: 12, name: "Run 1" }), { record });
    const after = snapshot(fake.state) as {
      sheets: { name: string }[];
      settings: [string, unknown][];
    };
    expect(after.sheets.filter((s) => s.name !== "Run 1")).toEqual(before.sheets);
    // the index lives in a custom XML part only: no workbook setting any more
    expect(after.settings).toEqual([]);
    expect(Object.keys(storedIndex(fake))).toHaveLength(1);
  });

  it("never overwrites an existing sheet: the new sheet gets a unique name and its charts point at it", async () => {
    const { fake, host } = fakeHost({ sheets: ["Run 1"] });
    fake.userEdit("Run 1", 0, 0, "mine");
    const report = await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    expect(report.sheet).toBe("Run 1 (2)");
    expect(content(sheetNamed(fake, "Run 1"), 0, 0)).toBe("mine");
    expect(sheetNamed(fake, "Run 1 (2)").charts[0].series[0].x?.sheet).toBe("Run 1 (2)");
  });

  it("activates the new sheet", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    expect(fake.state.activeSheetId).toBe(sheetNamed(fake, "Run 1").id);
  });

  it("needs at most 3 syncs for a 100,000-cell sheet, each request under 4 MB", async () => {
    const { fake, host } = fakeHost();
    const plan = sgdPlan({ steps: 5000, name: "Big", extraColumns: 13 }); // 20 columns × 5001 rows ≈ 100k cells
    const report = await writePlan(host, plan, { record });
    expect(report.cells).toBeGreaterThanOrEqual(100_000);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(Math.max(...fake.requests.map((r) => r.bytes))).toBeLessThan(REQUEST_BUDGET);
    expectSheetEqualsPlan(sheetNamed(fake, "Big"), plan);
  });

  it("on ExcelApi 1.7 (no autoFill) sends every formula, split into requests under 4 MB, and the sheet still equals the plan", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7" });
    const plan = sgdPlan({ steps: 8000, name: "Old", extraColumns: 13 });
    await writePlan(host, plan, { record });
    expect(fake.requests.some((r) => r.actions.some((a) => a.name === "autoFill"))).toBe(false);
    expect(fake.syncCount).toBeGreaterThan(3);
    for (const r of fake.requests) expect(r.bytes).toBeLessThan(REQUEST_BUDGET);
    expectSheetEqualsPlan(sheetNamed(fake, "Old"), plan);
  });

  it("estimates each write request at no less than the bytes the fake measures", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7" });
    const report = await writePlan(host, sgdPlan({ steps: 6000, name: "Old", extraColumns: 4 }), {
      record,
    });
    const writes = fake.requests.slice(1, 1 + report.requestBytes.length).map((r) => r.bytes);
    report.requestBytes.forEach((estimate, i) =>
      expect(estimate).toBeGreaterThanOrEqual(writes[i])
    );
  });

  it("halves a request Excel refuses as too large and resends it", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7", payloadLimit: 300_000 });
    const plan = sgdPlan({ steps: 3000, name: "Split" });
    await writePlan(host, plan, { record, budget: 1_000_000 });
    expect(fake.requests.some((r) => r.bytes > 300_000)).toBe(true);
    expectSheetEqualsPlan(sheetNamed(fake, "Split"), plan);
    expect(fake.state.sheets.filter((s) => s.name.startsWith("Split"))).toHaveLength(1);
  });

  it("keeps the sheet and its charts when Excel refuses a logarithmic axis, and says so", async () => {
    const { fake, host } = fakeHost();
    fake.failOn(
      "scaleType",
      "InvalidArgument",
      "This operation is not permitted for the current object."
    );
    const plan = sgdPlan({ steps: 8, name: "Run 1" });
    const report = await writePlan(host, plan, { record });
    expect(report.axisWarning).toMatch(/logarithmic/);
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), plan);
    expect(sheetNamed(fake, "Run 1").charts).toHaveLength(plan.charts.length);
  });

  it("refuses Excel without ExcelApi 1.7 with a sentence naming the Excel needed, before touching the workbook", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.6" });
    await expect(writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record })).rejects.toThrow(
      NeedsNewerExcel
    );
    await expect(writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record })).rejects.toThrow(
      /Excel 2019 or later/
    );
    expect(fake.syncCount).toBe(0);
  });

  it("gives up with a plain message when a sync never returns", async () => {
    const { fake, host } = fakeHost({}, 50);
    fake.hangSyncs(1);
    await expect(writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record })).rejects.toThrow(
      SyncTimeout
    );
    await expect(
      writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record })
    ).resolves.toMatchObject({
      sheet: "Run 1",
    });
  });

  it("marks the sheet with a short custom property (ExcelApi 1.12) naming its record's key, and keeps the record in the index part", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), {
      record,
      now: () => new Date("2026-11-27T12:00:00Z"),
    });
    const marker = sheetNamed(fake, "Run 1").customProperties.get("GradSheet")!;
    expect(marker.length).toBeLessThanOrEqual(255);
    const key = "Run 1@2026-11-27T12:00:00.000Z";
    expect(JSON.parse(marker)).toEqual({
      app: "GradSheet",
      role: "run",
      sheet: "Run 1",
      key,
      created: "2026-11-27T12:00:00.000Z",
    });
    expect(storedIndex(fake)[key]).toMatchObject({
      app: "GradSheet",
      role: "run",
      sheet: "Run 1",
      sheetId: sheetNamed(fake, "Run 1").id,
      created: "2026-11-27T12:00:00.000Z",
      ...record,
    });
  });

  it("on Excel before 1.12 stores the record in the index part only", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.9" });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record });
    expect(sheetNamed(fake, "Run 1").customProperties.size).toBe(0);
    expect(Object.values(storedIndex(fake)).map((r) => r.sheet)).toEqual(["Run 1"]);
  });

  it("appends a row to a Runs sheet it creates, and to the same sheet next time", async () => {
    const { fake, host } = fakeHost();
    const row = {
      sheet: "Run 1",
      model: "two-relu",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 3,
      finalRootSse: 12.5,
      divergedAt: "",
    };
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), {
      record,
      runsRow: row,
      now: () => new Date("2026-11-27T12:00:00Z"),
    });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), {
      record,
      runsRow: { ...row, sheet: "Run 1 (2)", lr: 1e-5, divergedAt: "epoch 1, row 27" },
    });
    const runs = sheetNamed(fake, "Runs");
    // docs/excel-addin.md: "one row per run sheet: time, sheet, model, optimizer, learning rate,
    // epochs, final √SSE, where it diverged, and what changed", in that order; each value sits
    // under the one header that names it.
    const documented: [RegExp, unknown, unknown][] = [
      [/^time$/i, "2026-11-27 12:00:00", expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)],
      [/^sheet$/i, "Run 1", "Run 1 (2)"],
      [/^model$/i, "two-relu", "two-relu"],
      [/^optimizer$/i, "sgd", "sgd"],
      [/^learning rate$/i, 1e-4, 1e-5],
      [/^epochs$/i, 3, 3],
      [/^final √SSE$/i, 12.5, 12.5],
      [/diverged/i, "", "epoch 1, row 27"],
      [/changed/i, "", ""],
    ];
    const headers = Array.from({ length: 12 }, (_, c) => String(content(runs, 0, c) ?? ""));
    const columns = documented.map(([title]) => {
      const found = headers.flatMap((h, c) => (title.test(h) ? [c] : []));
      expect(found, String(title)).toHaveLength(1);
      return found[0];
    });
    expect(columns).toEqual([...columns].sort((x, y) => x - y));
    expect(headers.filter(Boolean)).toHaveLength(documented.length);
    documented.forEach(([title, first, second], i) => {
      expect(content(runs, 1, columns[i]) ?? "", String(title)).toEqual(first);
      expect(content(runs, 2, columns[i]) ?? "", String(title)).toEqual(second);
    });
  });

  it("leaves a user's own Runs sheet alone and logs to Runs (2)", async () => {
    const { fake, host } = fakeHost({ sheets: ["Runs"] });
    fake.userEdit("Runs", 0, 0, "my notes");
    const row = {
      sheet: "Run 1",
      model: "linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 1,
      finalRootSse: 1,
      divergedAt: "",
    };
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record, runsRow: row });
    expect(content(sheetNamed(fake, "Runs"), 0, 0)).toBe("my notes");
    expect(sheetNamed(fake, "Runs").cells.size).toBe(1);
    expect(content(sheetNamed(fake, "Runs (2)"), 1, 1)).toBe("Run 1");
    expect(sheetNamed(fake, "Runs (2)").cells.get(16384 + 1)?.hyperlink?.documentReference).toBe(
      "'Run 1'!A1"
    );
  });

  it("rebuilds its own sheet in place, keeping name and position", async () => {
    const { fake, host } = fakeHost({ sheets: ["Sheet1", "Other"] });
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    fake.state.sheets.push(fake.state.sheets.splice(2, 1)[0]); // move Run 1 last
    const i = fake.state.sheets.findIndex((s) => s.name === "Run 1");
    const bigger = sgdPlan({ steps: 9, name: "Run 1" });
    await writePlan(host, bigger, { record, replace: "Run 1" });
    expect(fake.state.sheets.findIndex((s) => s.name === "Run 1")).toBe(i);
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), bigger);
    expect(fake.state.sheets).toHaveLength(3);
  });

  it("rebuilds a run that is the workbook's only sheet (written beside it, then swapped)", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    fake.state.sheets = fake.state.sheets.filter((s) => s.name === "Run 1");
    const bigger = sgdPlan({ steps: 9, name: "Run 1" });
    await writePlan(host, bigger, { record, replace: "Run 1" });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Run 1"]);
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), bigger);
    expect(fake.state.names.filter((n) => n.name === "LearningRate")).toHaveLength(1);
  });

  it("keeps the sheet (and every reference to it) when a rebuild fails part way, and says to rebuild again", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    const id = sheetNamed(fake, "Run 1").id;
    fake.failOn("setXAxisValues", "GeneralException", "An internal error has occurred.");
    await expect(
      writePlan(host, sgdPlan({ steps: 9, name: "Run 1" }), { record, replace: "Run 1" })
    ).rejects.toThrow(/internal error.*Rebuild again/);
    expect(fake.state.sheets.map((s) => [s.name, s.id])).toEqual([
      ["Sheet1", fake.state.sheets[0].id],
      ["Run 1", id],
    ]);
  });

  it("rebuilds a run in place, so a Compare sheet's formulas and charts that read it keep working", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record });
    const compare = fake.context();
    const c = compare.workbook.worksheets.add("Compare");
    c.getRange("A1").formulas = [["='Run 1'!B2*2"]];
    c.charts.add(
      "XYScatter",
      compare.workbook.worksheets.getItem("Run 1").getRange("A8:A12"),
      "Columns"
    );
    await compare.sync();
    await writePlan(host, sgdPlan({ steps: 9, name: "Run 1" }), { record, replace: "Run 1" });
    expect(content(sheetNamed(fake, "Compare"), 0, 0)).toBe("='Run 1'!B2*2");
    expect(sheetNamed(fake, "Compare").charts[0].series[0].y).toMatchObject({ sheet: "Run 1" });
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), sgdPlan({ steps: 9, name: "Run 1" }));
  });

  it("halves once a large request that Excel on the web refuses with GeneralException", async () => {
    const { fake, host } = fakeHost({
      apiVersion: "1.7",
      payloadLimit: 1_200_000,
      requestError: "GeneralException",
    });
    const plan = sgdPlan({ steps: 12000, name: "Split" });
    await writePlan(host, plan, { record, budget: 2_000_000 });
    expect(fake.requests.some((r) => r.bytes > 1_200_000)).toBe(true);
    expectSheetEqualsPlan(sheetNamed(fake, "Split"), plan);
  });

  it("removes the half-written sheet when a new run fails part way", async () => {
    const { fake, host } = fakeHost();
    fake.failOn("setValues", "GeneralException", "An internal error has occurred.");
    await expect(writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), { record })).rejects.toThrow(
      /internal error/
    );
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("refuses to rebuild a sheet it did not write", async () => {
    const { fake, host } = fakeHost({ sheets: ["Sheet1", "Budget"] });
    await expect(
      writePlan(host, sgdPlan({ steps: 5, name: "Budget" }), { record, replace: "Budget" })
    ).rejects.toThrow(/not written by GradSheet/);
    expect(sheetNamed(fake, "Budget").cells.size).toBe(0);
  });
});
