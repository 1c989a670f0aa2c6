import { expect } from "vitest";
import type { RunOptions } from "../../../src/core";
import { plannedRun } from "./fixtures";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";

/** The run's sheet, evaluated by HyperFormula, equals the core's cached values bit for bit. */
export function expectEngineAgrees(o: RunOptions): void {
  const { plan, result } = plannedRun(o);
  const hf = evaluatePlan(plan);
  try {
    expect(formulaCells(plan).length).toBeGreaterThan(result.rows!.length * 10);
    expect(mismatches(hf, plan).slice(0, 5)).toEqual([]);
  } finally {
    hf.destroy();
  }
}

/** Learning rates at which every model trains two epochs without diverging. */
export const STABLE_LR: Record<string, number> = {
  sgd: 1e-5,
  momentum: 1e-5,
  rmsprop: 0.01,
  adam: 0.05,
};
