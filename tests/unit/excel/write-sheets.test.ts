import { describe, expect, it } from "vitest";
import { writePlans } from "../../../src/excel/write-sheets";
import { REQUEST_BUDGET } from "../../../src/excel/write-run";
import { createWorkbook } from "../../../src/excel/gateway";
import { initForModel, resolveConfig, train, type ModelId } from "../../../src/core";
import { buildCompareWorkbook, buildSweepSheet } from "../../../src/sheet/experiments";
import { logSpace, sweep } from "../../../src/core";
import type { SheetPlan } from "../../../src/sheet/plan";
import { snapshot } from "../../../fake-excel";
import {
  content,
  expectSheetEqualsPlan,
  fakeHost,
  sheetNamed,
  storedIndex,
  withoutAreas,
} from "./helpers";
import { lrCellOf } from "../../../src/taskpane/runs";

const MODELS: ModelId[] = ["linear", "two-linear", "two-relu"];

/** The comparison workbook of the three base models, 3 epochs of graddesc's 29 rows each. */
function comparison(epochs = 3): SheetPlan[] {
  const results = MODELS.map((model) =>
    train(
      resolveConfig({
        model,
        optimizer: "sgd",
        lr: 1e-4,
        epochs,
        gradient: "forward",
        h: 0.01,
        init: initForModel(1, model),
      }),
      { rows: true }
    )
  );
  return buildCompareWorkbook(results).sheets;
}

const recordsFor = (plans: SheetPlan[]) =>
  plans.map((p, i) =>
    i === 0
      ? { role: "experiment" as const, options: p.meta }
      : { role: "run" as const, options: p.meta, lrCell: lrCellOf(p) }
  );

const formulasOf = (plan: SheetPlan): string[] =>
  plan.blocks.flatMap((b) => b.cells.flat()).flatMap((c) => (c?.formula ? [c.formula] : []));

