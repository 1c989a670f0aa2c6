import { describe, expect, it } from "vitest";
import { presetById } from "../../../src/core";
import { writePlans } from "../../../src/excel/write-sheets";
import { runFor } from "../../../src/taskpane/runs";
import { runsRow } from "../../../src/taskpane/vocabulary";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { fakeHost } from "./helpers";

const experiment = { role: "experiment" as const, options: {} };
const run = { role: "run" as const, options: {}, lrCell: LR_CELL };
/** The pane's Runs log row of a 1-neuron run: writing it creates the Runs sheet. */
const logged = runsRow(runFor(presetById("one-neuron")!.options), "Run 1", "new run");

describe("where new sheets go (placeRuns)", () => {
  it("puts an experiment's sheets, its Compare sheet and its runs in plan order, before Runs with the other runs", async () => {
    const { fake, host } = fakeHost();
    await writePlans(host, [sgdPlan({ steps: 3, name: "Run 1" })], {
      records: [run],
      runsRow: logged,
    });
    await writePlans(
      host,
      [sgdPlan({ steps: 3, name: "Compare" }), sgdPlan({ steps: 3, name: "1 neuron" })],
      {
        records: [experiment, run],
      }
    );
    await writePlans(host, [sgdPlan({ steps: 3, name: "Sweep" })], { records: [experiment] });
    await writePlans(
      host,
      [sgdPlan({ steps: 3, name: "Run 2" }), sgdPlan({ steps: 3, name: "Run 2 landscape" })],
      {
        records: [run, experiment],
      }
    );
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
    await writePlans(
      host,
      [sgdPlan({ steps: 3, name: "Compare" }), sgdPlan({ steps: 3, name: "1 neuron" })],
      {
        records: [experiment, run],
      }
    );
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Data", "Notes", "Compare", "1 neuron"]);
  });
});
