/**
 * Rebuilding an exercise keeps the learner's cells: which of the blank columns' cells are theirs,
 * when a longer table gets their formula copied down (as Excel's fill-down would), and which cells
 * below a shorter table must be asked about. Expected formulas written out by hand.
 */
import { describe, expect, it } from "vitest";
import {
  fillDownColumn,
  learnerRebuild,
  relativeForm,
  type LearnerColumn,
} from "../../../src/sheet/exercise-rebuild";
import { planAreas } from "../../../src/excel/sheet-slots";
import { exerciseWorkbookPlan } from "../../../src/run";
import { resolveConfig, train } from "../../../src/core";
import { stepsTable } from "../../../src/sheet/exercise";

describe("relativeForm", () => {
  it("writes references relative to the cell, as R1C1 does", () => {
    expect(relativeForm("=(B22-E22)^2+$C$2", 21, 2)).toBe("=(R[0]C[-1]-R[0]C[2])^2+R2C3");
    expect(relativeForm("=(B23-E23)^2+$C$2", 22, 2)).toBe("=(R[0]C[-1]-R[0]C[2])^2+R2C3");
  });
  it("keeps names, functions and strings", () => {
    expect(relativeForm('=MAX(0,A5)*LearningRate&"A5"', 4, 1)).toBe(
      '=MAX(0,R[0]C[-1])*LearningRate&"A5"'
    );
  });
});

describe("fillDownColumn", () => {
  const at = { row: 21, col: 7, oldRows: 3, newRows: 5 };
  it("copies the last row's formula down, relative rows moving", () => {
    expect(fillDownColumn(["=F22*D22+G22", "=F23*D23+G23", "=F24*D24+G24"], at)).toEqual([
      "=F25*D25+G25",
      "=F26*D26+G26",
    ]);
  });
  it("allows a first row that differs (an optimizer's state starts from zero)", () => {
    expect(fillDownColumn(["=0.9*0+N22", "=0.9*H22+N23", "=0.9*H23+N24"], at)).toEqual([
      "=0.9*H24+N25",
      "=0.9*H25+N26",
    ]);
  });
  it("leaves the new rows empty when the learner's formulas differ in relative terms", () => {
    expect(fillDownColumn(["=F22*2", "=F22*2", "=F24*2"], at)).toBeNull();
    expect(fillDownColumn(["=F22*2", "=F23*2", "=$F$24*2"], at)).toBeNull();
  });
  it("leaves them empty for values, an empty last row, or a table that does not grow", () => {
    expect(fillDownColumn(["=F22*2", 30, "=F24*2"], at)).toBeNull();
    expect(fillDownColumn(["=F22*2", "=F23*2", ""], at)).toBeNull();
    expect(fillDownColumn(["=F22*2", "=F23*2", "=F24*2"], { ...at, newRows: 3 })).toBeNull();
  });
});

describe("learnerRebuild", () => {
  const col = (over: Partial<LearnerColumn>): LearnerColumn => ({
    key: "pred",
    row: 21,
    col: 7,
    rows: 4,
    oldRows: 4,
    newRows: 2,
    ...over,
  });
  it("names the learner's cells below a shorter table, in sheet order", () => {
    const got = learnerRebuild(
      [col({}), col({ key: "err", col: 8 })],
      [
        ["=A22", "=A23", "=A24", "=A25"],
        ["=B22", "=B23", "", 5],
      ]
    );
    expect(got.below).toEqual(["H24", "H25", "I25"]);
    expect(got.fills).toEqual([]);
  });
  it("fills only the empty new rows of a longer table: a filled one is the learner's", () => {
    const got = learnerRebuild(
      [col({ rows: 4, oldRows: 2, newRows: 4 })],
      [["=A22", "=A23", "", "mine"]]
    );
    expect(got.below).toEqual([]);
    expect(got.fills).toEqual([{ row: 23, col: 7, formulas: ["=A24", null], range: "H24:H25" }]);
  });
});

describe("an exercise's GradSheet areas", () => {
  it("leave out the blank columns' step rows: those cells are the learner's", () => {
    const result = train(
      resolveConfig({ model: "linear", data: { x: { kind: "list", x: [14, 86, 28] } } }),
      { rows: true }
    );
    const plan = exerciseWorkbookPlan(result, { name: "Run 1", blank: ["ŷ"] }).sheets[0];
    const steps = stepsTable(plan);
    const yHat = steps.col + steps.columns.findIndex((c) => c.key === "pred");
    const inside = (row: number, c: number) =>
      planAreas(plan).some(
        (r) => row >= r.row && row < r.row + r.rows && c >= r.col && c < r.col + r.cols
      );
    expect(inside(steps.row, yHat)).toBe(true); // its header is GradSheet's
    for (let i = 1; i <= steps.rows; i++) {
      expect(inside(steps.row + i, yHat)).toBe(false);
      expect(inside(steps.row + i, yHat - 1)).toBe(true);
      expect(inside(steps.row + i, yHat + 1)).toBe(true);
    }
  });
});
