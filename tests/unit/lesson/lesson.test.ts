import { describe, expect, it } from "vitest";
import { presetById, presetOptions, resolveConfig, train } from "../../../src/core";
import { buildLesson, buildQuestionSheet, QUESTIONS } from "../../../src/sheet/lesson";
import { formulaCells, mismatches } from "../../helpers/hyperformula";
import { evaluateWorkbook, workbookMismatches } from "../../helpers/hyperformula";
import { cli } from "../cli/run-cli";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const lesson = buildLesson();

describe("the lesson workbook", () => {
  it("walks the thread's questions in order, one sheet each", () => {
    expect(lesson.sheets.map((s) => s.name)).toEqual([
      "1 One neuron",
      "1b Your turn ŷ and e",
      "2 Two neurons explode",
      "3 A smaller rate",
      "4 ReLU dies",
      "5 One line",
      "6 Sweep",
      "7 Momentum and Adam",
      "8 Wider ReLU layer",
    ]);
    expect(lesson.namesScope).toBe("sheet");
  });

  it("starts from the pane's presets: question 1 is graddesc's basic sheet, question 4 the ReLU one", () => {
    expect(QUESTIONS[0].options).toBe(presetById("graddesc-basic")!.options);
    expect(QUESTIONS[3].options).toBe(presetById("two-relu")!.options);
    expect(() => presetOptions("no-such-preset")).toThrow('No preset "no-such-preset".');
  });

  it("gives every sheet a short text naming the cell to change, live formulas and a chart", () => {
    for (const s of lesson.sheets) {
      const text = String(s.blocks[0].cells[1][0]?.value);
      expect(text, s.name).toMatch(/[Ss]et (LearningRate|Beta)/);
      expect(text.length, s.name).toBeLessThan(600);
      expect(formulaCells(s).length, s.name).toBeGreaterThan(0);
      expect(s.charts.length, s.name).toBeGreaterThan(0);
    }
    expect(String(lesson.sheets[0].blocks[0].cells[1][0]?.value)).toContain(
      "Set LearningRate (A4) to 3e-5"
    );
  });

  it("explains the explosion by the first step with k > 2", () => {
    const text = String(lesson.sheets[2].blocks[0].cells[1][0]?.value);
    expect(text).toMatch(
      /The first step with k = 2·learning rate·‖∇ŷ‖² above 2 is step 2 \(x = 86, k = 3\.76\d*\)/
    );
  });

  it("computes in HyperFormula exactly what the core computed, on every sheet", () => {
    // the exercise's ŷ and e are empty until the learner writes them (see exercise.test.ts)
    const complete = { ...lesson, sheets: lesson.sheets.filter((s) => !s.meta.exercise) };
    const hf = evaluateWorkbook(complete);
    try {
      expect(workbookMismatches(hf, complete).slice(0, 5)).toEqual([]);
    } finally {
      hf.destroy();
    }
  });

  it("follows a new LearningRate: the exploding sheet at 1e-5 computes the core's run at 1e-5", () => {
    const q = QUESTIONS[1];
    const plan = buildQuestionSheet(q);
    const fresh = buildQuestionSheet(
      q,
      train(resolveConfig({ ...q.options, lr: 1e-5 }), { rows: true })
    );
    const hf = evaluateWorkbook({ sheets: [plan], namesScope: "sheet" });
    try {
      const n = plan.names.find((x) => x.name === "LearningRate")!;
      hf.setCellContents({ sheet: hf.getSheetId(plan.name)!, row: n.row, col: n.col }, 1e-5);
      const cells = formulaCells(plan);
      const freshCells = formulaCells(fresh);
      expect(freshCells.map((c) => c.formula)).toEqual(cells.map((c) => c.formula));
      expect(
        mismatches(hf, plan, cells, (c) => freshCells[cells.indexOf(c)].cached).slice(0, 5)
      ).toEqual([]);
      expect(mismatches(hf, plan).length).toBeGreaterThan(0);
    } finally {
      hf.destroy();
    }
  });

  it("is what gradsheet lesson writes", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gradsheet-lesson-")), "lesson.xlsx");
    const r = await cli("lesson", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/9 sheets/);
    expect(String.fromCharCode(...readFileSync(out).subarray(0, 2))).toBe("PK");
    expect((await cli("lesson")).code).toBe(2);
  });
});
