/**
 * The experiment workbooks in LibreOffice: the comparison workbook (its Compare sheet reads the run
 * sheets across sheets), the loss landscape (SUMPRODUCT over array expressions, LOG10) and the
 * sweep recalculate to the core's cached values, and the Compare sheet follows a LearningRate typed
 * into one run sheet. Tolerance as in libreoffice.test.ts (glibc pow for ^, compensated sums).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  logSpace,
  resolveConfig,
  sweep,
  train,
  type ModelId,
  type RunOptions,
} from "../../src/core";
import {
  buildCompareWorkbook,
  buildLandscapeSheet,
  buildSweepSheet,
} from "../../src/sheet/experiments";
import type { WorkbookPlan } from "../../src/sheet/plan";
import { writeWorkbook } from "../../src/xlsx";
import { compareWithEngine, LO_TOLERANCE } from "./helpers/compare";
import { loRecalc, requireLibreOffice } from "./helpers/libreoffice";

const MODELS: ModelId[] = ["linear", "two-linear", "two-relu"];
const OPTIONS: RunOptions = { lr: 1e-5, epochs: 3, gradient: "forward" };

let dir = "";
beforeAll(() => {
  requireLibreOffice();
  dir = mkdtempSync(join(tmpdir(), "gradsheet-lo-exp-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, plan: WorkbookPlan): string {
  const file = join(dir, name);
  writeFileSync(file, writeWorkbook(plan));
  return file;
}

describe("the comparison workbook in LibreOffice", () => {
  it("recalculates every sheet to its cached values, and the Compare sheet follows a new rate on one run sheet", () => {
    const runs = (lr2: number) =>
      MODELS.map((model, i) =>
        train(resolveConfig({ ...OPTIONS, model, lr: i === 1 ? lr2 : 1e-5 }), { rows: true })
      );
    const plan = buildCompareWorkbook(runs(1e-5));
    const lo = loRecalc(save("compare.xlsx", plan), { set: { "2 neurons!LearningRate": 3e-6 } });
    plan.sheets.forEach((sheet, i) =>
      expect(
        compareWithEngine(sheet, lo.baseline![i].rows, LO_TOLERANCE).mismatches.slice(0, 3)
      ).toEqual([])
    );
    // after typing 3e-6 into the 2-neuron sheet, every sheet matches a plan built from runs at that rate
    const changed = buildCompareWorkbook(runs(3e-6));
    changed.sheets.forEach((sheet, i) =>
      expect(
        compareWithEngine(sheet, lo.sheets[i].rows, LO_TOLERANCE).mismatches.slice(0, 3)
      ).toEqual([])
    );
  });
});

describe("the loss landscapes and the sweep in LibreOffice", () => {
  it("recalculate every SUMPRODUCT grid cell (array arithmetic, LOG10), the sweep's chart feed and its largest stable rate to the core's values", () => {
    const landscapes = MODELS.map((model) =>
      buildLandscapeSheet(
        train(resolveConfig({ ...OPTIONS, model }), { rows: true }),
        `Landscape ${model}`
      )
    );
    const options: RunOptions = { model: "two-linear", gradient: "forward", epochs: 2 };
    const sweepSheet = buildSweepSheet(
      sweep(options, logSpace(1e-6, 1e-3, 7)),
      resolveConfig(options)
    );
    const plan: WorkbookPlan = { sheets: [...landscapes, sweepSheet], namesScope: "workbook" };
    const lo = loRecalc(save("landscapes-and-sweep.xlsx", plan));
    plan.sheets.forEach((sheet, i) => {
      const c = compareWithEngine(sheet, lo.sheets[i].rows, LO_TOLERANCE);
      expect(c.cells).toBeGreaterThan(i < 3 ? 400 : 10);
      expect(c.mismatches.slice(0, 3)).toEqual([]);
    });
  });
});
