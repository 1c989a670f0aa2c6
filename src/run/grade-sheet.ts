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
  explainStep,
  partText,
  stepValues,
} from "../core";
import {
  a1,
  buildRunSheet,
  cellOf,
  formulaAt,
  LAYOUT,
  NAMES,
  runOptionsFromMeta,
  stepLayout,
} from "../sheet";
import { agreesWithin, operandScale } from "../sheet/agreement";
import type { RunContext } from "../sheet/context";
import { exerciseMetaOf, stepsTable } from "../sheet/exercise";
import { compileFormula, type EvalInputs } from "../sheet/formula-eval";
import { KEYS } from "../sheet/keys";
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
function currentOptions(saved: SavedSheet, recorded: RunConfig): RunOptions {
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
    const v = saved.value(LAYOUT.paramValueRow, p.col);
    if (typeof v === "number") set[p.name]?.(v);
  }
  opts.init = init;
  return opts;
}

/** The core's run at the sheet's current settings. Throws ConfigError naming the sheet. */
export function currentRun(saved: SavedSheet): RunResult {
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
    const config = resolveConfig(currentOptions(saved, recorded));
    const order = (saved.meta.settings as { order?: number[][] }).order;
    if (order) config.order = order.map((o) => o.slice());
    return train(config, { rows: true });
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(e.field, `${saved.name}: ${e.message}`);
    throw e;
  }
}

/** The explanation line's label of a step-table key ("ŷ", "e", "de/da", "a", "z"), if the explanation has one. */
function lineLabel(key: string, weights: readonly string[]): string | undefined {
  if (key === "pred") return "ŷ";
  if (key === "err") return "e";
  const z = /^(?:z|relu)(\d*)$/.exec(key);
  if (z) return `z${z[1]}`;
  for (const w of weights) {
    const derivative = [
      KEYS.bumped(w),
      KEYS.lowered(w),
      KEYS.forward(w),
      KEYS.central(w),
      KEYS.analytic(w),
    ];
    if (derivative.includes(key)) return `de/d${w}`;
    if (key === KEYS.next(w) || ["m", "v", "s"].some((slot) => key === KEYS.state(slot, w)))
      return w;
  }
  return undefined;
}

/** A piece of a line a surface shows: text, and the sheet's cell a number comes from (0-based, with its A1). */
export interface LinePart {
  text: string;
  cell?: { row: number; col: number; a1: string };
}

/** The step's explanation line for a key, with the core's numbers, in pieces linked to their cells. */
function explanationLine(
  result: RunResult,
  step: number,
  key: string
): { text: string; parts: LinePart[] } | undefined {
  const label = lineLabel(key, MODELS[result.config.model].weights);
  if (!label) return undefined;
  const lines = explainStep(result.config, stepValues(result, step)).lines;
  const line = lines.find((l) => l.label === label);
  if (!line) return undefined;
  const layout = stepLayout(result.config);
  const parts = line.parts.map((p): LinePart => {
    const cell = typeof p !== "string" && p.ref ? cellOf(layout, step, p.ref) : null;
    return cell ? { text: partText(p), cell } : { text: partText(p) };
  });
  return { text: parts.map((p) => p.text).join(""), parts };
}

/** A graded cell's verdict, for a surface that marks the cells (0-based). */
export type CellVerdict = (row: number, col: number, verdict: "right" | "wrong" | "empty") => void;

/** Grade a saved run or exercise sheet; `onCell` hears every graded cell's verdict against the core's run. */
export function gradeRunSheet(saved: SavedSheet, onCell?: CellVerdict): SheetGrade {
  const result = currentRun(saved);
  const plan = buildRunSheet(result, { name: saved.name });
  const steps = stepsTable(plan);
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
      if (isEmpty(got)) {
        onCell?.(row, col, "empty");
        grade.empty++;
        grade.firstEmpty ??= a1(row, col);
        empties.r0 = Math.min(empties.r0, row);
        empties.r1 = Math.max(empties.r1, row);
        empties.c0 = Math.min(empties.c0, col);
        empties.c1 = Math.max(empties.c1, col);
        continue;
      }
      const expected = c.cached?.[i] ?? null;
      const right = agreesWithin(got, expected, operandScale(c.key, coreAt, h));
      onCell?.(row, col, right ? "right" : "wrong");
      if (right) grade.right++;
      else {
        grade.wrong++;
        if (!grade.firstWrong) {
          const step = result.rows![i].step;
          const line = explanationLine(result, step, c.key);
          grade.firstWrong = {
            cell: a1(row, col),
            step,
            column: c.header,
            got,
            expected,
            explanation: line?.text,
            explanationParts: line?.parts,
            formula: formulaAt(c.formula!, i),
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
