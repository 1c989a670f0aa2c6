import { describe, expect, it } from "vitest";
import { landscapeAxes, lossGrid, resolveConfig, sweep, train, logSpace } from "../../../src/core";
import { colIndex, colLetter, shiftRows } from "../../../src/sheet/address";
import { buildLandscapeSheet, buildSweepSheet, pathCells } from "../../../src/sheet/experiments";
import { evaluateWorkbook, workbookMismatches } from "../../helpers/hyperformula";

describe("buildSweepSheet", () => {
  const options = { model: "two-linear", gradient: "forward", epochs: 2 } as const;
  const lrs = logSpace(1e-6, 1e-3, 7);
  const result = sweep(options, lrs);
  const plan = buildSweepSheet(result, resolveConfig(options));

  it("lists every rate with its final √SSE and where it diverged", () => {
    const table = plan.blocks[1];
    expect(table.cells).toHaveLength(1 + lrs.length);
    expect(table.cells.slice(1).map((l) => l[0]!.value)).toEqual(lrs);
    const diverged = table.cells.slice(1).map((l) => l[2]!.value);
    expect(diverged).toEqual(result.runs.map((r) => (r.divergence ? "yes" : "no")));
    expect(table.cells[5][5]!.value).toBe(27); // lr 1e-4: step 27, as on the forum
  });

  it("finds the largest stable rate by formula, as the core does", () => {
    const hf = evaluateWorkbook({ sheets: [plan], namesScope: "workbook" });
    try {
      expect(workbookMismatches(hf, { sheets: [plan], namesScope: "workbook" })).toEqual([]);
      const cell = plan.blocks[2];
      expect(hf.getCellValue({ sheet: 0, row: cell.row + 1, col: cell.col })).toBe(
        result.largestStable
      );
    } finally {
      hf.destroy();
    }
  });

  it("charts final √SSE against the rate cells on logarithmic axes, diverged rates as gaps", () => {
    const [chart] = plan.charts;
    expect(chart.xAxis.log).toBe(true);
    expect(chart.series[0].x).toEqual({ sheet: "Sweep", row: 4, col: 0, rows: 7, cols: 1 });
  });
});

describe("buildLandscapeSheet", () => {
  for (const model of ["linear", "two-linear", "two-relu", "relu-2", "relu-8"] as const)
    it(`computes every ${model} grid cell, log10 SSE by SUMPRODUCT, exactly as the core does`, () => {
      const result = train(resolveConfig({ model, lr: 1e-5, epochs: 2 }));
      const plan = buildLandscapeSheet(result, "Landscape");
      const hf = evaluateWorkbook({ sheets: [plan], namesScope: "workbook" });
      try {
        expect(
          workbookMismatches(hf, { sheets: [plan], namesScope: "workbook" }).slice(0, 3)
        ).toEqual([]);
      } finally {
        hf.destroy();
      }
    });

  it("spans the path and the least-squares line for one neuron: the long, narrow valley along b", () => {
    const result = train(resolveConfig({ epochs: 5 }));
    const axes = landscapeAxes(result);
    expect(axes.wx).toBe("a");
    expect(axes.wy).toBe("b");
    expect(axes.ys[axes.ys.length - 1]).toBeGreaterThan(30); // includes the intercept 30
    const grid = lossGrid(result, axes);
    // along a the error changes far more per unit than along b
    const mid = 10;
    const da = Math.abs(grid[mid][mid + 1] - grid[mid][mid]) / (axes.xs[1] - axes.xs[0]);
    const db = Math.abs(grid[mid + 1][mid] - grid[mid][mid]) / (axes.ys[1] - axes.ys[0]);
    expect(da).toBeGreaterThan(10 * db);
  });

  it("spans a path of 197,200 steps (the CLI's cap is 200,000) around its least and greatest weight", () => {
    const result = train(resolveConfig({ epochs: 6800, lr: 1e-5 }));
    const as = (result.rows ?? []).map((r) => r.weights.a);
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of as) ((lo = Math.min(lo, a)), (hi = Math.max(hi, a)));
    const axes = landscapeAxes(result);
    expect(axes.xs[0]).toBeLessThan(lo);
    expect(axes.xs[axes.xs.length - 1]).toBeGreaterThan(hi);
  });

  it("marks the cells the path passes through with a COUNTIFS rule that agrees with the core's path", () => {
    const result = train(
      resolveConfig({ model: "two-relu", lr: 1e-5, epochs: 3, gradient: "forward" })
    );
    const axes = landscapeAxes(result);
    const plan = buildLandscapeSheet(result, "Landscape", axes);
    const rule = plan.conditionalFormats[0];
    expect(rule.kind).toBe("formula");
    if (rule.kind !== "formula") return;
    // evaluate the rule as it applies to every grid cell
    const hf = evaluateWorkbook({ sheets: [plan], namesScope: "workbook" });
    try {
      const marked = new Set<string>();
      for (let i = 0; i < rule.range.rows; i++)
        for (let j = 0; j < rule.range.cols; j++) {
          const f = shiftCols(shiftRows(rule.formula, i), j);
          const v = hf.calculateFormula(f, 0);
          if (v === true) marked.add(`${i},${j}`);
        }
      expect(marked).toEqual(pathCells(result, axes));
      expect(marked.size).toBeGreaterThan(1);
    } finally {
      hf.destroy();
    }
  });
});

/** Shift relative column references (those without $ before the letters) by d columns. */
function shiftCols(formula: string, d: number): string {
  if (d === 0) return formula;
  return formula.replace(
    /(?<![A-Za-z0-9_.$])([A-Z]{1,3})(\$?\d+)(?![A-Za-z0-9_(])/g,
    (_m: string, l: string, rest: string) => `${colLetter(colIndex(l) + d)}${rest}`
  );
}
