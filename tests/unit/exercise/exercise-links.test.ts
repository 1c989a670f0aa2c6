/**
 * The pane's "Check my formulas" message in pieces: the same words as `gradsheet check`'s line,
 * with the first wrong cell and each number of the explanation line carrying the cell it stands
 * for (the pane makes them links that select those cells, as the Explain tab does). The cells are
 * read off the 2-neuron sheet's layout by hand: step, epoch, row, x, y, a, b, c, d, z, ŷ (A to K),
 * the step table's first row is 22, so step 2 is row 23.
 */
import { describe, expect, it } from "vitest";
import { fiveStepRun } from "../../helpers/five-step-run";
import {
  gradedArea,
  gradeJson,
  gradeLine,
  gradeLineParts,
  gradeSheetValues,
  runWorkbookPlan,
} from "../../../src/run";

const result = fiveStepRun();
const plan = runWorkbookPlan(result, { name: "Run 1" }).sheets[0];

/** The sheet as Excel calculated it: every cell the core's value. */
function calculated(): unknown[][] {
  const area = gradedArea(plan.meta);
  const grid = Array.from({ length: area.rows }, () => Array<unknown>(area.cols).fill(null));
  for (const b of plan.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (c && b.row + i < area.rows && b.col + j < area.cols)
          grid[b.row + i][b.col + j] = c.formula ? c.cached : c.value;
      })
    );
  for (const t of plan.tables)
    t.columns.forEach((c, j) => {
      for (let i = 0; i < t.rows; i++)
        if (t.row + 1 + i < area.rows && t.col + j < area.cols)
          grid[t.row + 1 + i][t.col + j] = c.cached?.[i] ?? c.values?.[i] ?? null;
    });
  return grid;
}

describe("the check's line in pieces", () => {
  it("says what gradeLine says, with the wrong cell and the explanation's numbers linked to their cells", () => {
    const grid = calculated();
    grid[22][10] = (grid[22][10] as number) * 1.01; // ŷ of step 2, 1% off
    const g = gradeSheetValues("Run 1", plan.meta, grid);
    const parts = gradeLineParts(g);
    expect(parts.map((p) => p.text).join("")).toBe(gradeLine(g));
    const linked = parts.filter((p) => p.cell).map((p) => p.cell!.a1);
    expect(linked[0]).toBe("K23");
    // ŷ = c·(a·x + b) + d = ŷ with step 2's numbers: c, a, x, b, d, and the result itself
    expect(linked.slice(1)).toEqual(["H23", "F23", "D23", "G23", "I23", "K23"]);
    expect(parts.find((p) => p.cell?.a1 === "D23")!.text).toBe("86");
    expect(parts[1].cell).toEqual({ row: 22, col: 10, a1: "K23" });
    // --json keeps its documented fields: the pieces are the pane's
    expect(gradeJson(g).firstWrong).not.toHaveProperty("explanationParts");
  });

  it("is one plain piece when nothing is wrong", () => {
    const parts = gradeLineParts(gradeSheetValues("Run 1", plan.meta, calculated()));
    expect(parts).toHaveLength(1);
    expect(parts[0].cell).toBeUndefined();
  });
});
