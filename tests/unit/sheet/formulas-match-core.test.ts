import { describe, expect, it } from "vitest";
import { MODEL_IDS, OPTIMIZER_IDS, resolveConfig, train, type GradientKind, type RunOptions } from "../../../src/core";
import { buildRunSheet } from "../../../src/sheet";
import { evaluatePlan, formulaCells, mismatches } from "./hyperformula";

const GRADIENTS: GradientKind[] = ["analytic", "forward", "central"];

/** graddesc's 29 x values, y = 2x + 30, weights 1, two epochs. */
function plan(o: RunOptions) {
  return buildRunSheet(train(resolveConfig({ epochs: 2, ...o }), { rows: true }), { name: "Run 1" });
}

/** Learning rates that train without diverging for each model × optimizer over two epochs. */
const STABLE_LR: Record<string, number> = { sgd: 1e-4, momentum: 1e-4, rmsprop: 0.01, adam: 0.05 };

describe("every formula of a run sheet, evaluated by HyperFormula", () => {
  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      for (const gradient of GRADIENTS)
        it(`equals the core's value bit for bit: ${model}, ${optimizer}, ${gradient}`, () => {
          const p = plan({ model, optimizer, gradient, lr: STABLE_LR[optimizer] });
          const hf = evaluatePlan(p);
          expect(formulaCells(p).length).toBeGreaterThan(50 * 10);
          expect(mismatches(hf, p).slice(0, 5)).toEqual([]);
          hf.destroy();
        });
});
