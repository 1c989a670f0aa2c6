import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../../src/core";
import { pointsFromSelection } from "../../../src/taskpane/form";
import { planFor, runFor } from "../../../src/taskpane/runs";
import {
  formatValue,
  modelShape,
  plateauFlag,
  plateauSentence,
  plateauShort,
  runSheetName,
  runsRow,
  runTitle,
} from "../../../src/taskpane/vocabulary";

describe("the pane's vocabulary", () => {
  it("names a run's sheet with the core's model label, the optimizer unless SGD, and the learner's number", () => {
    expect(runSheetName({ model: "two-relu", optimizer: "sgd", lr: 1e-4 })).toBe(
      "2 neurons + ReLU lr 1e-4"
    );
    expect(runSheetName({ model: "linear", optimizer: "adam", lr: 0.003 })).toBe(
      "1 neuron Adam lr 0.003"
    );
    expect(runTitle({ model: "two-linear", optimizer: "momentum", lr: 1e-5, epochs: 1 })).toBe(
      "2 neurons, Momentum, learning rate 1e-5, 1 epoch"
    );
  });

  it("writes numbers the run service's one way: 1e-5, 3e-4, 0.003, 12.345, overflow (#NUM!)", () => {
    expect([1e-5, 0.0003, 0.003, 12.3449, Infinity].map(formatValue)).toEqual([
      "1e-5",
      "3e-4",
      "0.003",
      "12.345",
      "overflow (#NUM!)",
    ]);
  });

  it("tells '2 neurons + ReLU' (stacked) from '2 ReLU neurons' (side by side)", () => {
    expect(modelShape("two-relu")).toMatch(/^2 neurons stacked, a ReLU between them/);
    expect(modelShape("relu-2")).toMatch(/^2 neurons side by side, each with a ReLU/);
  });

  it("logs a run in the same words, saying what changed and where it diverged", () => {
    const result = train(resolveConfig(presetById("two-neurons")!.options), { rows: true });
    const row = runsRow(result, "2 neurons lr 1e-4", "new run");
    expect(row).toMatchObject({
      model: "2 neurons",
      optimizer: "SGD",
      lr: 1e-4,
      epochs: 1,
      change: "new run",
    });
    // one way to say where: the step (this run has one epoch, so no epoch is named)
    expect(row.divergedAt).toBe("step 27");
  });
});

describe("data from the selected cells", () => {
  const line = { slope: 2, intercept: 30 };
  it("takes one column as x (y from the target line) and skips a header row", () => {
    expect(pointsFromSelection([["x"], [1], [2]], "A1:A3", line)).toEqual({
      points: [
        { x: 1, y: 32 },
        { x: 2, y: 34 },
      ],
      note: "Used 2 rows from A1:A3 (x; y from the target line; header row skipped).",
    });
  });

  it("takes two columns as x and y", () => {
    expect(
      pointsFromSelection(
        [
          [1, 5],
          [2, 9],
        ],
        "A1:B2",
        line
      ).points
    ).toEqual([
      { x: 1, y: 5 },
      { x: 2, y: 9 },
    ]);
  });

  it("refuses text below the header, too many columns or no numbers, saying why", () => {
    expect(() => pointsFromSelection([[1], ["two"]], "A1:A2", line)).toThrow(
      "Row 2 of A1:A2 holds “two”, not a number"
    );
    expect(() => pointsFromSelection([[1, 2, 3]], "A1:C1", line)).toThrow("has 3 columns");
    expect(() => pointsFromSelection([[""]], "A1", line)).toThrow("holds no numbers");
  });
});

describe("the rounding plateau in the pane's words", () => {
  const preset = (id: string, extra = {}) => ({ ...presetById(id)!.options, ...extra });

  it("reads the sheet's h-plateau flag: 2 neurons at lr 1e-4 get stuck at step 29, said with the derivative's name and the cell", () => {
    const result = runFor(preset("two-neurons", { epochs: 2 }));
    const plan = planFor(result, "2 neurons lr 1e-4");
    const flag = plateauFlag(plan)!;
    expect(flag.step).toBe(29);
    const block = plan.blocks.find((b) =>
      b.cells.some((row) => row.some((c) => c?.value === "h lost at step"))
    )!;
    expect(flag.cell).toMatch(/^[A-Z]+\d+$/);
    expect(block.cells.flat().some((c) => c?.value === 29)).toBe(true);
    expect(plateauShort(flag)).toBe(
      `Stuck by rounding from step 29 (cell ${flag.cell}): it looks like a minimum, but it is not.`
    );
    expect(plateauSentence(flag, result.config)).toBe(
      `From step 29 (the sheet's “h lost at step”, ${flag.cell}) the numbers grew so large that the nudge h = 0.01 is lost in their precision, so w + h rounds back to w, the forward difference (graddesc) is exactly 0 though the slope is not, and those weights stop moving. It looks like a minimum; it is rounding.`
    );
  });

  it("has no flag when the sheet says none: analytic derivatives, or weights that stay small", () => {
    const analytic = runFor(preset("two-neurons", { epochs: 2, gradient: "analytic" }));
    expect(plateauFlag(planFor(analytic, "a"))).toBeNull();
    expect(plateauFlag(planFor(runFor(preset("one-neuron")), "b"))).toBeNull();
  });
});
