import { describe, expect, it } from "vitest";
import { createWorkbook } from "../../../src/excel/gateway";
import { writePlan } from "../../../src/excel/write-run";
import { NeedsNewerExcel } from "../../../src/excel/requirements";
import { cellKey } from "../../../fake-excel";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { content, fakeHost, sheetNamed } from "./helpers";

const options = { gradsheet: 1, kind: "run", settings: { lr: 1e-4 } };

async function withRun(opts: Parameters<typeof fakeHost>[0] = {}) {
  const { fake, host } = fakeHost(opts);
  const plan = sgdPlan({ steps: 20, name: "Run 1" });
  await writePlan(host, plan, { record: { options, lrCell: LR_CELL } });
  return { fake, host, plan, wb: createWorkbook(host) };
}

describe("the workbook gateway", () => {
  it("recognises the active sheet as a GradSheet run and reads its LearningRate cell", async () => {
    const { fake, wb } = await withRun();
    fake.userEdit("Run 1", LR_CELL.row, LR_CELL.col, 0.003);
    const st = await wb.status();
    expect(st.activeSheet).toBe("Run 1");
    expect(st.activeRun).toMatchObject({ role: "run", sheet: "Run 1", options });
    expect(st.learningRate).toBe(0.003);
  });

  it("still recognises a run the learner renamed (through its marker, ExcelApi 1.12) and reruns it", async () => {
    const { fake, wb } = await withRun();
    fake.rename("Run 1", "My best run");
    const st = await wb.status();
    expect(st.activeRun).toMatchObject({ sheet: "My best run", options });
    await wb.setLearningRate("My best run", 0.5, options);
    expect(content(sheetNamed(fake, "My best run"), LR_CELL.row, LR_CELL.col)).toBe(0.5);
    expect((await wb.status()).learningRate).toBe(0.5);
  });

  it("does not take a user's sheet for a run", async () => {
    const { fake, wb } = await withRun({ sheets: ["Sheet1"] });
    await fake.activate("Sheet1");
    expect((await wb.status()).activeRun).toBeNull();
  });

  it("recognises runs on Excel before 1.12 through the workbook setting", async () => {
    const { wb } = await withRun({ apiVersion: "1.8" });
    expect((await wb.status()).activeRun?.sheet).toBe("Run 1");
  });

  it("changes the learning rate by writing the LearningRate cell only", async () => {
    const { fake, wb } = await withRun();
    const before = new Map(
      [...sheetNamed(fake, "Run 1").cells].map(([k, c]) => [k, JSON.stringify(c)])
    );
    await wb.setLearningRate("Run 1", 1e-5, { ...options, settings: { lr: 1e-5 } });
    const after = sheetNamed(fake, "Run 1").cells;
    const changed = [...after]
      .filter(([k, c]) => before.get(k) !== JSON.stringify(c))
      .map(([k]) => k);
    expect(changed).toEqual([cellKey(LR_CELL.row, LR_CELL.col)]);
    expect(content(sheetNamed(fake, "Run 1"), LR_CELL.row, LR_CELL.col)).toBe(1e-5);
    expect(
      fake.requests.at(-1)!.actions.filter((a) => a.name === "values" || a.name === "formulas")
    ).toHaveLength(1);
    expect((await wb.status()).activeRun?.options).toEqual({ ...options, settings: { lr: 1e-5 } });
  });

  it("follows the LearningRate name when the cell has moved (rows inserted above it)", async () => {
    const { fake, wb } = await withRun();
    const name = fake.state.names.find((n) => n.name === "LearningRate")!;
    const moved = LR_CELL.row + 3;
    name.ref = { ...name.ref!, row: moved };
    fake.userEdit("Run 1", moved, LR_CELL.col, 0.02);
    expect((await wb.status()).learningRate).toBe(0.02);
    await wb.setLearningRate("Run 1", 0.05, options);
    expect(content(sheetNamed(fake, "Run 1"), moved, LR_CELL.col)).toBe(0.05);
    expect(content(sheetNamed(fake, "Run 1"), LR_CELL.row, LR_CELL.col)).toBe(0.0001);
  });

  it("refuses to change cells of a sheet it did not write", async () => {
    const { fake, wb } = await withRun({ sheets: ["Mine"] });
    await expect(wb.setLearningRate("Mine", 1e-5, options)).rejects.toThrow(/not a GradSheet run/);
    expect(sheetNamed(fake, "Mine").cells.size).toBe(0);
  });

  it("finds no edits on a fresh run, and names the cells a user changed (inputs excluded)", async () => {
    const { fake, wb, plan } = await withRun();
    expect(await wb.editedCells("Run 1", plan)).toEqual([]);
    fake.userEdit("Run 1", LR_CELL.row, LR_CELL.col, 0.5); // LearningRate: an input, expected to change
    fake.userEdit("Run 1", 10, 5, 99); // a prediction formula overwritten (column F)
    fake.userEdit("Run 1", 2, 6, "=1+1"); // the SSE summary formula replaced (G3)
    expect(await wb.editedCells("Run 1", plan)).toEqual(["G3", "F11"]);
  });

  it("finds no edits after the learner inserted rows above the run or between its blocks, and names an edit where it now is", async () => {
    const { fake, wb, plan } = await withRun();
    fake.learner.rows("Run 1", 0, 2); // two rows above everything: every cell and reference moves
    expect(await wb.editedCells("Run 1", plan)).toEqual([]);
    fake.learner.rows("Run 1", 8, 1); // one row between the settings (now rows 5–8) and the step table
    expect(await wb.editedCells("Run 1", plan)).toEqual([]);
    fake.userEdit("Run 1", 10 + 3, 5, 99); // written at F11, now F14
    expect(await wb.editedCells("Run 1", plan)).toEqual(["F14"]);
  });

  it("reads a summary that did not move with its references into the table that did", async () => {
    const { fake, wb, plan } = await withRun();
    fake.learner.rows("Run 1", 7, 1); // between the settings (rows 3–6) and the step table: SSE's SUM moves
    expect(await wb.editedCells("Run 1", plan)).toEqual([]);
  });

  it("still counts cells as edited where the learner inserted rows inside the step table (it cannot tell them apart)", async () => {
    const { fake, wb, plan } = await withRun();
    fake.learner.rows("Run 1", 12, 1);
    expect((await wb.editedCells("Run 1", plan)).length).toBeGreaterThan(0);
  });

  it("reports manual calculation and switches it to automatic", async () => {
    const { fake, wb } = await withRun();
    fake.state.calculationMode = "Manual";
    const st = await wb.status();
    expect(st).toMatchObject({ calculationMode: "Manual", canSwitchCalculation: true });
    await wb.switchToAutomatic();
    expect(fake.state.calculationMode).toBe("Automatic");
  });

  it("on Excel 2019 (ExcelApi 1.7) reports manual calculation but cannot switch it, and says which Excel can", async () => {
    const { fake, wb } = await withRun({ apiVersion: "1.7" });
    fake.state.calculationMode = "Manual";
    expect(await wb.status()).toMatchObject({
      calculationMode: "Manual",
      canSwitchCalculation: false,
    });
    await expect(wb.switchToAutomatic()).rejects.toThrow(NeedsNewerExcel);
    await expect(wb.switchToAutomatic()).rejects.toThrow(/needs Excel 2021 or Microsoft 365\.$/);
    expect(fake.state.calculationMode).toBe("Manual");
  });

  it("blocks writing on Excel older than 2019 with a sentence naming the Excel needed", () => {
    const { host } = fakeHost({ apiVersion: "1.4" });
    expect(createWorkbook(host).writeBlocker).toMatch(/needs Excel 2019 or later/);
    expect(createWorkbook(fakeHost().host).writeBlocker).toBeNull();
  });

  it("reads the selection's values and address", async () => {
    const { fake, wb } = await withRun({ sheets: ["Data"] });
    fake.userEdit("Data", 0, 0, 14);
    fake.userEdit("Data", 1, 0, 86);
    fake.state.selection = { sheet: "Data", row: 0, col: 0, rows: 2, cols: 1 };
    expect(await wb.readSelection()).toEqual({ address: "Data!A1:A2", values: [[14], [86]] });
  });

  it("tells the pane when the user activates another sheet", async () => {
    const { fake, wb } = await withRun({ sheets: ["Sheet1"] });
    const seen: number[] = [];
    await wb.onSheetActivated(() => seen.push(1));
    await fake.activate("Sheet1");
    expect(seen).toHaveLength(1);
  });
});
