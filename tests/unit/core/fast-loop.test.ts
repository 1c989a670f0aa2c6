/**
 * Summary-only runs (`train(config, { rows: false })`, the fast loop in fast-loop.ts, compiled from
 * the registries' formulas by compile.ts) give exactly
 * the epochs and divergence of the recorded run, bit for bit, for every model × optimizer ×
 * gradient, including runs that pass the bound, overflow into NaN, shuffle, or sit on the ReLU kink.
 */
import { describe, expect, it } from "vitest";
import {
  GRADDESC_X,
  MODEL_IDS,
  MODELS,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  resolveConfig,
  train,
  type GradientKind,
  type ModelId,
  type OptimizerId,
  type RunOptions,
} from "../../../src/core";
import { registryLoop, runRows } from "../../../src/core/fast-loop";
import { checkDivergence } from "../../../src/core/train";

const SCENARIOS: Record<string, RunOptions> = {
  "graddesc's data, 3 epochs": { lr: 1e-5, epochs: 3 },
  "a run that passes the bound and overflows into NaN": { lr: 0.05, epochs: 12 },
  "a shuffled run with noisy random data": {
    lr: 1e-5,
    epochs: 4,
    shuffleSeed: 11,
    data: { x: { kind: "random", n: 40, seed: 3 }, noise: 2, noiseSeed: 5 },
  },
  "a run starting on the ReLU kink (a·14 + b = 0)": {
    lr: 1e-4,
    epochs: 2,
    init: { a: -1, b: 14 },
    data: { x: { kind: "list", x: [14, ...GRADDESC_X] } },
  },
  "Adam without bias correction and ε": {
    lr: 0.1,
    epochs: 3,
    beta2: 0.9,
    eps: 0,
    biasCorrection: false,
  },
  "a run whose a·x overflows to +Infinity on the second row": {
    lr: 1e-4,
    epochs: 2,
    init: { a: 1e307 },
    data: { x: { kind: "list", x: [1, 99, 14] } },
  },
  "a run whose a·x overflows to −Infinity": {
    lr: 1e-4,
    epochs: 2,
    init: { a: -1e307 },
    data: { x: { kind: "list", x: [99, 14] } },
  },
  "negative x from a range": {
    lr: 1e-5,
    epochs: 2,
    data: { x: { kind: "range", from: -80, to: 120, step: 10 } },
  },
};

/** A scenario's named weights for a model: a, b (and c, d) are neuron 1's a1, b1, c1 in a wide layer. */
function initFor(init: RunOptions["init"], model: ModelId): RunOptions["init"] {
  if (typeof init !== "object" || init === null || MODELS[model].width === undefined) return init;
  return Object.fromEntries(Object.entries(init).map(([k, v]) => [k === "d" ? k : `${k}1`, v]));
}

/** A scenario's run config for one model, optimizer and gradient kind. */
const scenarioConfig = (
  scenario: RunOptions,
  model: ModelId,
  optimizer: OptimizerId,
  gradient: GradientKind
) =>
  resolveConfig({ ...scenario, init: initFor(scenario.init, model), model, optimizer, gradient });

describe("train(config, { rows: false })", () => {
  for (const [name, scenario] of Object.entries(SCENARIOS))
    for (const model of MODEL_IDS)
      for (const optimizer of OPTIMIZER_IDS)
        it(`equals the recorded run bit for bit: ${name}, ${model}, ${optimizer}, every gradient kind`, () => {
          for (const gradient of ["analytic", "forward", "central"] as const) {
            const config = scenarioConfig(scenario, model, optimizer, gradient);
            const full = train(config, { rows: true });
            const summary = train(config, { rows: false });
            expect(summary.rows).toBeUndefined();
            expect(summary.epochs).toEqual(full.epochs); // toEqual tells 0 from −0 and NaN from a number
            expect(summary.divergence).toEqual(full.divergence);
          }
        });

  it("covers overflow: the diverging scenario really ends in NaN for the linear model", () => {
    const r = train(
      resolveConfig({ ...SCENARIOS["a run that passes the bound and overflows into NaN"] }),
      { rows: false }
    );
    expect(r.divergence).not.toBeNull();
    expect(r.epochs.at(-1)!.sse).toBeNaN();
  });
});

describe("the registry loop (the fast loop where a host cannot compile code)", () => {
  for (const [name, scenario] of Object.entries(SCENARIOS))
    for (const model of ["linear", "two-relu", "relu-3"] as const)
      it(`equals the recorded run bit for bit: ${name}, ${model}, every optimizer and gradient kind`, () => {
        for (const optimizer of OPTIMIZER_IDS)
          for (const gradient of ["analytic", "forward", "central"] as const) {
            const config = scenarioConfig(scenario, model, optimizer, gradient);
            const full = train(config, { rows: true });
            const loop = runRows(
              config,
              registryLoop(config, MODELS[model], OPTIMIZERS[optimizer]),
              checkDivergence
            );
            expect(loop.epochs).toEqual(full.epochs);
            expect(loop.divergence).toEqual(full.divergence);
          }
      });
});
