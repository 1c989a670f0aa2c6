import { describe, expect, it } from "vitest";
import { resolveConfig, train } from "../../../src/core";
import { buildRunSheet, buildWorkbookPlan } from "../../../src/sheet";
import { stepTable } from "./fixtures";
import { evaluateWorkbook, mismatches } from "../../helpers/hyperformula";

describe("buildWorkbookPlan", () => {
  const run = (lr: number) => train(resolveConfig({ lr }), { rows: true });

  it("makes one sheet per run with workbook-wide names when there is one run", () => {
    const wb = buildWorkbookPlan([{ result: run(1e-4) }]);
    expect(wb.namesScope).toBe("workbook");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Run 1"]);
  });

  it("scopes names to their sheet and keeps sheet names unique and valid when there are several", () => {
    const wb = buildWorkbookPlan([
      { result: run(1e-4), name: "lr: 1e-4 [basic]" },
      { result: run(2e-4), name: "lr: 1e-4 [basic]" },
      { result: run(3e-4), name: "a name much longer than thirty-one characters" },
    ]);
    expect(wb.namesScope).toBe("sheet");
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "lr 1e-4 basic",
      "lr 1e-4 basic (2)",
      "a name much longer than thirty-",
    ]);
    for (const s of wb.sheets)
      for (const c of s.charts) for (const series of c.series) expect(series.x.sheet).toBe(s.name);
  });

  it("lets every sheet's formulas read their own LearningRate when names are scoped to sheets", () => {
    const wb = buildWorkbookPlan([{ result: run(1e-4) }, { result: run(2e-4) }]);
    const hf = evaluateWorkbook(wb);
    for (const sheet of wb.sheets) expect(mismatches(hf, sheet)).toEqual([]);
    hf.destroy();
  });
});

describe("a long run's sheet", () => {
  it("builds 10,000 steps as one formula template per column rather than one per cell (its speed is in npm run bench)", () => {
    const result = train(
      resolveConfig({
        model: "two-relu",
        optimizer: "adam",
        gradient: "central",
        lr: 0.01,
        data: { x: { kind: "range", from: 1, to: 100, step: 1 } },
        epochs: 100,
      }),
      { rows: true }
    );
    const plan = buildRunSheet(result, { name: "Run 1" });
    const t = stepTable(plan);
    expect(t.rows).toBe(10_000);
    for (const c of t.columns) if (c.formula) expect(typeof c.formula.rest).toBe("string");
    // Per-cell objects exist only for the per-epoch summary (100 rows) and the small blocks.
    const blockCells = plan.blocks.reduce(
      (n, b) => n + b.cells.reduce((m, l) => m + l.length, 0),
      0
    );
    expect(blockCells).toBeLessThan(200 * 20);
    expect(JSON.stringify(plan).length / t.rows).toBeLessThan(2_000);
  });
});
