/**
 * `check` against an engine we did not write: each exercise of a matrix that covers every model
 * kind, derivative kind and optimizer is filled with the complete run's formulas and calculated by
 * HyperFormula, as a learner's saved file would be. check must call it all right; one formula
 * times 1.01 must be the first wrong cell (and the only one wrong on its own inputs); a column
 * left empty must be counted as empty.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig, train, type RunOptions } from "../../../src/core";
import { checkWorkbookBytes } from "../../../src/run";
import { a1 } from "../../../src/sheet/address";
import { stepsTable } from "../../../src/sheet/exercise";
import { writeWorkbook } from "../../../src/xlsx";
import { filledExercise } from "./filled";

const X = [14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62];

/** Every model kind, derivative kind and optimizer at least once, and the measured LibreOffice case. */
const MATRIX: { name: string; options: RunOptions; slip: string }[] = [
  { name: "linear, analytic, SGD", options: { model: "linear" }, slip: "pred" },
  {
    name: "two-linear, forward, momentum",
    options: { model: "two-linear", gradient: "forward", optimizer: "momentum", lr: 1e-5 },
    slip: "dB_fwd",
  },
  {
    name: "two-relu, central, RMSProp",
    options: { model: "two-relu", gradient: "central", optimizer: "rmsprop", lr: 1e-3 },
    slip: "errC_down",
  },
  {
    name: "relu-2, forward, Adam",
    options: { model: "relu-2", gradient: "forward", optimizer: "adam", lr: 1e-3 },
    slip: "mA1",
  },
  {
    name: "two-relu, forward, momentum, lr 0.000509, 2 epochs (the measured case)",
    options: {
      model: "two-relu",
      gradient: "forward",
      optimizer: "momentum",
      lr: 0.000509,
      epochs: 2,
      data: {
        x: {
          kind: "list",
          x: [
            14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20,
            8, 64, 99, 70, 27, 17, 8,
          ],
        },
      },
    },
    slip: "newC",
  },
];

const run = (o: RunOptions) =>
  train(resolveConfig({ data: { x: { kind: "list", x: X } }, ...o }), { rows: true });

const ALL = ["prediction", "error", "derivatives", "updates"];

describe("check grades an exercise filled and calculated by HyperFormula", () => {
  for (const m of MATRIX) {
    describe(m.name, () => {
      const result = run(m.options);
      it("says every blank cell is right when it holds the run's formulas", () => {
        const { plan, keys } = filledExercise(result, ALL);
        const [g] = checkWorkbookBytes(writeWorkbook(plan));
        const rows = result.rows!.length;
        expect(g).toMatchObject({
          kind: "exercise",
          cells: keys.length * rows,
          wrong: 0,
          empty: 0,
        });
        expect(g.right).toBe(g.cells);
        expect(g.wrongOnOwnInputs).toBe(0);
      });

      it("names one formula times 1.01 as the first wrong cell, the only one wrong on its own inputs", () => {
        const row = 3;
        const { plan, sheet } = filledExercise(result, ALL, { slip: { key: m.slip, row } });
        const steps = stepsTable(sheet);
        const j = steps.columns.findIndex((c) => c.key === m.slip);
        const [g] = checkWorkbookBytes(writeWorkbook(plan));
        expect(g.firstWrong).toMatchObject({
          cell: a1(steps.row + 1 + row, steps.col + j),
          step: row + 1,
          column: steps.columns[j].header,
        });
        expect(g.wrongOnOwnInputs).toBe(1);
        expect(g.wrong).toBeGreaterThanOrEqual(1);
      });

      it("counts a column left empty as empty", () => {
        const { plan, keys } = filledExercise(result, ALL, { empty: m.slip });
        expect(keys).toContain(m.slip);
        const [g] = checkWorkbookBytes(writeWorkbook(plan));
        expect(g.empty).toBe(result.rows!.length);
      });
    });
  }
});
