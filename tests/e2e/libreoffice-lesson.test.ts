/**
 * The lesson workbook in LibreOffice (one soffice run for the suite): every sheet recalculates to
 * the core's cached values, the exploding sheet follows a LearningRate of 1e-5 typed into its cell
 * to the core's run at 1e-5, every chart reads its series from cells, and the first sheet's charts
 * draw coloured series when printed. Tolerance as in libreoffice.test.ts (glibc pow for ^).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, train } from "../../src/core";
import { buildLesson, buildQuestionSheet, QUESTIONS } from "../../src/sheet/lesson";
import { lessonXlsx } from "../../src/run";
import { compareWithEngine, LO_TOLERANCE } from "./helpers/compare";
import { loRecalc, requireLibreOffice, type LoDump } from "./helpers/libreoffice";
import { chartArea, renderPages, type PageImage } from "./helpers/render";

const LO_HOOK_MS = 400_000;

const lesson = buildLesson();
let dir = "";
let lo: LoDump;
let pages: PageImage[];

beforeAll(() => {
  const { pdftoppm } = requireLibreOffice();
  dir = mkdtempSync(join(tmpdir(), "gradsheet-lo-lesson-"));
  const file = join(dir, "lesson.xlsx");
  writeFileSync(file, lessonXlsx().bytes);
  const pdf = join(dir, "lesson.pdf");
  lo = loRecalc(file, {
    set: { [`${QUESTIONS[1].name}!LearningRate`]: 1e-5 },
    pdf,
    printArea: chartArea(lesson.sheets[0]),
  });
  pages = renderPages(pdftoppm, pdf, dir, "lesson");
}, LO_HOOK_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the lesson workbook in LibreOffice", () => {
  it("recalculates every sheet to the core's values", () => {
    expect(lo.baseline!.map((s) => s.name)).toEqual(lesson.sheets.map((s) => s.name));
    lesson.sheets.forEach((sheet, i) => {
      if (sheet.meta.exercise) return; // its ŷ and e are the learner's to write
      const c = compareWithEngine(sheet, lo.baseline![i].rows, LO_TOLERANCE);
      expect(c.cells, sheet.name).toBeGreaterThan(10);
      expect(c.mismatches.slice(0, 3), sheet.name).toEqual([]);
    });
  });

  it("follows the LearningRate its text names: two neurons at 1e-5 compute the core's run at 1e-5", () => {
    const q = QUESTIONS[1];
    const fresh = buildQuestionSheet(
      q,
      train(resolveConfig({ ...q.options, lr: 1e-5 }), { rows: true })
    );
    expect(
      compareWithEngine(fresh, lo.sheets[2].rows, LO_TOLERANCE).mismatches.slice(0, 3)
    ).toEqual([]);
    expect(
      compareWithEngine(lesson.sheets[2], lo.sheets[2].rows, LO_TOLERANCE).mismatches.length
    ).toBeGreaterThan(0);
  });

  it("reads every chart's series from cells of its own sheet", () => {
    lesson.sheets.forEach((sheet, i) => {
      const charts = lo.sheets[i].charts;
      expect(charts.length, sheet.name).toBe(sheet.charts.length);
      for (const s of charts.flatMap((c) => c.series)) {
        expect(s.error, sheet.name).toBeUndefined();
        expect(s.x, sheet.name).toContain(sheet.name);
        expect(s.y, sheet.name).toContain(sheet.name);
      }
    });
  });

  it("draws the first sheet's charts with coloured series", () => {
    // the first page is the first sheet's chart area (the print area); the other sheets print whole after it
    expect(pages[0].width).toBeGreaterThan(pages[0].height);
    expect(pages[0].ink).toBeGreaterThan(0.03);
    expect(pages[0].colour).toBeGreaterThan(0.003);
  });
});
