/**
 * Mini-batch run sheets: HyperFormula evaluates every formula and must equal the core bit for bit
 * over batch sizes × optimizers × gradients, a partial last batch included; a batch size of 1
 * writes the sheet it always did; typing a new LearningRate or BatchSize recomputes as the core.
 */
import { describe, expect, it } from "vitest";
import { OPTIMIZER_IDS, type GradientKind, type RunOptions } from "../../../src/core";
import { runConfigFromMeta, runSheetMeta } from "../../../src/sheet";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";
import { column, formulaOf, plannedRun, stepTable } from "./fixtures";
import { expectRerunMatches } from "./rerun";
import { STABLE_LR, expectEngineAgrees } from "./engine-agrees";

const GRADIENTS: GradientKind[] = ["analytic", "forward", "central"];

describe("a mini-batch run sheet evaluated by HyperFormula", () => {
  describe("every formula cell equals the core's value bit for bit", () => {
    // 29 rows: batches of 4 leave a last batch of 1, batches of 5 one of 4; 29 is full-batch descent
    // (batch 1 is the sheet formulas-match-core.test.ts proves for every model)
    for (const batch of [4, 5, 29])
      for (const optimizer of OPTIMIZER_IDS)
        for (const gradient of GRADIENTS)
          it(`two-relu, batch ${batch}, ${optimizer}, ${gradient} derivative`, () =>
            expectEngineAgrees({
              model: "two-relu",
              batch,
              optimizer,
              gradient,
              lr: STABLE_LR[optimizer],
            }));
    for (const model of ["linear", "two-linear"])
      for (const optimizer of OPTIMIZER_IDS)
        it(`${model}, batch 5, ${optimizer}, central derivative`, () =>
          expectEngineAgrees({
            model,
            batch: 5,
            optimizer,
            gradient: "central",
            lr: STABLE_LR[optimizer],
          }));
  });

  it("agrees on diverging batch runs too: #NUM! where the core has NaN", () => {
    for (const options of [
      { model: "two-linear", lr: 1e-3, batch: 4 },
      { model: "linear", lr: 1, batch: 3, epochs: 4 },
      { model: "two-relu", optimizer: "momentum", lr: 1e6, batch: 5 },
    ] as RunOptions[]) {
      expect(plannedRun(options).result.divergence).not.toBeNull();
      expectEngineAgrees(options);
    }
  });

  it("agrees with ε = 0, where k's rate lr/(√s + ε) divides by zero until the first update: #DIV/0! as the engine shows", () => {
    for (const optimizer of ["rmsprop", "adam"]) {
      const { plan } = plannedRun({ model: "linear", optimizer, eps: 0, lr: 0.01, batch: 4 });
      expect(column(plan, "k").cached![0]).toEqual({ error: "#DIV/0!" });
      expectEngineAgrees({ model: "linear", optimizer, eps: 0, lr: 0.01, batch: 4 });
    }
  });

  it("agrees on shuffled epochs, Adam without bias correction and 3 epochs", () => {
    expectEngineAgrees({
      model: "two-linear",
      optimizer: "momentum",
      lr: 1e-5,
      batch: 6,
      epochs: 3,
      shuffleSeed: 7,
    });
    expectEngineAgrees({
      model: "linear",
      optimizer: "adam",
      lr: 0.1,
      batch: 7,
      epochs: 3,
      biasCorrection: false,
      beta2: 0.9,
    });
  });
});

describe("the sheet of a mini-batch run", () => {
  it("with batch size 1 has no batch columns and no BatchSize input", () => {
    const { plan } = plannedRun({ model: "two-relu", optimizer: "adam", batch: 1 });
    expect(plan.names.map((n) => n.name)).not.toContain("BatchSize");
    for (const key of ["batchN", "update", "t", "sumA"]) expect(() => column(plan, key)).toThrow();
    expect(formulaOf(plan, "newA", 3)).not.toContain("IF(");
  });

  it("names its batch size, sums each weight's derivative and updates only where update? is 1", () => {
    const { plan } = plannedRun({ model: "linear", batch: 4 });
    expect(plan.names.map((n) => n.name)).toContain("BatchSize");
    expect(formulaOf(plan, "batchN", 1)).toMatch(/^=MOD\(C23-1,BatchSize\)\+1$/);
    expect(formulaOf(plan, "update", 1)).toMatch(
      /^=IF\(OR\(MOD\(C23,BatchSize\)=0,C23=29\),1,0\)$/
    );
    expect(formulaOf(plan, "newA", 1)).toMatch(
      /^=IF\([A-Z]+23=1,F23-LearningRate\*\([A-Z]+23\/[A-Z]+23\),F23\)$/
    );
    const t = stepTable(plan);
    expect(t.columns.findIndex((c) => c.key === "sumA")).toBeLessThan(
      t.columns.findIndex((c) => c.key === "newA")
    );
  });
});

describe("a mini-batch sheet's meta", () => {
  it("remembers the batch size, so the add-in rebuilds the same run from the sheet", () => {
    const { plan, result } = plannedRun({ model: "two-relu", batch: 6, shuffleSeed: 2 });
    expect(runConfigFromMeta(plan.meta)).toEqual(result.config);
    expect(runSheetMeta(plannedRun({ batch: 1 }).result.config).settings).not.toHaveProperty(
      "batchSize"
    );
  });
});

describe("rerunning a mini-batch sheet in the workbook", () => {
  it("a new LearningRate recomputes every cell exactly as a fresh core run at that rate", () =>
    expectRerunMatches(
      { model: "two-relu", optimizer: "adam", lr: 0.01, batch: 5 },
      { LearningRate: 0.03 },
      { lr: 0.03 }
    ));

  it("a new BatchSize regroups the rows exactly as a fresh core run with that batch size", () =>
    expectRerunMatches(
      { model: "two-linear", optimizer: "momentum", lr: 1e-5, batch: 4, gradient: "forward" },
      { BatchSize: 7 },
      { batch: 7 }
    ));
});
