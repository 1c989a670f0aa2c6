/**
 * The exercise use case: a run's workbook with chosen step-table columns left for the learner to
 * write (`src/sheet/exercise`), the same workbook `export` writes otherwise. Shared by the CLI and
 * the pane.
 */
import { train, type RunResult } from "../core";
import {
  blankColumns,
  EXERCISE_WORDS,
  exerciseMetaOf,
  exercisePlan,
  stepsTable,
} from "../sheet/exercise";
import {
  buildRunSheet,
  parseCellA1,
  runConfigFromMeta,
  type SheetPlan,
  type WorkbookPlan,
} from "../sheet";
import { runWorkbookPlan } from "./service";

export { EXERCISE_WORDS };
export {
  learnerColumns,
  learnerRebuild,
  type LearnerColumn,
  type LearnerRebuild,
} from "../sheet/exercise-rebuild";

/** The default `--blank` list: every word. */
export const DEFAULT_BLANK: readonly string[] = EXERCISE_WORDS;

/**
 * The exercise workbook of a run: its one run sheet (named `name`, default by the naming rule) with
 * the columns `blank` names left empty. Throws ConfigError for a word that names no column.
 */
export function exerciseWorkbookPlan(
  result: RunResult,
  opts: { name?: string; blank?: readonly string[] } = {}
): WorkbookPlan {
  const plan = runWorkbookPlan(result, { name: opts.name });
  const sheet = plan.sheets[0];
  const keys = blankColumns(result.config, stepsTable(sheet), opts.blank ?? DEFAULT_BLANK);
  return { ...plan, sheets: [exercisePlan(sheet, keys), ...plan.sheets.slice(1)] };
}

/** A run's sheet plan made an exercise: the columns `blank` names left for the learner (the pane's "Make it an exercise"). */
export function exerciseOfPlan(
  result: Pick<RunResult, "config">,
  plan: SheetPlan,
  blank: readonly string[] = DEFAULT_BLANK
): SheetPlan {
  return exercisePlan(plan, blankColumns(result.config, stepsTable(plan), blank));
}

/**
 * A `--blank` list as words: comma separated (a comma inside brackets, as in "max(0, z)", belongs
 * to its header), spaces around them ignored, empty items dropped.
 */
export function blankList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let word = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      out.push(word);
      word = "";
    } else word += ch;
  }
  out.push(word);
  return out.map((w) => w.trim()).filter((w) => w !== "");
}

/** The exercise part of a sheet's record (its blank columns), or undefined when the sheet is not an exercise. */
export const exerciseOfRecord = (meta: unknown) => exerciseMetaOf(meta);

/** `meta` with the exercise record of `from` kept (Apply rewrites a sheet's record: an exercise stays one). */
export function keepExercise(
  meta: Record<string, unknown>,
  from: Record<string, unknown> | undefined
): Record<string, unknown> {
  const ex = from ? exerciseMetaOf(from) : undefined;
  return ex ? { ...meta, exercise: ex } : meta;
}

/** A run's sheet plan made the exercise a sheet's record describes (its blank columns by key); the plan itself when the record has none. */
export function exercisePlanOfRecord(plan: SheetPlan, meta: unknown): SheetPlan {
  const ex = exerciseMetaOf(meta);
  return ex ? exercisePlan(plan, ex.columns) : plan;
}

/** The blank columns' step-row rectangles (0-based) of an exercise sheet, from its record. */
export function exerciseBlankRects(
  meta: Record<string, unknown>
): { row: number; col: number; rows: number; cols: number }[] {
  const ex = exerciseMetaOf(meta);
  const config = runConfigFromMeta(meta);
  if (!ex || !config) return [];
  const steps = stepsTable(buildRunSheet(train(config, { rows: true }), { name: "x" }));
  return ex.columns.map((key) => ({
    row: steps.row + 1,
    col: steps.col + steps.columns.findIndex((c) => c.key === key),
    rows: steps.rows,
    cols: 1,
  }));
}

/** A cell's A1 address ("K23") as 0-based row and column; null when it is not one cell. */
export function cellOfA1(a1: string): { row: number; col: number } | null {
  const c = parseCellA1(a1);
  return c ? { row: c.row, col: c.col } : null;
}
