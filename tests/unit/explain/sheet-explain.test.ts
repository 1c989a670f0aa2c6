import { describe, expect, it } from "vitest";
import type { HyperFormula } from "hyperformula";
import { MODEL_IDS, OPTIMIZER_IDS, type GradientKind, type RunOptions } from "../../../src/core";
import {
  cellOf,
  explainFromCells,
  explainRun,
  rowsToRead,
  stepAtRow,
  stepLayout,
  trainRun,
} from "../../../src/run";
import { buildRunSheet } from "../../../src/sheet";
import { engineValue, evaluatePlan } from "../../helpers/hyperformula";

const X = { kind: "list" as const, x: [14, 86, 28, 51] };

/** Excel's view of a run sheet: HyperFormula's values, errors as Excel's error texts. */
function excel(o: RunOptions) {
  const result = trainRun(o);
  const plan = buildRunSheet(result, { name: "Run" });
  const hf = evaluatePlan(plan);
  const sheet = hf.getSheetId("Run")!;
  const read = (row: number, col: number, rows: number, cols: number) =>
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => {
        const v = engineValue(hf, sheet, row + i, col + j);
        return v !== null && typeof v === "object" ? v.error : (v ?? "");
      })
    );
  return { result, plan, hf, sheet, read };
}

function explainAt(o: RunOptions, x: ReturnType<typeof excel>, step: number) {
  const layout = stepLayout(o);
  const r = rowsToRead(layout, step);
  const inputs = Object.fromEntries(
    Object.entries(layout.inputs).map(([n, at]) => [n, x.read(at.row, at.col, 1, 1)[0][0]])
  );
  return {
    layout,
    e: explainFromCells(layout, step, x.read(r.row, r.col, r.rows, r.cols), inputs),
  };
}

function check(o: RunOptions, hf: (x: ReturnType<typeof excel>) => void = () => undefined) {
  const x = excel(o);
  try {
    hf(x);
    for (const step of [1, 2, 6]) {
      const { layout, e } = explainAt(o, x, step);
      const core = explainRun(
        {
          ...o,
          lr: x.read(layout.inputs.LearningRate.row, layout.inputs.LearningRate.col, 1, 1)[0][0],
        },
        step
      );
      expect(e.fromCells).toBe(true);
      expect(e.text).toBe(core.text);
      // spreadsheets have no −0: compare as JSON, which writes −0 as 0
      expect(JSON.parse(JSON.stringify(e.json))).toEqual(JSON.parse(JSON.stringify(core.json)));
      // every number links to the cell that holds it
      for (const line of e.explanation.lines)
        for (const p of line.parts) {
          if (typeof p === "string" || !p.ref) continue;
          const at = cellOf(layout, step, p.ref);
          if (!at) {
            expect(p.ref.prev && step === 1, JSON.stringify(p.ref)).toBe(true);
            continue;
          }
          const cell = x.read(at.row, at.col, 1, 1)[0][0];
          expect(
            Number.isNaN(p.value) ? /^#/.test(String(cell)) : cell === p.value,
            `${line.label} ${JSON.stringify(p.ref)} at ${at.a1}: ${String(cell)}`
          ).toBe(true);
        }
    }
  } finally {
    x.hf.destroy();
  }
}

describe("explain a step from a sheet's cells", () => {
  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      for (const gradient of ["analytic", "central"] as GradientKind[])
        it(`equals the core's explanation, every number linked to its cell: ${model}, ${optimizer}, ${gradient}`, () =>
          check({
            model,
            optimizer,
            gradient,
            lr: optimizer === "adam" || optimizer === "rmsprop" ? 0.01 : 1e-4,
            epochs: 2,
            data: { x: X },
          }));

  it("explains a mini-batch step from the batch columns", () =>
    check({
      model: "two-relu",
      optimizer: "momentum",
      gradient: "forward",
      batch: 3,
      epochs: 2,
      data: { x: X },
    }));

  it("explains a changed LearningRate as Excel calculates it", () =>
    check({ model: "two-linear", epochs: 2, data: { x: X } }, (x) => {
      const n = x.plan.names.find((m) => m.name === "LearningRate")!;
      (x.hf as HyperFormula).setCellContents({ sheet: x.sheet, row: n.row, col: n.col }, 3e-5);
    }));

  it("stands in with the core's run at the sheet's inputs when the cells hold no numbers yet", () => {
    const o: RunOptions = { model: "two-linear", epochs: 2, data: { x: X } };
    const layout = stepLayout(o);
    const r = rowsToRead(layout, 3);
    const empty = Array.from({ length: r.rows }, () => Array.from({ length: r.cols }, () => ""));
    const e = explainFromCells(layout, 3, empty, { LearningRate: 2e-5 });
    expect(e.fromCells).toBe(false);
    expect(e.text).toBe(explainRun({ ...o, lr: 2e-5 }, 3).text);
  });

  it("finds the step of a sheet row, and no step outside the table", () => {
    const layout = stepLayout({ data: { x: X }, epochs: 2 });
    expect(stepAtRow(layout, layout.firstRow)).toBe(1);
    expect(stepAtRow(layout, layout.firstRow + 7)).toBe(8);
    expect(stepAtRow(layout, layout.firstRow + 8)).toBeNull();
    expect(stepAtRow(layout, 0)).toBeNull();
  });
});
