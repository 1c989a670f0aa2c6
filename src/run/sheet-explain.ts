/**
 * Explain a step from a run sheet's cells: where the step table's columns and the named inputs sit
 * for a run's settings, which cells to read for a selected row, and the explanation built from the
 * values Excel calculated (so a changed LearningRate is explained as it stands). When the row's
 * cells hold no numbers yet (manual calculation, or a host that has not calculated), the step is
 * explained from the core's run at the sheet's current inputs instead, and says so.
 */
import { MODELS, OPTIMIZERS, resolveConfig, train, type RunConfig, type RunOptions } from "../core";
import {
  explainStep,
  stepJson,
  type Ref,
  type StepExplanation,
  type StepValues,
} from "../core/explain";
import { explanationText } from "../core/explain-lines";
import { a1, buildRunSheet, KEYS, NAMES, type SheetPlan } from "../sheet";
import { explainRunStep } from "./explain";

/** The step table of a run sheet and its named inputs, 0-based. */
export interface StepLayout {
  config: RunConfig;
  /** Sheet row of the first step. */
  firstRow: number;
  steps: number;
  /** Step-table column by key ("x", "a", "pred", "dA", "newA", "k", …). */
  cols: Record<string, number>;
  /** Named inputs by name (LearningRate, DiffStep, Beta, …). */
  inputs: Record<string, { row: number; col: number }>;
  /** Width of the table (columns 0 … width − 1). */
  width: number;
}

/** The layout of the sheet a run with these options has (built from a one-batch run: columns depend on settings, not data). */
export function stepLayout(options: RunOptions): StepLayout {
  const config = resolveConfig(options);
  const rows = Math.min(config.data.length, Math.max(config.batchSize, 1));
  const tiny = train(
    {
      ...config,
      epochs: 1,
      data: config.data.slice(0, rows),
      order: undefined,
      batchSize: Math.min(config.batchSize, rows),
    },
    { rows: true }
  );
  const plan: SheetPlan = buildRunSheet(tiny, { name: "layout" });
  const t = plan.tables.find((x) => x.id === "steps")!;
  const cols: Record<string, number> = {};
  t.columns.forEach((c, i) => (cols[c.key] = t.col + i));
  const inputs: StepLayout["inputs"] = {};
  for (const n of plan.names) inputs[n.name] = { row: n.row, col: n.col };
  return {
    config,
    firstRow: t.row + 1,
    steps: config.epochs * config.data.length,
    cols,
    inputs,
    width: t.col + t.columns.length,
  };
}

/** The step on sheet row `row` (0-based), or null when the row is not a step row. */
export function stepAtRow(layout: StepLayout, row: number): number | null {
  const step = row - layout.firstRow + 1;
  return step >= 1 && step <= layout.steps ? step : null;
}

const INPUT_OF: Partial<Record<Ref["q"], string>> = {
  lr: NAMES.lr,
  h: NAMES.h,
  beta: NAMES.beta,
  beta2: NAMES.beta2,
  eps: NAMES.eps,
};

/** The cell (A1, 0-based row and column) a number of the explanation of `step` comes from, if it has one. */
export function cellOf(
  layout: StepLayout,
  step: number,
  ref: Ref
): { row: number; col: number; a1: string } | null {
  const input = INPUT_OF[ref.q];
  if (input) {
    const at = layout.inputs[input];
    return at ? { ...at, a1: a1(at.row, at.col) } : null;
  }
  const key = columnKey(layout, ref);
  const col = key === undefined ? undefined : layout.cols[key];
  const row = layout.firstRow + step - 1 - (ref.prev ? 1 : 0);
  if (col === undefined || row < layout.firstRow) return null;
  return { row, col, a1: a1(row, col) };
}

function columnKey(layout: StepLayout, ref: Ref): string | undefined {
  const w = ref.w ?? "";
  const wide = layout.cols.z === undefined;
  const keys: Record<Ref["q"], () => string | undefined> = {
    x: () => "x",
    y: () => "y",
    weight: () => w,
    pred: () => "pred",
    error: () => "err",
    k: () => "k",
    z: () => (wide ? `z${w}` : "z"),
    relu: () => (wide ? `relu${w}` : "relu"),
    bumped: () => KEYS.bumped(w),
    lowered: () => KEYS.lowered(w),
    analytic: () => KEYS.analytic(w),
    forward: () => KEYS.forward(w),
    central: () => KEYS.central(w),
    sum: () => KEYS.batchSum(w),
    batchCount: () => KEYS.batchCount,
    t: () => KEYS.batchT,
    state: () => KEYS.state(ref.slot ?? "", w),
    next: () => KEYS.next(w),
    lr: () => undefined,
    h: () => undefined,
    beta: () => undefined,
    beta2: () => undefined,
    eps: () => undefined,
  };
  return keys[ref.q]();
}

