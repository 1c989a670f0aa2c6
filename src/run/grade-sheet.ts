/**
 * Grading one saved run or exercise sheet against the core. The core reruns the sheet's record at
 * the sheet's current settings (the parameter cells' values in the file: a learner may have changed
 * the learning rate), and every graded cell is judged twice: against the core's run (`wrong`), and
 * on its own inputs (`wrongOnOwnInputs`): the sheet's formula for that cell evaluated over the
 * values its precedent cells hold in the file, so one slip counts once there, not in every cell
 * after it. Exercise sheets grade their blank columns; run sheets every step-table formula.
 */
import {
  ConfigError,
  MODELS,
  OPTIMIZERS,
  resolveConfig,
  train,
  type RunConfig,
  type RunOptions,
  type RunResult,
} from "../core";
import { a1, buildRunSheet, formulaAt, LAYOUT, NAMES, runOptionsFromMeta } from "../sheet";
import { agreesWithin, operandScale } from "../sheet/agreement";
import type { RunContext } from "../sheet/context";
import { exerciseMetaOf, stepsTable } from "../sheet/exercise";
import { compileFormula, type EvalInputs } from "../sheet/formula-eval";
import { actualRow, locateParameters, locateSteps, movedFormula } from "./check-locate";
import { explanationLine, type LinePart } from "./grade-explain";

export type { LinePart };
import { initName } from "../sheet/names";
import { parameters } from "../sheet/parameters";
import type { CachedValue } from "../sheet/plan";
import type { SavedSheet, SavedValue } from "../xlsx/read/cells";

/** The grade of one sheet: `--json`'s object for it (DESIGN.md), plus the explanation line of the first wrong cell. */
export interface SheetGrade {
  sheet: string;
  kind: "run" | "exercise" | "experiment";
  cells: number;
  right: number;
  wrong: number;
  wrongOnOwnInputs: number;
  empty: number;
  firstWrong: {
    cell: string;
    step: number | null;
    column: string | null;
    got: SavedValue;
    expected: CachedValue;
    /** The step's explanation line for that quantity, with the core's numbers. */
    explanation?: string;
    /** The same line in pieces: each number with the sheet's cell it comes from, when it has one (the pane's links). */
    explanationParts?: LinePart[];
    /** The sheet's formula for that cell (the pane's "Show me this formula"). */
    formula?: string;
  } | null;
  firstEmpty: string | null;
  /** The empty cells as one A1 range when they fill a rectangle, else undefined. */
  emptyRange?: string;
}

const isEmpty = (v: SavedValue): boolean => v === null || v === "";

/** The parameter cells of a run of `config`, in strip order, with the option each one sets. */
function parameterCells(config: RunConfig): { name: string; col: number }[] {
  const ctx = {
    config,
    optimizer: OPTIMIZERS[config.optimizer],
    weights: MODELS[config.model].weights,
  } as unknown as RunContext;
  return parameters(ctx).map((p, col) => ({ name: p.name, col }));
}

/** The record's options with every parameter the file holds as a number in its cell. */
function currentOptions(saved: SavedSheet, recorded: RunConfig, paramRow: number): RunOptions {
  const opts = runOptionsFromMeta(saved.meta) as RunOptions;
  const init: Record<string, number> = { ...recorded.init };
  const set: Record<string, (v: number) => void> = {
    [NAMES.lr]: (v) => (opts.lr = v),
    [NAMES.h]: (v) => (opts.h = v),
    [NAMES.beta]: (v) => (opts.beta = v),
    [NAMES.beta2]: (v) => (opts.beta2 = v),
    [NAMES.eps]: (v) => (opts.eps = v),
    [NAMES.batch]: (v) => (opts.batch = v),
    [NAMES.bound]: (v) => (opts.divergenceBound = v),
  };
  for (const w of MODELS[recorded.model].weights) set[initName(w)] = (v) => (init[w] = v);
  for (const p of parameterCells(recorded)) {
    const v = saved.value(paramRow, p.col);
    if (typeof v === "number") set[p.name]?.(v);
  }
  opts.init = init;
  return opts;
}

/** The parameter block's value row as the sheet holds it now (rows may have been inserted above it). */
function paramRowOf(saved: SavedSheet): number {
  try {
    const o = runOptionsFromMeta(saved.meta);
    const labels = o ? parameterCells(resolveConfig(o)).map((p) => p.name) : [];
    return labels.length ? locateParameters(saved, labels) : LAYOUT.paramValueRow;
  } catch {
    return LAYOUT.paramValueRow; // currentRun says what is wrong with the record
  }
}

/** The core's run at the sheet's current settings (read from `paramRow`). Throws ConfigError naming the sheet. */
export function currentRun(saved: SavedSheet, paramRow: number = LAYOUT.paramValueRow): RunResult {
  const recordedOpts = runOptionsFromMeta(saved.meta);
  if (!recordedOpts) throw new ConfigError("sheet", `${saved.name}: its record is not a run's.`);
  try {
    const recorded = resolveConfig(recordedOpts);
    // A record claiming more steps than the sheet has rows is not this sheet's: never train it.
    const steps = recorded.epochs * recorded.data.length;
    if (LAYOUT.headerRow + steps > saved.lastRow)
      throw new ConfigError(
        "sheet",
        `its record describes ${steps} steps but the sheet has only ${Math.max(0, saved.lastRow - LAYOUT.headerRow)} rows below its headers`
      );
    const config = resolveConfig(currentOptions(saved, recorded, paramRow));
    const order = (saved.meta.settings as { order?: number[][] }).order;
    if (order) config.order = order.map((o) => o.slice());
    return train(config, { rows: true });
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(e.field, `${saved.name}: ${e.message}`);
    throw e;
  }
}

