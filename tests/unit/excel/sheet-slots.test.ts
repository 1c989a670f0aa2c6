import { describe, expect, it } from "vitest";
import { writePlan } from "../../../src/excel/write-run";
import { writePlans } from "../../../src/excel/write-sheets";
import { runPlan } from "./fixtures";
import { fakeHost } from "./helpers";

const record = { options: { model: "linear", lr: 1e-4 }, lrCell: { row: 1, col: 1 } };
const runsRow = {
  sheet: "Run 1",
  model: "1 neuron",
  optimizer: "SGD",
  lr: 1e-4,
  epochs: 3,
  finalRootSse: 12.5,
  divergedAt: "",
  change: "new run",
};
const experiment = { role: "experiment" as const, options: {} };
const run = { role: "run" as const, ...record };

describe("where new sheets go (placeRuns)", () => {
  it("puts an experiment's sheets, its Compare sheet and its runs in plan order, before Runs with the other runs", async () => {
    const { fake, host } = fakeHost();
    await writePlan(host, runPlan(3), { record, runsRow });
    await writePlans(host, [runPlan(3, "Compare"), runPlan(3, "1 neuron")], {
      records: [experiment, run],
    });
    await writePlans(host, [runPlan(3, "Sweep")], { records: [experiment] });
    await writePlans(host, [runPlan(3, "Run 2"), runPlan(3, "Run 2 landscape")], {
      records: [run, experiment],
    });
    expect(fake.state.sheets.map((s) => s.name)).toEqual([
      "Sheet1",
      "Run 1",
      "Compare",
      "1 neuron",
      "Sweep",
      "Run 2",
      "Run 2 landscape",
      "Runs",
    ]);
  });

  it("leaves new sheets at the end of a workbook without a Runs log", async () => {
    const { fake, host } = fakeHost({ sheets: ["Data", "Notes"] });
    await writePlans(host, [runPlan(3, "Compare"), runPlan(3, "1 neuron")], {
      records: [experiment, run],
    });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Data", "Notes", "Compare", "1 neuron"]);
  });
});
