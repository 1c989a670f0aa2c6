/**
 * Run sheets of wide ReLU layers (relu-n): per-neuron z_j and max(0, z_j) columns, the prediction
 * added left to right, bumped errors with the full prediction written out, derivatives, optimizer
 * state, updates, dead-layer counts and the fit, all evaluated by HyperFormula and equal to the
 * core's values bit for bit; typing a new LearningRate recomputes as a fresh core run.
 */
import { describe, expect, it } from "vitest";
import { OPTIMIZER_IDS, type GradientKind, type RunOptions } from "../../../src/core";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";
import { column, formulaOf, plannedRun } from "./fixtures";
import { expectRerunMatches } from "./rerun";
import { STABLE_LR, expectEngineAgrees } from "./engine-agrees";

const GRADIENTS: GradientKind[] = ["analytic", "forward", "central"];

describe("a wide ReLU run sheet evaluated by HyperFormula", () => {
  describe("every formula cell equals the core's value bit for bit", () => {
    for (const model of ["relu-2", "relu-8"])
      for (const optimizer of OPTIMIZER_IDS)
        for (const gradient of GRADIENTS)
          it(`${model}, ${optimizer}, ${gradient} derivative`, () =>
            expectEngineAgrees({ model, optimizer, gradient, lr: STABLE_LR[optimizer] }));
    for (const model of ["relu-3", "relu-4", "relu-5", "relu-6", "relu-7"])
      it(`${model}, adam, central derivative`, () =>
        expectEngineAgrees({ model, optimizer: "adam", gradient: "central", lr: 0.05 }));
  });

  it("agrees where the layer dies, passes the bound or overflows into #NUM!", () => {
    for (const options of [
      { model: "relu-4", lr: 1e-4, epochs: 3 },
      { model: "relu-2", lr: 10, gradient: "forward" },
      { model: "relu-8", optimizer: "momentum", lr: 1e6, gradient: "central" },
      { model: "relu-2", optimizer: "adam", lr: 0.1, init: { a1: -1e307 } },
    ] as RunOptions[])
      expectEngineAgrees(options);
  });

  it("agrees with mini-batches and shuffled epochs", () =>
    expectEngineAgrees({
      model: "relu-3",
      optimizer: "rmsprop",
      lr: 0.01,
      batch: 5,
      shuffleSeed: 4,
      epochs: 3,
    }));
});

describe("the sheet of a wide ReLU layer", () => {
  it("adds the neurons left to right, then d, in ŷ and in every bumped error", () => {
    const { plan } = plannedRun({ model: "relu-2" });
    expect(formulaOf(plan, "pred", 0)).toMatch(
      /^=[A-Z]+22\*[A-Z]+22\+[A-Z]+22\*[A-Z]+22\+[A-Z]+22$/
    );
    expect(formulaOf(plan, "errA2_up", 0)).toMatch(
      /^=\([A-Z]+22\*MAX\(0,[A-Z]+22\*D22\+[A-Z]+22\)\+[A-Z]+22\*MAX\(0,\([A-Z]+22\+DiffStep\)\*D22\+[A-Z]+22\)\+[A-Z]+22-E22\)\^2$/
    );
    expect(column(plan, "relu2").header).toBe("max(0, z2)");
  });

  it("names every initial weight without looking like a cell reference: InitA_1 … InitD", () => {
    const { plan } = plannedRun({ model: "relu-8" });
    const names = plan.names.map((n) => n.name);
    expect(names).toContain("InitA_1");
    expect(names).toContain("InitC_8");
    expect(names).toContain("InitD");
    expect(plan.charts.find((c) => c.id === "weights-by-step")!.series).toHaveLength(25);
  });
});

describe("rerunning a wide sheet in the workbook", () => {
  it("a new LearningRate recomputes every cell exactly as a fresh core run at that rate", () =>
    expectRerunMatches(
      { model: "relu-4", optimizer: "momentum", lr: 1e-5 },
      { LearningRate: 3e-5 },
      { lr: 3e-5 }
    ));
});
