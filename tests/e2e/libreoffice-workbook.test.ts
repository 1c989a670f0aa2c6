/**
 * A workbook of several runs in LibreOffice: each sheet has its own `LearningRate` (a name scoped
 * to its sheet through localSheetId), and typing a new rate into one sheet changes that sheet only.
 * Tolerance as in libreoffice.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../src/core";
import { abs } from "../../src/sheet/address";
import type { SheetPlan } from "../../src/sheet/plan";
import { buildWorkbookPlan } from "../../src/sheet/workbook";
import { writeWorkbook } from "../../src/xlsx";
import { compareWithEngine, LO_TOLERANCE } from "./helpers/compare";
import { loRecalc, requireLibreOffice, type LoDump } from "./helpers/libreoffice";

/** One LibreOffice session per hook; on a busy 2-core machine a start alone has taken 20 s. */
const LO_HOOK_MS = 300_000;

const base = presetById("one-neuron")!.options;
const sheetsAt = (...rates: number[]): SheetPlan[] =>
  buildWorkbookPlan(
    rates.map((lr, i) => ({
      result: train(resolveConfig({ ...base, lr }), { rows: true }),
      name: `Run ${i + 1}`,
    }))
  ).sheets;

let dir = "";
let lo: LoDump;
let plans: SheetPlan[];
beforeAll(() => {
  requireLibreOffice();
  dir = mkdtempSync(join(tmpdir(), "gradsheet-lo-book-"));
  const book = buildWorkbookPlan(
    [1e-4, 2e-4].map((lr, i) => ({
      result: train(resolveConfig({ ...base, lr }), { rows: true }),
      name: `Run ${i + 1}`,
    }))
  );
  expect(book.namesScope).toBe("sheet");
  plans = book.sheets;
  const file = join(dir, "two-runs.xlsx");
  writeFileSync(file, writeWorkbook(book));
  lo = loRecalc(file, { set: { "Run 2!LearningRate": 3e-4 } });
}, LO_HOOK_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a two-run export in LibreOffice", () => {
  it("gives each sheet its own LearningRate", () => {
    const lr = lo.names
      .filter((n) => n.name === "LearningRate")
      .map((n) => [n.sheet, n.content] as const);
    const cell = plans[0].names.find((n) => n.name === "LearningRate")!;
    const at = abs(cell.row, cell.col).replace(/\$/g, "");
    expect(lr.map(([sheet, content]) => [sheet, content.replace(/\$/g, "")])).toEqual([
      ["Run 1", `'Run 1'.${at}`],
      ["Run 2", `'Run 2'.${at}`],
    ]);
  });

  it("recalculates both sheets to their cached values", () => {
    plans.forEach((plan, i) =>
      expect(
        compareWithEngine(plan, lo.baseline![i].rows, LO_TOLERANCE).mismatches.slice(0, 5)
      ).toEqual([])
    );
  });

  it("changes only the sheet whose LearningRate was typed over", () => {
    const [, run2At3e4] = sheetsAt(1e-4, 3e-4);
    expect(
      compareWithEngine(plans[0], lo.sheets[0].rows, LO_TOLERANCE).mismatches.slice(0, 5)
    ).toEqual([]);
    expect(
      compareWithEngine(run2At3e4, lo.sheets[1].rows, LO_TOLERANCE).mismatches.slice(0, 5)
    ).toEqual([]);
    expect(
      compareWithEngine(plans[1], lo.sheets[1].rows, LO_TOLERANCE).mismatches.length
    ).toBeGreaterThan(0);
  });
});
