/**
 * The lesson's exercise: before the sheet that explains the explosion, the learner writes ŷ and e
 * for the 2-neuron model themselves. It is the exploding run of the next sheet (two linear neurons,
 * lr 1e-4) with the ŷ and e columns left blank: the derivatives, updates and charts read the
 * learner's numbers, so their own formulas make the error explode.
 */
import { resolveConfig, train, type RunResult } from "../../core";
import { a1, colLetter } from "../address";
import { columnOf } from "../columns";
import { blankColumns, exercisePlan, stepsTable } from "../exercise";
import { NAMES } from "../names";
import type { Block, SheetPlan } from "../plan";
import { buildRunSheet } from "../run-sheet";
import { QUESTIONS } from "./questions";

export const EXERCISE_SHEET = "1b Your turn ŷ and e";

/** The run the exercise shows: the explosion question's. */
export const exerciseRun = (): RunResult =>
  train(resolveConfig(QUESTIONS[1].options), { rows: true });

/** The lesson's exercise sheet: ŷ and e left for the learner, with a title and a text naming the cells. */
export function buildExerciseSheet(run: RunResult = exerciseRun()): SheetPlan {
  const plan = buildRunSheet(run, { name: EXERCISE_SHEET });
  const steps = stepsTable(plan);
  const err = steps.columns.find((c) => c.key === "err")!.header;
  const ex = exercisePlan(plan, blankColumns(run.config, steps, ["ŷ", err]));
  const cell = (key: string) => a1(steps.row + 1, columnOf(steps, key));
  const col = (key: string) => colLetter(columnOf(steps, key));
  const lr = plan.names.find((n) => n.name === NAMES.lr)!;
  const text =
    `Two neurons: ŷ = c·(a·x + b) + d, and z = a·x + b is column ${col("z")}. Write ŷ in ${cell("pred")} from this row's cells (=c·z + d), ` +
    `and e = (ŷ − y)² in ${cell("err")}, then fill both down: the derivatives, the new weights and the charts follow your numbers, ` +
    `and your e explodes near the end of the epoch (the next sheet says why). gradsheet check grades your cells. ` +
    `Set LearningRate (${a1(lr.row, lr.col)}) to 1e-5 and your e falls instead.`;
  const head: Block = {
    row: 0,
    col: 0,
    cells: [
      [{ value: "1b. Your turn: write ŷ and e for two neurons", style: "title" }],
      [{ value: text, style: "subtitle" }],
    ],
  };
  return { ...ex, blocks: [head, ...ex.blocks.filter((b) => !(b.row === 0 && b.col === 0))] };
}
