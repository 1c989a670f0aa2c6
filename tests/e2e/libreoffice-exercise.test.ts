/**
 * Exercises proven by LibreOffice (one soffice session, one profile, for the suite): each exercise
 * of a matrix covering every model kind, derivative kind and optimizer has its blanks filled with
 * the complete run's formulas (their stored values 0, so only a real recalculation can make them
 * right), is recalculated and saved by headless LibreOffice, and `gradsheet check` grades the file
 * LibreOffice saved: all right; one formula times 1.01 named as the first wrong cell; a column left
 * empty counted as empty. It includes the measured case: a two-relu momentum run with forward
 * differences, lr 0.000509, 2 epochs, whose "fwd error d" column LibreOffice rounds differently.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRADDESC_X, resolveConfig, train, type RunOptions } from "../../src/core";
import { checkWorkbookBytes, runWorkbookPlan, type SheetGrade } from "../../src/run";
import { a1, formulaAt } from "../../src/sheet/address";
import { blankColumns, exercisePlan, stepsTable } from "../../src/sheet/exercise";
import type { SheetPlan } from "../../src/sheet/plan";
import { writeWorkbook } from "../../src/xlsx";
import { loRecalcMany, requireLibreOffice } from "./helpers/libreoffice";

const X = { x: { kind: "list" as const, x: [...GRADDESC_X] } };
const ALL = ["prediction", "error", "derivatives", "updates"];

const MATRIX: { name: string; options: RunOptions; slip: string }[] = [
  { name: "linear, analytic, SGD", options: { model: "linear" }, slip: "pred" },
  {
    name: "two-linear, central, Adam",
    options: { model: "two-linear", gradient: "central", optimizer: "adam", lr: 1e-3 },
    slip: "errB_down",
  },
  {
    name: "relu-3, analytic, RMSProp",
    options: { model: "relu-3", optimizer: "rmsprop", lr: 1e-3 },
    slip: "dC2",
  },
  {
    name: "two-relu, forward, momentum, lr 0.000509, 2 epochs (the measured case)",
    options: {
      model: "two-relu",
      gradient: "forward",
      optimizer: "momentum",
      lr: 0.000509,
      epochs: 2,
    },
    slip: "dD_fwd",
  },
];

type Variant = "right" | "slip" | "empty";
const VARIANTS: Variant[] = ["right", "slip", "empty"];

/** The exercise with its blanks refilled with the run's formulas (stored values 0); the slip multiplies the first row's formula by 1.01. */
function handIn(
  result: ReturnType<typeof train>,
  slip: string,
  v: Variant
): { sheet: SheetPlan; bytes: Uint8Array } {
  const book = runWorkbookPlan(result, { name: "Run 1" });
  const full = book.sheets[0];
  const steps = stepsTable(full);
  const ex = exercisePlan(full, blankColumns(result.config, steps, ALL));
  const exSteps = stepsTable(ex);
  const columns = exSteps.columns.map((c, j) => {
    const f = steps.columns[j].formula;
    if (!f || c.formula || (v === "empty" && c.key === slip)) return c;
    const formula =
      v === "slip" && c.key === slip
        ? { first: `=(${formulaAt(f, 0).slice(1)})*1.01`, rest: f.rest }
        : f;
    return { ...c, formula, cached: c.cached ?? new Array(exSteps.rows).fill(0) };
  });
  const sheet = {
    ...ex,
    tables: ex.tables.map((t) => (t === exSteps ? { ...exSteps, columns } : t)),
  };
  return { sheet, bytes: writeWorkbook({ ...book, sheets: [sheet] }) };
}

let dir = "";
let runSaved = "";
const grades = new Map<string, { grade: SheetGrade; sheet: SheetPlan; rows: number }>();

beforeAll(() => {
  requireLibreOffice();
  dir = mkdtempSync(join(tmpdir(), "gradsheet-lo-exercise-"));
  const jobs: { file: string; save: string; key: string; sheet: SheetPlan; rows: number }[] = [];
  MATRIX.forEach((m, i) => {
    const result = train(resolveConfig({ data: X, ...m.options }), { rows: true });
    for (const v of VARIANTS) {
      const { sheet, bytes } = handIn(result, m.slip, v);
      const file = join(dir, `ex-${i}-${v}.xlsx`);
      writeFileSync(file, bytes);
      jobs.push({
        file,
        save: join(dir, `saved-${i}-${v}.xlsx`),
        key: `${i}-${v}`,
        sheet,
        rows: result.rows!.length,
      });
    }
  });
  // the measured case's whole run sheet, as export writes it: every formula cell is graded
  const measured = train(resolveConfig({ data: X, ...MATRIX[3].options }), { rows: true });
  const runFile = join(dir, "measured.xlsx");
  writeFileSync(runFile, writeWorkbook(runWorkbookPlan(measured, { name: "Run 1" })));
  runSaved = join(dir, "measured-saved.xlsx");
  loRecalcMany([
    ...jobs.map((j) => ({ file: j.file, save: j.save })),
    { file: runFile, save: runSaved },
  ]);
  for (const j of jobs) {
    const [grade] = checkWorkbookBytes(readFileSync(j.save));
    grades.set(j.key, { grade, sheet: j.sheet, rows: j.rows });
  }
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("gradsheet check on exercises LibreOffice recalculated and saved", () => {
  MATRIX.forEach((m, i) => {
    describe(m.name, () => {
      it("says every blank cell is right when it holds the run's formulas", () => {
        const { grade } = grades.get(`${i}-right`)!;
        expect(grade).toMatchObject({ kind: "exercise", wrong: 0, empty: 0, wrongOnOwnInputs: 0 });
        expect(grade.right).toBe(grade.cells);
      });

      it("names the formula times 1.01 as the first wrong cell", () => {
        const { grade, sheet } = grades.get(`${i}-slip`)!;
        const steps = stepsTable(sheet);
        const j = steps.columns.findIndex((c) => c.key === m.slip);
        expect(grade.firstWrong).toMatchObject({ cell: a1(steps.row + 1, steps.col + j), step: 1 });
        expect(grade.wrongOnOwnInputs).toBe(1);
      });

      it("counts the column left empty as empty", () => {
        const { grade, rows } = grades.get(`${i}-empty`)!;
        expect(grade.empty).toBe(rows);
      });
    });
  });
});

describe("gradsheet check on the measured run LibreOffice recalculated and saved", () => {
  it("agrees on every formula cell of the two-relu momentum run, the derivative check's cancellation included", () => {
    const [grade] = checkWorkbookBytes(readFileSync(runSaved));
    expect(grade).toMatchObject({ kind: "run", wrong: 0, empty: 0, firstWrong: null });
    expect(grade.right).toBe(grade.cells);
  });
});
