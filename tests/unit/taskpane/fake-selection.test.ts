import { describe, expect, it } from "vitest";
import { presetById } from "../../../src/core";
import { createWorkbook } from "../../../src/excel/gateway";
import { lrCellOf, planFor, runFor } from "../../../src/taskpane/runs";
import { createFakeExcel } from "../../../fake-excel";
import { hostOf } from "../excel/helpers";

describe("the fake Excel's selection follows the active sheet, as Excel's does", () => {
  it("after Generate activates the new run sheet, the selection is on it, so Explain reads that sheet", async () => {
    const fake = createFakeExcel();
    const gateway = createWorkbook(hostOf(fake).host);
    const plan = planFor(runFor(presetById("one-neuron")!.options), "Run A");
    await gateway.write(plan, { record: { options: plan.meta, lrCell: lrCellOf(plan) } });
    expect((await gateway.status()).activeSheet).toBe("Run A");
    expect(fake.state.selection.sheet).toBe("Run A");
  });

  it("moves it when the harness activates a sheet too", async () => {
    const fake = createFakeExcel();
    const gateway = createWorkbook(hostOf(fake).host);
    const plan = planFor(runFor(presetById("one-neuron")!.options), "Run B");
    await gateway.write(plan, { record: { options: plan.meta, lrCell: lrCellOf(plan) } });
    await fake.activate("Sheet1");
    await fake.select("Sheet1", 3, 2);
    await fake.activate("Run B");
    expect(fake.state.selection).toEqual({ sheet: "Run B", row: 0, col: 0, rows: 1, cols: 1 });
  });
});
