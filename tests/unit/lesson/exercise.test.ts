/** The lesson's exercise: the learner writes ŷ and e for two neurons, before the sheet that explains the explosion. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRunSheet } from "../../../src/sheet";
import { stepsTable } from "../../../src/sheet/exercise";
import { buildExerciseSheet, buildLesson, EXERCISE_SHEET } from "../../../src/sheet/lesson";
import { exerciseRun } from "../../../src/sheet/lesson/exercise";
import { cli } from "../cli/run-cli";
import { evaluatePlan, mismatches } from "../../helpers/hyperformula";

describe("the lesson's exercise sheet", () => {
  it("comes just before the sheet that explains the explosion, with ŷ and e left blank", () => {
    const names = buildLesson().sheets.map((s) => s.name);
    expect(names.indexOf(EXERCISE_SHEET)).toBe(names.indexOf("2 Two neurons explode") - 1);
    const sheet = buildExerciseSheet();
    expect(sheet.meta.exercise).toEqual({
      columns: ["pred", "err"],
      headers: ["ŷ", "e = (ŷ − y)²"],
    });
    expect(String(sheet.blocks[0].cells[1][0]?.value)).toMatch(
      /Write ŷ in K22 .* and e = \(ŷ − y\)² in L22.*Set LearningRate \(A4\) to 1e-5/
    );
  });

  it("computes the exploding run in HyperFormula once ŷ and e hold the run's formulas", () => {
    const run = exerciseRun();
    const full = stepsTable(buildRunSheet(run, { name: EXERCISE_SHEET }));
    const ex = buildExerciseSheet(run);
    const steps = stepsTable(ex);
    const filled = {
      ...ex,
      tables: ex.tables.map((t) => (t === steps ? { ...t, columns: full.columns } : t)),
    };
    const hf = evaluatePlan(filled);
    try {
      expect(mismatches(hf, filled).slice(0, 3)).toEqual([]);
    } finally {
      hf.destroy();
    }
  });

  it("is graded by gradsheet check: its 58 blank cells still empty, every other sheet right", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gradsheet-lesson-ex-")), "lesson.xlsx");
    expect((await cli("lesson", "--out", out)).code).toBe(0);
    const r = await cli("check", out);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe(`${EXERCISE_SHEET}: 58 cells still empty (K22:L50)`);
    for (const l of lines.filter((_, i) => i !== 1)) expect(l).toMatch(/: (\d+) of \1 right$/);
  });
});
