/**
 * The real-Excel suite's scenario (tests/excel/scenario.ts, run inside Excel by `npm run
 * test:excel`), step for step against the fake: Excel's calculation is stood in by the core's
 * values of what each sheet now computes, and the user's line chart is the fake's.
 */
import { describe, expect, it } from "vitest";
import { sampleCells } from "../../../src/excel/check";
import type { SheetPlan } from "../../../src/sheet/plan";
import { runScenario, STEPS, type ScenarioEnv } from "../../excel/scenario";
import { coreCalculation, fakeHost, unlinkedLineChart } from "./helpers";

/**
 * The fake as the scenario's Excel (ExcelApi `apiVersion`, through Microsoft's runtime when
 * `runtime`); on sheet `wrongOn` it calculates 42 at the first numeric cell of the check's sample.
 */
function fakeEnv(apiVersion: string, runtime = false, wrongOn?: string) {
  const calc = new Map<string, (row: number, col: number) => unknown>();
  const { fake, host } = fakeHost({
    apiVersion,
    runtime,
    calculate: (sheet, r, c) => calc.get(sheet)?.(r, c),
  });
  const env: ScenarioEnv = {
    host,
    calculated(sheet: string, plan: SheetPlan) {
      const right = coreCalculation(plan);
      const bad = sampleCells(plan).find((c) => typeof c.core === "number");
      calc.set(sheet, (r, c) =>
        sheet === wrongOn && r === bad?.row && c === bad.col ? 42 : right(r, c)
      );
    },
    addUnlinkedLineChart: async () => unlinkedLineChart(fake),
  };
  return { fake, env };
}

describe("the real-Excel scenario, on the fake", () => {
  it("generates, checks, applies a new rate, rebuilds under a Compare sheet, and doctors a line chart", async () => {
    const results = await runScenario(fakeEnv("1.15").env);
    expect(results.map((r) => r.step)).toEqual(STEPS.map(([name]) => name));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it("passes every step with Microsoft's Office.js runtime driving the fake (its proxies, load/sync and null objects)", async () => {
    const results = await runScenario(fakeEnv("1.15", true).env);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(STEPS.length);
  });

  it("reports the first failing step with the cell it names, and stops there (one wrong value on the Compare sheet)", async () => {
    const results = await runScenario(fakeEnv("1.15", false, "Compare").env);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2].detail).toMatch(
      /^Compare![A-Z]+\d+ differs: Excel calculated 42, the core .+\.$/
    );
  });
});
