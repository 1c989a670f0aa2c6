/**
 * The lesson workbook: one sheet per question of the forum thread, in order (see ./questions).
 * Each sheet is a live run sheet (or the sweep sheet) from the existing builders, retitled with the
 * question and a short text naming the cell to change; the "one line" question adds live cells
 * a·c and c·b + d computed from the run's last row. Names are scoped to each sheet, so every
 * sheet's LearningRate is its own.
 */
import {
  DEFAULT_TARGET,
  MODELS,
  resolveConfig,
  type RunResult,
  type SweepResult,
} from "../../core";
import { a1 } from "../address";
import { collapseRows } from "../collapse";
import { columnOf } from "../columns";
import { buildSweepSheet } from "../experiments/sweep";
import { KEYS } from "../keys";
import { LAYOUT } from "../layout";
import { NAMES } from "../names";
import type { Block, SheetPlan, WorkbookPlan } from "../plan";
import { buildRunSheet } from "../run-sheet";
import { QUESTIONS, questionRun, type Question } from "./questions";
import { buildExerciseSheet } from "./exercise";

export { QUESTIONS, type Question } from "./questions";
export { EXERCISE_SHEET, buildExerciseSheet } from "./exercise";

/** The plan's title block (row 0: title, row 1: the text) replaced by the question's. */
function retitled(plan: SheetPlan, title: string, text: string): SheetPlan {
  const head: Block = {
    row: 0,
    col: 0,
    cells: [[{ value: title, style: "title" }], [{ value: text, style: "subtitle" }]],
  };
  return { ...plan, blocks: [head, ...plan.blocks.filter((b) => !(b.row === 0 && b.col === 0))] };
}

/** Where the plan's LearningRate input is, as A1 ("B4"). */
function lrA1(plan: SheetPlan): string {
  const n = plan.names.find((x) => x.name === NAMES.lr);
  return n ? a1(n.row, n.col) : "";
}

/**
 * Live cells under the per-epoch table: the line the model equals (its registry entry's collapse,
 * two-linear's slope a·c and intercept c·b + d) from the last row's new weights, beside the target
 * line's slope and intercept.
 */
function collapsedBlock(plan: SheetPlan, result: RunResult): Block {
  const note = MODELS[result.config.model].collapse;
  if (!note) throw new Error(`${result.config.model} does not collapse to one line`);
  const steps = plan.tables.find((t) => t.id === "steps")!;
  const last = steps.row + steps.rows;
  const at = (w: string) => a1(last, columnOf(steps, KEYS.next(w)));
  const summary = plan.blocks.find(
    (b) => b.row === LAYOUT.headerRow && b.col > steps.col + steps.columns.length - 1
  )!;
  const w = result.rows![result.rows!.length - 1].newWeights;
  return {
    row: summary.row + summary.cells.length + 1,
    col: summary.col,
    cells: [
      [
        { value: "the one line", style: "header" },
        { value: "learned", style: "header" },
        { value: "target", style: "header" },
      ],
      ...collapseRows(note, w, at, DEFAULT_TARGET, { value: "summary", target: "number" }),
    ],
  };
}

/** One question's sheet. */
export function buildQuestionSheet(
  q: Question,
  run: RunResult | SweepResult = questionRun(q)
): SheetPlan {
  if (q.sweep) {
    const plan = buildSweepSheet(run as SweepResult, resolveConfig(q.options), q.name);
    return retitled(plan, q.title, q.text(run, ""));
  }
  const result = run as RunResult;
  const plan = buildRunSheet(result, { name: q.name });
  const out = retitled(plan, q.title, q.text(result, lrA1(plan)));
  if (q.collapsed) out.blocks.push(collapsedBlock(plan, result));
  return out;
}

/**
 * The lesson: the eight questions' sheets, in order, with the exercise (the learner writes ŷ and
 * e for two neurons) before the sheet that explains the explosion; names scoped per sheet.
 */
export function buildLesson(): WorkbookPlan {
  const sheets = QUESTIONS.map((q) => buildQuestionSheet(q));
  sheets.splice(1, 0, buildExerciseSheet());
  return { sheets, namesScope: "sheet" };
}