/** Which rows to read for `step`: the previous row (optimizer state before) and the step's own, columns 0 … width − 1. */
export function rowsToRead(
  layout: StepLayout,
  step: number
): { row: number; col: number; rows: number; cols: number } {
  const row = layout.firstRow + step - 1;
  return step > 1
    ? { row: row - 1, col: 0, rows: 2, cols: layout.width }
    : { row, col: 0, rows: 1, cols: layout.width };
}

/** A cell value as a number: numbers as they are, Excel's error texts (#NUM!, #DIV/0!) as NaN, anything else null. */
function numberOf(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.startsWith("#")) return NaN;
  return null;
}

export interface SheetExplanation {
  step: number;
  explanation: StepExplanation;
  text: string;
  json: Record<string, unknown>;
  /** True when the cells held the numbers; false when the core's run at the sheet's inputs stood in. */
  fromCells: boolean;
}

/**
 * Step `step` explained from the cells read (`rows` as `rowsToRead` asks; `inputs` the named
 * inputs' values by name). Falls back to the core's run at the sheet's inputs when a cell of the
 * step holds no number.
 */
export function explainFromCells(
  layout: StepLayout,
  step: number,
  rows: unknown[][],
  inputs: Record<string, unknown>
): SheetExplanation {
  const num = (name: string, fallback: number) => numberOf(inputs[name]) ?? fallback;
  const c = layout.config;
  const settings: RunConfig = {
    ...c,
    lr: num(NAMES.lr, c.lr),
    h: num(NAMES.h, c.h),
    optimizerSettings: {
      ...c.optimizerSettings,
      beta: num(NAMES.beta, c.optimizerSettings.beta),
      beta2: num(NAMES.beta2, c.optimizerSettings.beta2),
      eps: num(NAMES.eps, c.optimizerSettings.eps),
    },
  };
  const values = valuesOf(layout, step, rows.length > 1 ? rows[0] : null, rows[rows.length - 1]);
  if (values) {
    const explanation = explainStep(settings, values);
    return {
      step,
      explanation,
      text: explanationText(settings, values, explanation),
      json: stepJson(settings, values),
      fromCells: true,
    };
  }
  const result = train({ ...settings, epochs: Math.ceil(step / c.data.length) }, { rows: true });
  const e = explainRunStep(result, step);
  return { step, explanation: e.explanation, text: e.text, json: e.json, fromCells: false };
}

/** StepValues from the step's row (and the previous row's state), or null when a needed cell holds no number. */
function valuesOf(
  layout: StepLayout,
  step: number,
  prev: unknown[] | null,
  row: unknown[]
): StepValues | null {
  const model = MODELS[layout.config.model];
  const names = model.weights;
  const missing = new Set<string>();
  const at = (r: unknown[], key: string): number => {
    const v = numberOf(r[layout.cols[key]]);
    if (v === null) missing.add(key);
    return v ?? NaN;
  };
  const by = (key: (w: string) => string, r = row) =>
    Object.fromEntries(names.map((w) => [w, at(r, key(w))]));
  const has = (key: string) => layout.cols[key] !== undefined;
  const z = has("z")
    ? [at(row, "z")]
    : model.width
      ? Array.from({ length: model.width }, (_, j) => at(row, `z${j + 1}`))
      : undefined;
  const stateOf = (r: unknown[] | null) =>
    Object.fromEntries(
      OPTIMIZERS[layout.config.optimizer].state.flatMap((s) =>
        names.map((w) => [`${s}_${w}`, r ? at(r, KEYS.state(s, w)) : 0])
      )
    );
  const central = has(KEYS.central(names[0]));
  const batched = has(KEYS.batchCount);
  const v: StepValues = {
    step,
    epoch: at(row, "epoch"),
    row: at(row, "row"),
    x: at(row, "x"),
    y: at(row, "y"),
    weights: by((w) => w),
    ...(z ? { z } : {}),
    pred: at(row, "pred"),
    error: at(row, "err"),
    bumped: by(KEYS.bumped),
    analytic: by(KEYS.analytic),
    forward: by(KEYS.forward),
    ...(central ? { lowered: by(KEYS.lowered), central: by(KEYS.central) } : {}),
    ...(batched
      ? {
          batch: {
            count: at(row, KEYS.batchCount),
            update: at(row, KEYS.batchUpdate) === 1,
            t: at(row, KEYS.batchT),
            sum: by(KEYS.batchSum),
          },
        }
      : {}),
    stateBefore: stateOf(prev),
    state: stateOf(row),
    newWeights: by(KEYS.next),
    k: at(row, "k"),
  };
  return missing.size ? null : v;
}