/** A graded cell's verdict, for a surface that marks the cells (0-based). */
export type CellVerdict = (row: number, col: number, verdict: "right" | "wrong" | "empty") => void;

/** Grade a saved run or exercise sheet; `onCell` hears every graded cell's verdict against the core's run. */
export function gradeRunSheet(raw: SavedSheet, onCell?: CellVerdict): SheetGrade {
  const paramRow = paramRowOf(raw);
  const result = currentRun(raw, paramRow);
  const plan = buildRunSheet(result, { name: raw.name });
  const steps = stepsTable(plan);
  // Rows inserted above or inside the table moved its cells: grade them where they are now.
  const located = { paramRow, ...locateSteps(raw, steps) };
  const at = (r: number) => actualRow(located, steps, r);
  const saved: SavedSheet = {
    name: raw.name,
    meta: raw.meta,
    check: raw.check,
    value: (r, c) => raw.value(at(r), c),
    hasFormula: (r, c) => raw.hasFormula(at(r), c),
    uncalculated: raw.uncalculated,
    formulas: raw.formulas,
    lastRow: raw.lastRow,
  };
  const exercise = exerciseMetaOf(saved.meta);
  const graded = steps.columns
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => c.formula && (!exercise || exercise.columns.includes(c.key)));
  const compiled = new Map(
    graded.map(({ c }) => [
      c.key,
      {
        first: c.formula?.first !== undefined ? compileFormula(c.formula.first) : undefined,
        rest: compileFormula(c.formula!.rest),
      },
    ])
  );
  const names = new Map<string, SavedValue>();
  for (const p of parameterCells(result.config))
    names.set(p.name, saved.value(LAYOUT.paramValueRow, p.col));
  const byKey = new Map(steps.columns.map((c, j) => [c.key, { c, j }]));
  const inputs: EvalInputs = {
    cell: (r, col) => saved.value(r, col),
    name: (n) => (names.has(n) ? (names.get(n) ?? null) : undefined),
  };
  const h = result.config.h;
  const fileH = names.get(NAMES.h);
  const grade: SheetGrade = {
    sheet: saved.name,
    kind: exercise ? "exercise" : "run",
    cells: graded.length * steps.rows,
    right: 0,
    wrong: 0,
    wrongOnOwnInputs: 0,
    empty: 0,
    firstWrong: null,
    firstEmpty: null,
  };
  const empties = { r0: Infinity, r1: -1, c0: Infinity, c1: -1 };
  for (let i = 0; i < steps.rows; i++) {
    const row = steps.row + 1 + i;
    const fileAt = (key: string) => {
      const k = byKey.get(key);
      return k ? saved.value(row, steps.col + k.j) : null;
    };
    const coreAt = (key: string) => byKey.get(key)?.c.cached?.[i];
    for (const { c, j } of graded) {
      const col = steps.col + j;
      const got = saved.value(row, col);
      const now = at(row);
      if (isEmpty(got)) {
        onCell?.(now, col, "empty");
        grade.empty++;
        grade.firstEmpty ??= a1(now, col);
        empties.r0 = Math.min(empties.r0, now);
        empties.r1 = Math.max(empties.r1, now);
        empties.c0 = Math.min(empties.c0, col);
        empties.c1 = Math.max(empties.c1, col);
        continue;
      }
      const expected = c.cached?.[i] ?? null;
      const right = agreesWithin(got, expected, operandScale(c.key, coreAt, h));
      onCell?.(now, col, right ? "right" : "wrong");
      if (right) grade.right++;
      else {
        grade.wrong++;
        if (!grade.firstWrong) {
          const step = result.rows![i].step;
          const line = explanationLine(result, step, c.key, at);
          grade.firstWrong = {
            cell: a1(now, col),
            step,
            column: c.header,
            got,
            expected,
            explanation: line?.text,
            explanationParts: line?.parts,
            formula: movedFormula(formulaAt(c.formula!, i), at),
          };
        }
      }
      const f = compiled.get(c.key)!;
      const own = i === 0 && f.first ? f.first(inputs, 0) : f.rest(inputs, i - 1);
      const ownScale = operandScale(c.key, fileAt, typeof fileH === "number" ? fileH : h);
      if (!agreesWithin(got, own as CachedValue, ownScale)) grade.wrongOnOwnInputs++;
    }
  }
  const rect = (empties.r1 - empties.r0 + 1) * (empties.c1 - empties.c0 + 1);
  if (grade.empty && rect === grade.empty)
    grade.emptyRange =
      grade.empty === 1
        ? a1(empties.r0, empties.c0)
        : `${a1(empties.r0, empties.c0)}:${a1(empties.r1, empties.c1)}`;
  return grade;
}
