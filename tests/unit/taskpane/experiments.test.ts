import { describe, expect, it } from "vitest";
import { GRADDESC_X, MODELS, type RunOptions } from "../../../src/core";
import {
  compareExperiment,
  compareLine,
  compareRuns,
  experimentXlsx,
  sweepExperiment,
  sweepLine,
  sweepRates,
} from "../../../src/run";
import { formatValue } from "../../../src/taskpane/vocabulary";

/** The form's defaults: graddesc's 29 x values on y = 2x + 30, SGD, forward differences. */
const base = (lr = "0.0001", epochs = "3"): RunOptions => ({
  model: "linear",
  optimizer: "sgd",
  lr,
  epochs,
  gradient: "forward",
  h: "0.01",
  init: 1,
  data: { x: { kind: "list", x: [...GRADDESC_X] }, target: { slope: 2, intercept: 30 } },
});

describe("the Experiments section's comparison", () => {
  it("trains every ticked model on the same rows, learning rate and epochs, the narrow ones from weights of 1", () => {
    const runs = compareRuns(base(), ["linear", "two-linear", "two-relu"]);
    expect(runs.map((r) => r.config.model)).toEqual(["linear", "two-linear", "two-relu"]);
    for (const r of runs) {
      expect(r.config.data).toEqual(runs[0].config.data);
      expect([r.config.lr, r.config.epochs]).toEqual([1e-4, 3]);
      expect(Object.values(r.config.init).every((w) => w === 1)).toBe(true);
    }
  });

  it("lets a wide ReLU layer start from the core's seeded weights, so its neurons differ", () => {
    const [wide] = compareRuns(base(), ["relu-4"]);
    expect(new Set(Object.values(wide.config.init)).size).toBeGreaterThan(1);
  });

  it("says in one line where each model diverged or how far it got", () => {
    const runs = compareRuns(base("0.0003"), ["linear", "two-linear"]);
    const [one, two] = runs;
    expect(one.divergence).toBeNull();
    expect(two.divergence).not.toBeNull();
    expect(compareLine(runs)).toBe(
      `1 neuron: final √SSE ${formatValue(one.epochs[2].rootSse)}; 2 neurons diverged at step ${two.divergence!.step}.`
    );
  });

  it("asks for at least one model", () => {
    expect(() => compareRuns(base(), [])).toThrow(/Tick at least one model/);
  });

  it("writes the Compare sheet as an experiment and each model's sheet as a run with its LearningRate cell", () => {
    const e = compareExperiment(base(), ["linear", "two-linear", "two-relu"]);
    expect(e.workbook.sheets.map((s) => s.name)).toEqual([
      "Compare",
      MODELS.linear.label,
      MODELS["two-linear"].label,
      MODELS["two-relu"].label,
    ]);
    expect(e.records.map((r) => r.role)).toEqual(["experiment", "run", "run", "run"]);
    e.workbook.sheets.slice(1).forEach((s, i) => {
      const lr = s.names.find((n) => n.name === "LearningRate")!;
      expect(e.records[i + 1]).toMatchObject({
        lrCell: { row: lr.row, col: lr.col },
        options: s.meta,
      });
    });
  });
});

