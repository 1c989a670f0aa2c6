import { describe, expect, it } from "vitest";
import { createWorkbook } from "../../../src/excel";
import { writePlan } from "../../../src/excel/write-run";
import { writePlans } from "../../../src/excel/write-sheets";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { content, expectSheetEqualsPlan, fakeHost, sheetNamed } from "./helpers";

/** The writers' one hand-built run (tests/helpers/sgd-plan), `steps` rows, named like a learner's first run. */
const runPlan = (steps: number, name = "Run 1") => sgdPlan({ steps, name });
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
/** The Sheet column holds the sheet's name as text (sortable), with a hyperlink to its A1. */
const link = (sheet: string) => sheet;
const logRow = (fake: ReturnType<typeof fakeHost>["fake"], r: number) =>
  [1, 4, 5, 8].map((c) => content(sheetNamed(fake, "Runs"), r, c));

describe("the Runs log", () => {
  it("places each new run sheet just before Runs, so the runs stay together with Runs after them", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, runPlan(3), { record, runsRow: row });
    await writePlan(host, runPlan(3, "Run 2"), { record, runsRow: { ...row, sheet: "Run 2" } });
    await writePlan(host, runPlan(3, "Run 3"), { record, runsRow: { ...row, sheet: "Run 3" } });
    expect(fake.state.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Run 1",
      "Run 2",
      "Run 3",
      "Runs",
    ]);
  });

  it("appends one row per action and never rewrites one: the 1e-4 run stays logged after Apply of 1e-5, and a Rebuild adds its own row", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.12" });
    await writePlan(host, runPlan(3), { record, runsRow: row });
    await writePlan(host, runPlan(3, "Run 2"), { record, runsRow: { ...row, sheet: "Run 2" } });
    await writePlan(host, runPlan(5), {
      record,
      replace: "Run 1",
      runsRow: { ...row, epochs: 5, change: "rebuilt with 5 epochs (was 3)" },
    });
    await createWorkbook(host).setLearningRate("Run 2", 1e-5, record.options, {
      ...row,
      sheet: "Run 2",
      lr: 1e-5,
      change: "learning rate 1e-4 → 1e-5 (Apply)",
    });
    expect([1, 2, 3, 4].map((r) => logRow(fake, r))).toEqual([
      [link("Run 1"), 1e-4, 3, "new run"],
      [link("Run 2"), 1e-4, 3, "new run"],
      [link("Run 1"), 1e-4, 5, "rebuilt with 5 epochs (was 3)"],
      [link("Run 2"), 1e-5, 3, "learning rate 1e-4 → 1e-5 (Apply)"],
    ]);
  });

  it("after the learner sorts the log, Apply appends below everything and leaves every sorted row as it is", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.12" });
    await writePlan(host, runPlan(3), { record, runsRow: row });
    await writePlan(host, runPlan(3, "Run 2"), {
      record,
      runsRow: { ...row, sheet: "Run 2", lr: 1e-3 },
    });
    fake.learner.sort("Runs", "A1:I3", 4, false, true); // by learning rate, largest first
    const sorted = [1, 2].map((r) => logRow(fake, r));
    expect(sorted.map((r) => r[1])).toEqual([1e-3, 1e-4]);
    await createWorkbook(host).setLearningRate("Run 1", 1e-5, record.options, {
      ...row,
      lr: 1e-5,
      change: "Apply",
    });
    expect([1, 2].map((r) => logRow(fake, r))).toEqual(sorted);
    expect(logRow(fake, 3)).toEqual([link("Run 1"), 1e-5, 3, "Apply"]);
  });

  it.each(["1.12", "1.9"])(
    "never writes into a learner's own sheet called Runs (ExcelApi %s): the log is found by its mark",
    async (apiVersion) => {
      const { fake, host } = fakeHost({ apiVersion });
      await writePlan(host, runPlan(3), { record, runsRow: row });
      fake.learner.deleteSheet("Runs");
      fake.learner.addSheet("Runs");
      fake.userEdit("Runs", 2, 0, "my own list");
      await writePlan(host, runPlan(3, "Run 2"), { record, runsRow: { ...row, sheet: "Run 2" } });
      const mine = sheetNamed(fake, "Runs");
      expect([...mine.cells.keys()]).toEqual([2 * 16384]);
      expect(content(mine, 2, 0)).toBe("my own list");
      expect(content(sheetNamed(fake, "Runs (2)"), 1, 1)).toBe(link("Run 2"));
    }
  );

  it("logs Compare, Sweep and landscape sheets too, each with a link to its sheet", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, runPlan(3), { record, runsRow: row });
    const compare = {
      ...runPlan(3, "Compare"),
      meta: { gradsheet: 1, kind: "compare", runs: ["a", "b"] },
    };
    await writePlans(host, [compare], { records: [{ role: "experiment", options: {} }] });
    expect(content(sheetNamed(fake, "Runs"), 2, 1)).toBe("Compare");
    expect(sheetNamed(fake, "Runs").cells.get(2 * 16384 + 1)?.hyperlink).toEqual({
      documentReference: "'Compare'!A1",
      textToDisplay: "Compare",
    });
    expect(content(sheetNamed(fake, "Runs"), 2, 8)).toBe("Compare of 2 runs");
  });
});

describe("Cancel during a Rebuild", () => {
  it("leaves the run as it was when taken before the sheet is cleared", async () => {
    const { fake, host } = fakeHost();
    const plan = runPlan(3);
    await writePlan(host, plan, { record });
    const stop = new AbortController();
    stop.abort();
    await expect(
      writePlan(host, runPlan(40), { record, replace: "Run 1", signal: stop.signal })
    ).rejects.toThrow("Cancelled: nothing was written.");
    expectSheetEqualsPlan(sheetNamed(fake, "Run 1"), plan);
  });

  it("finishes the rebuild when taken after the sheet was cleared, rather than leave half a run", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, runPlan(3), { record });
    const stop = new AbortController();
    const bigger = runPlan(400);
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
