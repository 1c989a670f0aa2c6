/**
 * The writers on Microsoft's Office.js runtime (excel-web-16.00.js), with the fake as Excel:
 * request sizes are the bytes that runtime serialises, and every member the writers use must
 * exist in it.
 */
import { describe, expect, it } from "vitest";
import {
  initForModel,
  logSpace,
  resolveConfig,
  sweep,
  train,
  type ModelId,
  type RunOptions,
} from "../../../src/core";
import { writePlan, writePlans } from "../../../src/excel";
import { planCellCount } from "../../../src/excel/plan-ops";
import { buildRunSheet } from "../../../src/sheet";
import {
  buildCompareWorkbook,
  buildLandscapeSheet,
  buildSweepSheet,
} from "../../../src/sheet/experiments";
import type { SheetPlan } from "../../../src/sheet/plan";
import { officeRuntime } from "../../../fake-excel/office-runtime";
import { expectSheetEqualsPlan, fakeHost, sheetNamed } from "./helpers";

/** Excel on the web refuses requests over 5 MB; GradSheet promises 4 MB (decimal) as Office.js serialises them. */
const MAX_REQUEST = 4_000_000;

const base = (epochs: number, model: ModelId = "two-relu"): RunOptions => ({
  model,
  optimizer: "adam",
  lr: 1e-3,
  epochs,
  gradient: "central",
  h: 0.01,
  init: initForModel(1, model),
});
const runOf = (epochs: number, model?: ModelId) =>
  train(resolveConfig(base(epochs, model)), { rows: true });

type Scenario = (epochs: number) => SheetPlan[];
const SCENARIOS: Record<string, Scenario> = {
  Generate: (e) => [buildRunSheet(runOf(e), { name: "Run" })],
  Compare: (e) =>
    buildCompareWorkbook(
      (["linear", "two-linear", "two-relu"] as ModelId[]).map((m) => runOf(e, m))
    ).sheets,
  Sweep: (e) => [buildSweepSheet(sweep(base(e), logSpace(1e-5, 1e-2, 8)), resolveConfig(base(e)))],
  Landscape: (e) => {
    const r = runOf(e);
    return [buildRunSheet(r, { name: "Run" }), buildLandscapeSheet(r, "Run landscape")];
  },
};

/** Epochs for which a scenario's sheets hold about `cells` cells. */
function sized(scenario: Scenario, cells: number): SheetPlan[] {
  const one = scenario(1).reduce((n, p) => n + planCellCount(p), 0);
  return scenario(Math.max(1, Math.round(cells / one)));
}

const recordsOf = (plans: SheetPlan[]) =>
  plans.map((p) => ({ role: "run" as const, options: p.meta }));

describe("the writers on Microsoft's Office.js runtime", () => {
  for (const api of ["1.7", "1.12"])
    for (const cells of [1_000, 10_000, 100_000])
      for (const [name, scenario] of [
        ...Object.entries(SCENARIOS),
        ["Rebuild", SCENARIOS.Generate] as const,
      ])
        it(`${name} of about ${cells.toLocaleString("en")} cells on ExcelApi ${api}: every request serialises to at most 4 MB`, async () => {
          const { host, wire } = fakeHost({ apiVersion: api, runtime: true });
          const plans = sized(scenario, cells);
          if (plans.length === 1)
            await writePlan(host, plans[0], { record: { options: plans[0].meta } });
          else await writePlans(host, plans, { records: recordsOf(plans) });
          if (name === "Rebuild") {
            wire.length = 0;
            await writePlan(host, plans[0], { record: { options: plans[0].meta }, replace: "Run" });
          }
          expect(wire.length).toBeGreaterThan(1);
          for (const r of wire) expect(r.bytes).toBeLessThanOrEqual(MAX_REQUEST);
        }, 60_000);

  it("a run sheet written through the runtime equals its plan, and every member the writers set exists in the runtime", async () => {
    const { fake, host } = fakeHost({ runtime: true });
    const plans = SCENARIOS.Compare(2);
    await writePlans(host, plans, { records: recordsOf(plans) });
    for (const p of plans) expectSheetEqualsPlan(sheetNamed(fake, p.name), p);
    await writePlan(host, SCENARIOS.Generate(1)[0], {
      record: { options: {} },
      runsRow: {
        sheet: "Run",
        model: "m",
        optimizer: "o",
        lr: 1,
        epochs: 1,
        finalRootSse: 1,
        divergedAt: "",
      },
    });
    expect([...officeRuntime().unknownMembers]).toEqual([]);
  });
});
