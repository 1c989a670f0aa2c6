import { describe, expect, it } from "vitest";
import {
  BASE_MODEL_IDS,
  OPTIMIZER_IDS,
  PRESETS,
  type GradientKind,
  type RunOptions,
} from "../../../src/core";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";
import { plannedRun } from "./fixtures";
import { STABLE_LR, expectEngineAgrees } from "./engine-agrees";

const GRADIENTS: GradientKind[] = ["analytic", "forward", "central"];

/** Runs that diverge: past the bound only, or on to overflow (#NUM!) and NaN weights. */
const DIVERGING: { why: string; options: RunOptions }[] = [
  {
    why: "two-linear at graddesc's lr 1e-4 overflows near the end of epoch 1",
    options: { model: "two-linear", optimizer: "sgd", lr: 1e-4 },
  },
  {
    why: "two-linear with momentum at lr 1e-3 overflows",
    options: { model: "two-linear", optimizer: "momentum", lr: 1e-3 },
  },
  {
    why: "linear at lr 1 overflows in epoch 2",
    options: { model: "linear", optimizer: "sgd", lr: 1 },
  },
  {
    why: "two-relu at lr 10 passes the bound and then dies without overflowing",
    options: { model: "two-relu", optimizer: "sgd", lr: 10 },
  },
  {
    why: "two-relu with momentum at lr 1e6 overflows",
    options: { model: "two-relu", optimizer: "momentum", lr: 1e6 },
  },
  {
    why: "two-relu at lr 1e300 gets NaN weights at once (z is #NUM!, not a dead ReLU)",
    options: { model: "two-relu", optimizer: "sgd", lr: 1e300 },
  },
  {
    why: "two-relu whose a·x overflows from finite weights",
    options: { model: "two-relu", optimizer: "adam", lr: 0.1, init: { a: -1e307 } },
  },
  {
    why: "RMSProp with ε = 0 at lr 1e300",
    options: { model: "two-linear", optimizer: "rmsprop", lr: 1e300, eps: 0 },
  },
];

describe("a run sheet evaluated by HyperFormula", () => {
  describe("every formula cell equals the core's value bit for bit", () => {
    for (const model of BASE_MODEL_IDS)
      // relu-2 … relu-8: wide-sheet.test.ts
      for (const optimizer of OPTIMIZER_IDS)
        for (const gradient of GRADIENTS)
          it(`${model}, ${optimizer}, ${gradient} derivative`, () =>
            expectEngineAgrees({ model, optimizer, gradient, lr: STABLE_LR[optimizer] }));
  });

  describe("diverging runs agree too: #NUM! where the core has NaN", () => {
    for (const { why, options } of DIVERGING)
      for (const gradient of GRADIENTS)
        it(`${why} (${gradient})`, () => {
          const { result } = plannedRun({ ...options, gradient });
          expect(result.divergence).not.toBeNull();
          expectEngineAgrees({ ...options, gradient });
        });
  });

  describe("every preset's sheet agrees, over all its epochs", () => {
    for (const preset of PRESETS) it(preset.id, () => expectEngineAgrees(preset.options));
  });

  it("Adam without bias correction (graddesc's Adam sheet) agrees", () =>
    expectEngineAgrees({
      model: "linear",
      optimizer: "adam",
      lr: 0.1,
      eps: 0,
      biasCorrection: false,
      beta2: 0.9,
    }));

  it("data with negative x, noise and a zero residual agree (−0 is written as 0, as the engine shows it)", () => {
    for (const optimizer of OPTIMIZER_IDS)
      expectEngineAgrees({
        model: "two-relu",
        optimizer,
        lr: 1e-3,
        gradient: "central",
        data: {
          x: { kind: "range", from: -40, to: 40, step: 5 },
          target: { slope: -1.5, intercept: 3 },
          noise: 2,
          noiseSeed: 11,
        },
      });
    expectEngineAgrees({
      model: "linear",
      data: [
        { x: -2, y: 3 },
        { x: 0, y: 1 },
        { x: 3, y: 4 },
      ],
    });
  });

  it("shuffled epochs agree", () =>
    expectEngineAgrees({
      model: "two-relu",
      optimizer: "momentum",
      lr: 1e-5,
      epochs: 3,
      shuffleSeed: 7,
    }));

  it("the comparison notices a value one ulp off", () => {
    const { plan } = plannedRun({ model: "linear" });
    const hf = evaluatePlan(plan);
    const cells = formulaCells(plan);
    const victim = cells.find((c) => c.origin.includes("column newA, row 20"))!;
    const v = victim.cached as number;
    const next = v + Math.abs(v) * Number.EPSILON;
    expect(next).not.toBe(v);
    expect(mismatches(hf, plan, cells, (c) => (c === victim ? next : c.cached))).toHaveLength(1);
    expect(
      mismatches(hf, plan, cells, (c) => (c === victim ? { error: "#NUM!" } : c.cached))
    ).toHaveLength(1);
    hf.destroy();
  });
});
