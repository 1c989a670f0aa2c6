/**
 * The real-Excel suite's scenario (scripts/test-excel.mjs), against the fake: Excel's calculation
 * is stood in by the core's values for the sheet's current learning rate.
 */
import { describe, expect, it } from "vitest";
import { initForModel, resolveConfig, train, type RunOptions } from "../../../src/core";
import { checkSheet, createWorkbook, scanCharts, writePlan, writePlans } from "../../../src/excel";
import { buildRunSheet } from "../../../src/sheet";
import { buildCompareWorkbook } from "../../../src/sheet/experiments";
import { cellKey } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { content, coreCalculation, fakeHost, sheetNamed } from "./helpers";

const options = (lr: number): RunOptions => ({
  model: "two-linear",
  optimizer: "sgd",
  lr,
  epochs: 3,
  gradient: "forward",
  h: 0.01,
  init: initForModel(1, "two-linear"),
});
const planAt = (lr: number, name = "2 neurons") =>
  buildRunSheet(train(resolveConfig(options(lr)), { rows: true }), { name });

describe("the real-Excel scenario, on the fake", () => {
  it("generates, checks, applies a new rate, rebuilds under a Compare sheet, and doctors a line chart", async () => {
    let excel = coreCalculation(planAt(1e-4));
    const { fake, host } = fakeHost({ apiVersion: "1.15", calculate: (_s, r, c) => excel(r, c) });
    const wb = createWorkbook(host);
    // 1–2. Generate the 2-neuron sheet, read it back and compare it with the core.
    const plan = planAt(1e-4);
    await writePlan(host, plan, { record: { options: plan.meta } });
    expect((await checkSheet(host, "2 neurons", plan)).message).toMatch(
      /^Excel agrees with the training core on \d+ cells\.$/
    );
    // 3. Change LearningRate and compare again (with the stale calculation first: the check notices).
    await wb.setLearningRate("2 neurons", 1e-5, plan.meta);
    expect((await checkSheet(host, "2 neurons", planAt(1e-5))).differs).toBeDefined();
    excel = coreCalculation(planAt(1e-5));
    expect((await checkSheet(host, "2 neurons", planAt(1e-5))).differs).toBeUndefined();
    // 4. Rebuild, and a Compare sheet still reads the run.
    const compare = buildCompareWorkbook([
      train(resolveConfig(options(1e-4)), { rows: true }),
    ]).sheets;
    const written = await writePlans(host, compare, {
      records: compare.map((p, i) => ({
        role: i ? ("run" as const) : ("experiment" as const),
        options: p.meta,
      })),
    });
    const run = written.sheets[1];
    await writePlan(host, compare[1], { record: { options: compare[1].meta }, replace: run });
    const formulas = [...sheetNamed(fake, "Compare").cells.values()].flatMap((c) =>
      c.formula ? [c.formula] : []
    );
    expect(formulas.some((f) => f.includes(`'${run}'!`))).toBe(true);
    expect(formulas.some((f) => f.includes("#REF!"))).toBe(false);
    // 5. The chart doctor on a line chart whose x axis is not linked.
    const s = fake.state.sheets[0];
    [
      ["x", "y"],
      [1, 32],
      [2, 34],
      [3, 36],
    ].forEach((row, i) =>
      row.forEach((v, j) => s.cells.set(cellKey(i, j), { value: v, format: {} }))
    );
    userChart(fake, s.name, {
      type: "Line",
      title: "y",
      series: [{ name: "y", x: [1, 2, 3], y: "Sheet1!$B$2:$B$4" }],
    });
    fake.state.activeSheetId = s.id;
    const scan = await scanCharts(host, "active");
    expect(scan.findings.map((f) => f.code)).toContain("literal-categories");
    expect(content(s, 0, 0)).toBe("x");
  });
});
