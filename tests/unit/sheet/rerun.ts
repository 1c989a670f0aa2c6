/** Test helper: type into a sheet's named input cells inside HyperFormula and compare with a fresh core run. */
import { expect } from "vitest";
import type { RunOptions } from "../../../src/core";
import type { SheetPlan } from "../../../src/sheet";
import { evaluatePlan, formulaCells, mismatches } from "../../helpers/hyperformula";
import { allFormulas, plannedRun } from "./fixtures";

/** Type `value` into the named input cell inside the engine. */
function typeInto(
  hf: ReturnType<typeof evaluatePlan>,
  plan: SheetPlan,
  name: string,
  value: number
) {
  const n = plan.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name}`);
  hf.setCellContents({ sheet: hf.getSheetId(plan.name)!, row: n.row, col: n.col }, value);
}

/**
 * Build the sheet at `before`, type the changes into its named cells, and compare every formula
 * cell with the cached values of a fresh core run at `after` (the same layout, proven first).
 */
export function expectRerunMatches(
  before: RunOptions,
  edits: Record<string, number>,
  after: RunOptions
) {
  const old = plannedRun(before).plan;
  const fresh = plannedRun({ ...before, ...after }).plan;
  expect(allFormulas(fresh)).toEqual(allFormulas(old));
  const hf = evaluatePlan(old);
  try {
    for (const [name, value] of Object.entries(edits)) typeInto(hf, old, name, value);
    const freshCells = formulaCells(fresh);
    const cells = formulaCells(old);
    expect(
      mismatches(hf, old, cells, (c) => freshCells[cells.indexOf(c)].cached).slice(0, 5)
    ).toEqual([]);
    // And it really changed: some cell now differs from what the old sheet cached.
    expect(mismatches(hf, old).length).toBeGreaterThan(0);
  } finally {
    hf.destroy();
  }
}
