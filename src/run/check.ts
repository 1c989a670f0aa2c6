/**
 * The check use case: grade a saved workbook's GradSheet sheets from their cached values, with no
 * spreadsheet engine. Run and exercise sheets are graded against the core at their current
 * settings (`./grade-sheet`); experiment sheets (Compare, Sweep, landscape) against the sample of
 * the core's values their record stores. Shared by the CLI's `gradsheet check` and the pane.
 */
import { ConfigError } from "../core";
import { learnerNumber } from "../core/learner-number";
import { train } from "../core";
import { a1, buildRunSheet, parseCellA1, runConfigFromMeta } from "../sheet";
import { stepsTable } from "../sheet/exercise";
import { agreesWithin } from "../sheet/agreement";
import type { CachedValue } from "../sheet/plan";
import { DoctorInputError } from "../xlsx/doctor/zip";
import { readSavedBook, type SavedSheet, type SavedValue } from "../xlsx/read/cells";
import { gradeRunSheet, type CellVerdict, type LinePart, type SheetGrade } from "./grade-sheet";

export type { CellVerdict, LinePart, SheetGrade };

/** A workbook `check` cannot grade: not a workbook, no GradSheet sheet, or saved without calculated values. One sentence. */
export class CheckInputError extends Error {}

/** Grade every GradSheet sheet of a saved workbook. Throws CheckInputError with one sentence for a file it cannot grade. */
export function checkWorkbookBytes(bytes: Uint8Array): SheetGrade[] {
  let book;
  try {
    book = readSavedBook(bytes);
  } catch (e) {
    if (e instanceof DoctorInputError) throw new CheckInputError(e.message);
    throw e;
  }
  if (!book.sheets.length)
    throw new CheckInputError(
      `it has no GradSheet sheet (its record names ${book.missing.map((n) => `"${n}"`).join(", ")}, which the file no longer has)`
    );
  if (book.sheets.some((s) => s.uncalculated > 0))
    throw new CheckInputError(
      "it was saved without calculated values: open it in Excel and save it once"
    );
  return book.sheets.map((s) => {
    try {
      return typeof s.meta.kind === "string" && s.meta.kind !== "run"
        ? gradeSample(s)
        : gradeRunSheet(s);
    } catch (e) {
      if (e instanceof ConfigError) throw new CheckInputError(e.message);
      // a record that parses as JSON but not as GradSheet's settings (edited or hostile)
      if (e instanceof TypeError || e instanceof RangeError)
        throw new CheckInputError(`${s.name}: its GradSheet record is damaged (${e.message})`);
      throw e;
    }
  });
}

/** An experiment sheet graded on the sample of the core's values its record stores. */
function gradeSample(saved: SavedSheet): SheetGrade {
  const sample = Array.isArray(saved.check) ? (saved.check as unknown[]) : [];
  const grade: SheetGrade = {
    sheet: saved.name,
    kind: "experiment",
    cells: 0,
    right: 0,
    wrong: 0,
    wrongOnOwnInputs: 0,
    empty: 0,
    firstWrong: null,
    firstEmpty: null,
  };
  for (const entry of sample) {
    if (!Array.isArray(entry) || typeof entry[0] !== "number" || typeof entry[1] !== "number")
      continue;
    const [row, col, core] = entry as [number, number, CachedValue];
    grade.cells++;
    const got = saved.value(row, col);
    if (got === null || got === "") {
      grade.empty++;
      grade.firstEmpty ??= a1(row, col);
    } else if (agreesWithin(got, core)) grade.right++;
    else {
      grade.wrong++;
      grade.firstWrong ??= { cell: a1(row, col), step: null, column: null, got, expected: core };
    }
  }
  return grade;
}

/** A value as the report shows it: a learner's number with enough digits to differ from `other`. */
function shown(v: SavedValue | CachedValue, other?: SavedValue | CachedValue): string {
  if (v !== null && typeof v === "object") return v.error;
  if (typeof v !== "number") return JSON.stringify(v);
  const short = learnerNumber(v);
  if (typeof other !== "number" || short !== learnerNumber(other) || v === other) return short;
  for (let p = 6; p <= 17; p++)
    if (v.toPrecision(p) !== other.toPrecision(p)) return String(Number(v.toPrecision(p)));
  return String(v);
}

