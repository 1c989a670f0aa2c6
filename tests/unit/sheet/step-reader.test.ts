/**
 * The step reader finds a run sheet's step columns and named inputs from the settings alone (its
 * column specs and parameter strip), where buildRunSheet puts them for a trained run.
 */
import { describe, expect, it } from "vitest";
import { MODEL_IDS, OPTIMIZER_IDS, resolveConfig, train, type RunOptions } from "../../../src/core";
import { buildRunSheet, stepLayout } from "../../../src/sheet";

const X = { kind: "list" as const, x: [14, 86, 28, 51, 62] };

const cases: RunOptions[] = [
  ...MODEL_IDS.map((model) => ({ model, data: { x: X } })),
  ...OPTIMIZER_IDS.map((optimizer) => ({ optimizer, gradient: "central", data: { x: X } })),
  { model: "two-relu", batch: 2, epochs: 2, data: { x: X } },
];

describe("the step reader's layout", () => {
  for (const options of cases)
    it(`puts every column and input where the built sheet has them: ${JSON.stringify(options)}`, () => {
      const config = resolveConfig(options);
      const plan = buildRunSheet(train(config, { rows: true }), { name: "R" });
      const steps = plan.tables.find((t) => t.id === "steps")!;
      const layout = stepLayout(config);
      expect(layout.firstRow).toBe(steps.row + 1);
      expect(layout.width).toBe(steps.col + steps.columns.length);
      expect(layout.steps).toBe(steps.rows);
      expect(Object.keys(layout.cols)).toEqual(steps.columns.map((c) => c.key));
      steps.columns.forEach((c, i) => expect(layout.cols[c.key], c.key).toBe(steps.col + i));
      expect(layout.inputs).toEqual(
        Object.fromEntries(plan.names.map((n) => [n.name, { row: n.row, col: n.col }]))
      );
    });
});