describe("writePlans (the comparison workbook)", () => {
  it("adds the Compare sheet and one sheet per model, each equal to its plan, in 3 syncs", async () => {
    const { fake, host } = fakeHost();
    const plans = comparison();
    const report = await writePlans(host, plans, { records: recordsFor(plans) });
    expect(report.sheets).toEqual(["Compare", "1 neuron", "2 neurons", "2 neurons + ReLU"]);
    // the Compare is logged: a Runs log is made for it
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Sheet1", ...report.sheets, "Runs"]);
    plans.forEach((p) => expectSheetEqualsPlan(sheetNamed(fake, p.name), p));
    // 1 look + 1 write batch + 1 axis scales: the bound for a comparison of three 3-epoch runs on ExcelApi 1.9+.
    expect(report.syncs).toBe(3);
    expect(fake.syncCount).toBe(3);
    expect(report.axisWarning).toBeUndefined();
    expect(fake.state.activeSheetId).toBe(sheetNamed(fake, "Compare").id);
    expect(
      fake.requests.flatMap((r) => r.actions).filter((a) => a.name === "activate")
    ).toHaveLength(1);
    // Only the active sheet is frozen: freezing another one would activate it (office-js #3148).
    expect(fake.core.activations).toEqual(["Compare"]);
    expect(sheetNamed(fake, "Compare").freeze).toMatchObject({
      rows: plans[0].freeze.rows,
      cols: plans[0].freeze.cols,
    });
    for (const p of plans.slice(1)) expect(sheetNamed(fake, p.name).freeze).toBeNull();
    expect(sheetNamed(fake, "Compare").charts[0].props["axes.valueAxis.scaleType"]).toBe(
      "Logarithmic"
    );
  });

  it("keeps every request under 4 MB, and each estimate no lower than the bytes the fake measures", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7" });
    const plans = comparison(30);
    const report = await writePlans(host, plans, { records: recordsFor(plans) });
    expect(report.syncs).toBe(fake.syncCount);
    for (const r of fake.requests) expect(r.bytes).toBeLessThan(REQUEST_BUDGET);
    const writes = fake.requests.slice(1, 1 + report.requestBytes.length).map((r) => r.bytes);
    report.requestBytes.forEach((estimate, i) =>
      expect(estimate).toBeGreaterThanOrEqual(writes[i])
    );
    plans.forEach((p) => expectSheetEqualsPlan(sheetNamed(fake, p.name), p));
  });

  it("batches the sheets together: a small budget gives several requests, each under it, and the same workbook", async () => {
    const { fake, host } = fakeHost();
    const plans = comparison();
    const report = await writePlans(host, plans, { records: recordsFor(plans), budget: 60_000 });
    expect(report.requestBytes.length).toBeGreaterThan(1);
    expect(report.requestBytes.length).toBeLessThan(plans.length * 4);
    for (const b of report.requestBytes) expect(b).toBeLessThanOrEqual(60_000);
    plans.forEach((p) => expectSheetEqualsPlan(sheetNamed(fake, p.name), p));
  });

  it("halves a request Excel refuses as too large and resends it, adding each sheet once", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7", payloadLimit: 200_000 });
    const plans = comparison(10);
    await writePlans(host, plans, { records: recordsFor(plans), budget: 1_000_000 });
    expect(fake.requests.some((r) => r.bytes > 200_000)).toBe(true);
    expect(fake.state.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      ...plans.map((p) => p.name),
      "Runs",
    ]);
    plans.forEach((p) => expectSheetEqualsPlan(sheetNamed(fake, p.name), p));
  });

  it("adds every sheet before writing a formula that refers to one of them", async () => {
    const { fake, host } = fakeHost();
    const plans = comparison();
    await writePlans(host, plans, { records: recordsFor(plans) });
    const first = fake.requests[1].actions;
    const adds = first.flatMap((a, i) =>
      a.target === "worksheets" && a.name === "add" ? [i] : []
    );
    const firstFormula = first.findIndex((a) => a.name === "formulas");
    expect(adds).toHaveLength(4);
    expect(Math.max(...adds)).toBeLessThan(firstFormula);
  });

  it("defines each run's names scoped to its own sheet", async () => {
    const { fake, host } = fakeHost();
    const plans = comparison();
    await writePlans(host, plans, { records: recordsFor(plans) });
    const lr = fake.state.names.filter((n) => n.name === "LearningRate");
    expect(lr).toHaveLength(3);
    for (const p of plans.slice(1)) {
      const id = sheetNamed(fake, p.name).id;
      const cell = p.names.find((n) => n.name === "LearningRate")!;
      expect(lr.find((n) => n.scopeSheetId === id)?.ref).toEqual({
        sheet: p.name,
        row: cell.row,
        col: cell.col,
        rows: 1,
        cols: 1,
      });
    }
    expect(fake.state.names.every((n) => n.scopeSheetId !== null)).toBe(true);
  });

  it("renames a run sheet whose name the user already has, and the Compare formulas follow it", async () => {
    const { fake, host } = fakeHost({ sheets: ["2 neurons", "Compare"] });
    fake.userEdit("2 neurons", 0, 0, "my own");
    fake.userEdit("Compare", 1, 1, "=1+1");
    const plans = comparison();
    const report = await writePlans(host, plans, { records: recordsFor(plans) });
    expect(report.sheets).toEqual(["Compare (2)", "1 neuron", "2 neurons (2)", "2 neurons + ReLU"]);
    const compare = sheetNamed(fake, "Compare (2)");
    const written = [...compare.cells.values()].flatMap((c) => (c.formula ? [c.formula] : []));
    expect(written.filter((f) => f.includes("'2 neurons (2)'!"))).toHaveLength(
      formulasOf(plans[0]).filter((f) => f.includes("'2 neurons'!")).length
    );
    expect(written.some((f) => f.includes("'2 neurons'!"))).toBe(false);
    for (const s of compare.charts[0].series)
      expect([s.x?.sheet, s.y?.sheet]).toEqual(["Compare (2)", "Compare (2)"]);
    for (const c of sheetNamed(fake, "2 neurons (2)").charts)
      for (const s of c.series) expect(s.x?.sheet).toBe("2 neurons (2)");
    expect(content(sheetNamed(fake, "2 neurons"), 0, 0)).toBe("my own");
    expect(sheetNamed(fake, "2 neurons").cells.size).toBe(1);
    expect(content(sheetNamed(fake, "Compare"), 1, 1)).toBe("=1+1");
  });

  it("changes nothing else in the workbook: other sheets and names stay, and only GradSheet's index is stored", async () => {
    const { fake, host } = fakeHost({ sheets: ["Data", "Notes"] });
    fake.userEdit("Data", 0, 0, 42);
    fake.userEdit("Notes", 3, 2, "=Data!A1*2");
    const before = snapshot(fake.state) as { sheets: unknown[]; names: unknown[] };
    const plans = comparison();
    const report = await writePlans(host, plans, { records: recordsFor(plans) });
    const after = snapshot(fake.state) as {
      sheets: { name: string }[];
      settings: [string, unknown][];
    };
    expect(
      after.sheets.filter((s) => !report.sheets.includes(s.name) && s.name !== "Runs")
    ).toEqual(before.sheets);
    expect(after.settings).toEqual([]);
  });

  it("records the run sheets so the pane recognises them, and the Compare sheet as an experiment", async () => {
    const { fake, host } = fakeHost();
    const plans = comparison();
    await writePlans(host, plans, { records: recordsFor(plans) });
    const index = storedIndex(fake);
    expect(Object.fromEntries(Object.values(index).map((v) => [v.sheet, v.role]))).toEqual({
      Compare: "experiment",
      "1 neuron": "run",
      "2 neurons": "run",
      "2 neurons + ReLU": "run",
      Runs: "runs",
    });
    const wb = createWorkbook(host);
    expect((await wb.status()).activeRun).toBeNull();
    await fake.activate("2 neurons");
    const st = await wb.status();
    expect(st.activeRun).toMatchObject({ role: "run", sheet: "2 neurons" });
    expect(st.learningRate).toBe(1e-4);
    expect(
      JSON.parse(sheetNamed(fake, "2 neurons").customProperties.get("GradSheet")!)
    ).toMatchObject({ role: "run", sheet: "2 neurons" });
  });

  it("removes every sheet it added when a write fails, leaving the workbook as it was", async () => {
    const { fake, host } = fakeHost({ sheets: ["Data"] });
    const before = { ...(snapshot(fake.state) as object), nextId: 0 };
    fake.failOn("setValues", "GeneralException", "An internal error has occurred.");
    const plans = comparison();
    await expect(writePlans(host, plans, { records: recordsFor(plans) })).rejects.toThrow(
      /internal error/
    );
    expect({ ...(snapshot(fake.state) as object), nextId: 0 }).toEqual(before);
  });

  it("writes a learning-rate sweep as one experiment sheet in 3 syncs, with its log-scale chart, not taken for a run", async () => {
    const { fake, host } = fakeHost();
    const options = {
      model: "two-linear",
      optimizer: "sgd",
      epochs: 3,
      gradient: "forward",
      h: 0.01,
      init: 1,
    };
    const lrs = logSpace(1e-6, 1e-2, 9);
    const plan = buildSweepSheet(sweep(options, lrs), resolveConfig({ ...options, lr: lrs[0] }));
    const report = await writePlans(host, [plan], {
      records: [{ role: "experiment", options: plan.meta }],
    });
    expect(report.sheets).toEqual(["Sweep"]);
    expect(report.syncs).toBe(3);
    expectSheetEqualsPlan(sheetNamed(fake, "Sweep"), plan);
    expect(sheetNamed(fake, "Sweep").charts[0].props["axes.categoryAxis.scaleType"]).toBe(
      "Logarithmic"
    );
    expect((await createWorkbook(host).status()).activeRun).toBeNull();
  });

  it("refuses Excel before ExcelApi 1.7 before touching the workbook", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.6" });
    const plans = comparison();
    await expect(writePlans(host, plans, { records: recordsFor(plans) })).rejects.toThrow(
      /Excel 2019 or later/
    );
    expect(fake.syncCount).toBe(0);
  });
});
