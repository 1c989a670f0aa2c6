import { describe, expect, it } from "vitest";
import { createWorkbook } from "../../../src/excel";
import { writePlan } from "../../../src/excel/write-run";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { content, expectSheetEqualsPlan, fakeHost, sheetNamed } from "./helpers";

const record = { options: { model: "linear", lr: 1e-4 }, lrCell: LR_CELL };
const row = {
  sheet: "Run 1",
  model: "1 neuron",
  optimizer: "SGD",
  lr: 1e-4,
  epochs: 3,
  finalRootSse: 12.5,
  divergedAt: "",
  change: "new run",
};
const logRow = (fake: ReturnType<typeof fakeHost>["fake"], r: number) =>
  [1, 4, 5, 8].map((c) => content(sheetNamed(fake, "Runs"), r, c));

describe("the Runs log", () => {
  it("places each new run sheet just before Runs, so the runs stay together with Runs after them", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record, runsRow: row });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 2" }), {
      record,
      runsRow: { ...row, sheet: "Run 2" },
    });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 3" }), {
      record,
      runsRow: { ...row, sheet: "Run 3" },
    });
    expect(fake.state.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Run 1",
      "Run 2",
      "Run 3",
      "Runs",
    ]);
  });

  it("rewrites a run's own row when it is rebuilt or its learning rate applied, saying what changed", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.12" });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record, runsRow: row });
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 2" }), {
      record,
      runsRow: { ...row, sheet: "Run 2" },
    });
    await writePlan(host, sgdPlan({ steps: 5, name: "Run 1" }), {
      record,
      replace: "Run 1",
      runsRow: { ...row, epochs: 5, change: "rebuilt with 5 epochs (was 3)" },
    });
    expect(logRow(fake, 1)).toEqual(["Run 1", 1e-4, 5, "rebuilt with 5 epochs (was 3)"]);
    await createWorkbook(host).setLearningRate("Run 2", 1e-5, record.options, {
      ...row,
      sheet: "Run 2",
      lr: 1e-5,
      change: "learning rate 1e-4 → 1e-5 (Apply)",
    });
    expect(logRow(fake, 2)).toEqual(["Run 2", 1e-5, 3, "learning rate 1e-4 → 1e-5 (Apply)"]);
    expect(content(sheetNamed(fake, "Runs"), 3, 1)).toBeUndefined();
  });
});

describe("Cancel during a Rebuild", () => {
  it("leaves the run as it was when taken before the sheet is cleared", async () => {
    const { fake, host } = fakeHost();
    const plan = sgdPlan({ steps: 3, name: "Run 1" });
    await writePlan(host, plan, { record });
    const stop = new AbortController();
    stop.abort();
    await expect(
      writePlan(host, sgdPlan({ steps: 40, name: "Run 1" }), {
        record,
        replace: "Run 1",
        signal: stop.signal,
      })
    ).rejects.toThrow("Cancelled: nothing was written.");
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), plan);
  });

  it("finishes the rebuild when taken after the sheet was cleared, rather than leave half a run", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, sgdPlan({ steps: 3, name: "Run 1" }), { record });
    const stop = new AbortController();
    const bigger = sgdPlan({ steps: 400, name: "Run 1" });
    const totals: number[] = [];
    await writePlan(host, bigger, {
      record,
      replace: "Run 1",
      budget: 20_000,
      signal: stop.signal,
      onProgress: (_done, total) => {
        totals.push(total);
        stop.abort();
      },
    });
    expect(totals[0]).toBeGreaterThan(1);
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), bigger);
  });
});