describe("the Experiments section's sweep", () => {
  it("spaces the rates evenly in log10 from the first to the last", () => {
    expect(sweepRates("1e-5", "1e-2", "4")).toEqual([1e-5, 1e-4, 1e-3, 1e-2]);
    const r = sweepRates("1e-6", "1e-2", "9");
    r.slice(1).forEach((v, i) => expect(Math.log10(v) - Math.log10(r[i])).toBeCloseTo(0.5, 9));
  });

  it("refuses unusable input in plain words", () => {
    expect(() => sweepRates("0", "1e-2", "4")).toThrow(
      /^From must be a number above 0, not "0"\.$/
    );
    expect(() => sweepRates("1e-3", "1e-5", "4")).toThrow(
      /^To must be a number no smaller than From \(1e-3\)/
    );
    expect(() => sweepRates("1e-5", "1e-2", "2.5")).toThrow(
      /^Rates must be a whole number from 1 to 200/
    );
    expect(() => sweepRates("", "1e-2", "4")).toThrow(/^From is empty\.$/);
    expect(() => sweepRates("1e-5", "1e-2", "201")).toThrow(/whole number from 1 to 200/);
  });

  it("names how many rates diverged, the first one, and the largest stable rate", () => {
    const e = sweepExperiment(base(), sweepRates("1e-6", "1e-2", "9"));
    const lrs = e.workbook.sheets[0].meta.lrs as number[];
    expect(lrs).toHaveLength(9);
    // the linear model on x up to 99: a rate of 1e-2 overshoots at once, 1e-6 cannot diverge
    expect(e.line).toMatch(
      /^\d of 9 rates diverged, the first at [\d.e-]+ \(step \d+\); largest stable rate [\d.e-]+\.$/
    );
    expect(e.records).toEqual([{ role: "experiment", options: e.workbook.sheets[0].meta }]);
  });

  it("computes the line from the runs: diverged count, first diverged rate and largest stable rate", () => {
    const runs = [
      { lr: 1e-5, epochs: [], divergence: null },
      { lr: 1e-4, epochs: [], divergence: null },
      { lr: 1e-3, epochs: [], divergence: { epoch: 1, row: 13, step: 13, reason: "" } },
    ] as never;
    expect(sweepLine({ runs, largestStable: 1e-4 })).toBe(
      "1 of 3 rates diverged, the first at 0.001 (step 13); largest stable rate 1e-4."
    );
    expect(
      sweepLine({
        runs: [{ lr: 1e-5, epochs: [], divergence: null }] as never,
        largestStable: 1e-5,
      })
    ).toBe("None of 1 rate diverged; largest stable rate 1e-5.");
  });
});

describe("the Experiments section without Excel", () => {
  it("builds the comparison workbook as an .xlsx file", () => {
    const file = experimentXlsx(compareExperiment(base(), ["linear", "two-relu"]));
    expect(file.filename).toBe("gradsheet-compare.xlsx");
    expect(String.fromCharCode(file.bytes[0], file.bytes[1])).toBe("PK");
  });

  it("formats rates as a learner writes them", () => {
    expect([1e-5, 3.16227766e-5, 1e-4, 0.01, 12.3456, Infinity].map(formatValue)).toEqual([
      "1e-5",
      "3.1623e-5",
      "1e-4",
      "0.01",
      "12.346",
      "overflow (#NUM!)",
    ]);
  });
});

describe("landscapeExperiment", () => {
  it("writes the live run sheet first, then its landscape sheet, recording the run as a run", async () => {
    const { landscapeExperiment } = await import("../../../src/run");
    const e = landscapeExperiment({ model: "linear", epochs: 2, lr: 1e-4, init: 1 });
    expect(e.workbook.sheets.map((s) => s.name)).toEqual([
      "1 neuron lr 1e-4",
      "1 neuron lr 1e-4 landscape",
    ]);
    expect(e.records.map((r) => r.role)).toEqual(["run", "experiment"]);
    expect(e.line).toMatch(/^The path after 2 epochs: final √SSE [\d.]+\.$/);
  });

  it("says where a diverging run leaves the map", async () => {
    const { landscapeExperiment } = await import("../../../src/run");
    expect(
      landscapeExperiment({
        model: "two-linear",
        gradient: "forward",
        epochs: 1,
        lr: 1e-4,
        init: 1,
      }).line
    ).toBe("The path leaves the map: the run diverged at step 27.");
  });

  it("refuses runs too long to record, in one sentence", async () => {
    const { landscapeExperiment } = await import("../../../src/run");
    expect(() => landscapeExperiment({ epochs: 10000 })).toThrow(/at most 200000 steps/);
  });
});
