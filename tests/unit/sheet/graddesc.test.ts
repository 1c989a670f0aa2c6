import { describe, expect, it } from "vitest";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";
import { column, formulaOf, plannedRun, stepTable } from "./fixtures";
import { a1 } from "../../../src/sheet";

/** graddesc's basic sheet: y = a·x + b from a = b = 1, lr 1e-4, h 0.01, analytic update. */
const basic = () =>
  plannedRun({ model: "linear", optimizer: "sgd", lr: 1e-4, gradient: "analytic", epochs: 1 });

/** The cached value of a step-table column in data row r. */
const at = (plan: ReturnType<typeof basic>["plan"], key: string, r = 0) =>
  column(plan, key).cached![r];

describe("the graddesc basic sheet, regenerated", () => {
  it("shows graddesc's row-4 numbers in its first step row", () => {
    const { plan } = basic();
    expect(at(plan, "pred")).toBe(15); // E4
    expect(at(plan, "err")).toBe(1849); // F4
    expect(at(plan, "errB_up")).toBeCloseTo(1848.1401, 9); // G4 errb1
    expect(at(plan, "dB_fwd")).toBeCloseTo(-85.99, 9); // H4 est de/db
    expect(at(plan, "errA_up")).toBeCloseTo(1836.9796, 9); // I4 erra1
    expect(at(plan, "dA_fwd")).toBeCloseTo(-1202.04, 9); // J4 est de/da
    expect(at(plan, "dB")).toBe(-86); // K4
    expect(at(plan, "dA")).toBe(-1204); // L4
    expect(at(plan, "newA")).toBe(1 - 1e-4 * -1204); // M4 1.1204
    expect(at(plan, "newA")).toBeCloseTo(1.1204, 12);
    expect(at(plan, "newB")).toBeCloseTo(1.0086, 12); // N4
  });

  it("shows row 5's jump: prediction 97.363 and a new a of 2.9202", () => {
    const { plan } = basic();
    expect(at(plan, "pred", 1)).toBeCloseTo(97.363, 9);
    expect(at(plan, "newA", 1)).toBeCloseTo(2.9202, 4);
  });

  it("gives graddesc's √SSE of 150.75521153771854 for the epoch, cached and recomputed", () => {
    const { plan } = basic();
    const summary = plan.blocks.find((b) => b.cells[0][0]?.value === "epoch")!;
    const root = summary.cells[1][2]!;
    expect(root.formula).toBe(`=SQRT(${a1(summary.row + 1, summary.col + 1)})`);
    expect(root.cached).toBe(150.75521153771854);
    const hf = evaluatePlan(plan);
    expect(hf.getCellValue({ sheet: 0, row: summary.row + 1, col: summary.col + 2 })).toBe(
      150.75521153771854
    );
    expect(mismatches(hf, plan)).toEqual([]);
    hf.destroy();
  });

  it("reads like graddesc: =(ŷ−y)^2, the bumped error written out, the update by name", () => {
    const { plan } = basic();
    const t = stepTable(plan);
    const r1 = t.row + 2; // sheet row number of the first data row
    const c = (key: string) =>
      a1(
        t.row + 1,
        t.columns.findIndex((x) => x.key === key)
      ).replace(/\d+$/, "");
    expect(formulaOf(plan, "pred", 0)).toBe(`=${c("a")}${r1}*${c("x")}${r1}+${c("b")}${r1}`);
    expect(formulaOf(plan, "err", 0)).toBe(`=(${c("pred")}${r1}-${c("y")}${r1})^2`);
    expect(formulaOf(plan, "errB_up", 0)).toBe(
      `=(${c("a")}${r1}*${c("x")}${r1}+(${c("b")}${r1}+DiffStep)-${c("y")}${r1})^2`
    );
    expect(formulaOf(plan, "dB_fwd", 0)).toBe(`=(${c("errB_up")}${r1}-${c("err")}${r1})/DiffStep`);
    expect(formulaOf(plan, "dB", 0)).toBe(`=2*(${c("pred")}${r1}-${c("y")}${r1})`);
    expect(formulaOf(plan, "dA", 0)).toBe(`=${c("dB")}${r1}*${c("x")}${r1}`);
    expect(formulaOf(plan, "newA", 0)).toBe(`=${c("a")}${r1}-LearningRate*${c("dA")}${r1}`);
    expect(
      formulaCells(plan).some(
        (f) => /\$[A-Z]+\$\d+/.test(f.formula) && f.origin.startsWith("table steps")
      )
    ).toBe(false);
  });
});
