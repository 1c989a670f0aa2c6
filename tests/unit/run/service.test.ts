import { describe, expect, it } from "vitest";
import { presetById, resolveConfig } from "../../../src/core";
import { createWorkbook, explainReader } from "../../../src/excel";
import {
  explainFromCells,
  lrCellOf,
  rowsToRead,
  runSheetName,
  runWorkbookPlan,
  stepLayout,
  trainRun,
  planRun,
} from "../../../src/run";
import { fakeHost, sheetNamed } from "../excel/helpers";

describe("the run service", () => {
  it("names every run's sheet by one rule: the model's label and the rate as a learner reads it", () => {
    expect(runSheetName(resolveConfig({ model: "two-linear", lr: 0.0001 }))).toBe(
      "2 neurons lr 1e-4"
    );
    expect(runSheetName(resolveConfig({ model: "relu-8", lr: 0.003 }))).toBe(
      "8 ReLU neurons lr 0.003"
    );
    expect(runSheetName(resolveConfig({ model: "linear", lr: 3.16227766e-5 }))).toBe(
      "1 neuron lr 3.1623e-5"
    );
  });

  it("plans a run's workbook with its landscape sheet after it", () => {
    const plan = runWorkbookPlan(trainRun(presetById("one-neuron")!.options), { landscape: true });
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "1 neuron lr 1e-4",
      "1 neuron lr 1e-4 landscape",
    ]);
    expect(plan.namesScope).toBe("workbook");
  });

  it("writes a run into Excel through the writer it is given, and the explain reader finds its step rows", async () => {
    const { fake, host } = fakeHost();
    const gateway = createWorkbook(host);
    const options = { ...presetById("two-neurons")!.options, epochs: 1 };
    const run = planRun(options, { change: "new run" });
    const report = await gateway.write(run.plan, { record: run.record, runsRow: run.runsRow });
    expect(report.sheet).toBe("2 neurons lr 1e-4");
    expect(sheetNamed(fake, "2 neurons lr 1e-4").charts.length).toBeGreaterThan(0);
    expect(run.record.lrCell).toEqual(lrCellOf(run.plan));
    expect(run.runsRow).toMatchObject({
      sheet: "2 neurons lr 1e-4",
      model: "2 neurons",
      optimizer: "SGD",
      lr: 1e-4,
      divergedAt: "step 27",
      change: "new run",
    });
    // the fake has no calculation engine: the reader sees the sheet as a run, and the core stands in for the empty formula cells
    const reader = explainReader(host);
    const layout = stepLayout(options);
    await reader.select(report.sheet, layout.firstRow + 26, 3);
    const sel = await reader.selection();
    expect(sel).toMatchObject({ sheet: "2 neurons lr 1e-4", row: layout.firstRow + 26, col: 3 });
    expect(sel.options).toEqual(run.plan.meta);
    const cells = await reader.read(sel.sheet, rowsToRead(layout, 27), layout.inputs);
    expect(cells.inputs.LearningRate).toBe(1e-4);
    const e = explainFromCells(layout, 27, cells.rows, cells.inputs);
    expect(e.fromCells).toBe(false);
    expect(e.json).toMatchObject({ step: 27, prediction: trainRun(options).rows![26].pred });
  });
});

describe("the explain reader's selection event", () => {
  it("hears the learner select another cell (Workbook.onSelectionChanged, ExcelApi 1.2)", async () => {
    const { fake, host } = fakeHost({ sheets: ["Sheet1"] });
    const heard: string[] = [];
    const listening = await explainReader(host).onSelectionChanged(() => heard.push("selected"));
    expect(listening).toBe(true);
    await fake.select("Sheet1", 4, 2);
    expect(heard).toEqual(["selected"]);
    expect(fake.state.selection).toMatchObject({ sheet: "Sheet1", row: 4, col: 2 });
  });

  it("says it cannot listen on an Excel without ExcelApi 1.2, so the pane polls instead", async () => {
    const { host } = fakeHost({ sheets: ["Sheet1"], apiVersion: "1.1" });
    expect(await explainReader(host).onSelectionChanged(() => undefined)).toBe(false);
  });
});