/** The one line `check` prints for a sheet. */
export function gradeLine(g: SheetGrade): string {
  return gradeLineParts(g)
    .map((p) => p.text)
    .join("");
}

/**
 * `gradeLine` in pieces for a surface that links cells: the first wrong cell's name and the
 * explanation's numbers carry the cell they stand for (`cell`, 0-based with its A1).
 */
export function gradeLineParts(g: SheetGrade): LinePart[] {
  const w = g.firstWrong;
  if (w) {
    const where = w.step !== null ? ` (${w.column}, step ${w.step})` : "";
    const counts = `${g.wrong} of ${g.cells} wrong${g.kind === "experiment" ? "" : `, ${g.wrongOnOwnInputs} on their own inputs`}${g.empty ? `; ${g.empty} still empty` : ""}`;
    const at = parseCellA1(w.cell);
    const why: LinePart[] = w.explanationParts
      ? [{ text: ": " }, ...w.explanationParts]
      : w.explanation
        ? [{ text: `: ${w.explanation}` }]
        : [];
    return [
      { text: `${g.sheet}: ` },
      at ? { text: w.cell, cell: { row: at.row, col: at.col, a1: w.cell } } : { text: w.cell },
      {
        text: `${where} is ${shown(w.got, w.expected)}; GradSheet has ${shown(w.expected, w.got)}`,
      },
      ...why,
      { text: ` (${counts})` },
    ];
  }
  if (g.empty)
    return [
      {
        text: `${g.sheet}: ${g.empty} cell${g.empty === 1 ? "" : "s"} still empty (${g.emptyRange ?? `first ${g.firstEmpty}`})${g.right ? `; ${g.right} of ${g.cells} right` : ""}`,
      },
    ];
  return [{ text: `${g.sheet}: ${g.right} of ${g.cells} right` }];
}

/** 0 when every sheet agrees and nothing is empty, 1 otherwise. */
export const gradeExit = (grades: SheetGrade[]): 0 | 1 =>
  grades.every((g) => g.wrong === 0 && g.empty === 0) ? 0 : 1;

/** A grade as `--json` prints it (DESIGN.md's fields; firstWrong's explanation kept as an extra). */
export function gradeJson(g: SheetGrade): Record<string, unknown> {
  const { emptyRange: _range, ...rest } = g;
  if (!rest.firstWrong) return rest;
  const { formula: _formula, explanationParts: _parts, ...firstWrong } = rest.firstWrong;
  return { ...rest, firstWrong };
}

/** The rectangle (from A1) a surface must read to grade a run or exercise sheet with `gradeSheetValues`. */
export function gradedArea(meta: Record<string, unknown>): { rows: number; cols: number } {
  const config = runConfigFromMeta(meta);
  if (!config) throw new ConfigError("sheet", "This sheet's record is not a run's.");
  const plan = buildRunSheet(train(config, { rows: true }), { name: "x" });
  const steps = stepsTable(plan);
  return { rows: steps.row + 1 + steps.rows, cols: steps.col + steps.columns.length };
}

/**
 * Grade a run or exercise sheet from the values a surface read (the pane reads what Excel
 * calculated): `rows` is the rectangle from A1 that `gradedArea` names. `onCell` hears each graded
 * cell's verdict. Throws ConfigError with one sentence when the settings in the cells are not valid.
 */
export function gradeSheetValues(
  sheet: string,
  meta: Record<string, unknown>,
  rows: readonly (readonly unknown[])[],
  onCell?: CellVerdict
): SheetGrade {
  const value = (r: number, c: number): SavedValue => {
    const v = rows[r]?.[c];
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "string") return /^#[A-Z/0!?]+[!?A]?$/.test(v) ? { error: v } : v;
    return null;
  };
  return gradeRunSheet(
    {
      name: sheet,
      meta,
      value,
      hasFormula: () => false,
      uncalculated: 0,
      formulas: 0,
      lastRow: rows.length - 1,
    },
    onCell
  );
}
