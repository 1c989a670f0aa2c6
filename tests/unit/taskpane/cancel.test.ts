import { describe, expect, it } from "vitest";
import { presetById } from "../../../src/core";
import { createWorkbook } from "../../../src/excel/gateway";
import { lrCellOf, planFor, runFor } from "../../../src/taskpane/runs";
import { fakeHost } from "../excel/helpers";

describe("Cancel during Generate's write", () => {
  it("stops between requests and removes the half-written sheet, leaving the workbook as it was", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.12" });
    const plan = planFor(
      runFor({ ...presetById("one-neuron")!.options, epochs: 20 }),
      "1 neuron lr 1e-4"
    );
    const stop = new AbortController();
    const progress: number[] = [];
    const write = createWorkbook(host).write(plan, {
      record: { options: plan.meta, lrCell: lrCellOf(plan) },
      budget: 20_000,
      signal: stop.signal,
      onProgress: (done, total) => {
        progress.push(total);
        if (done === 1) stop.abort();
      },
    });
    await expect(write).rejects.toThrow("Cancelled: nothing was written.");
    expect(progress.length).toBe(1);
    expect(progress[0]).toBeGreaterThan(1);
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});
