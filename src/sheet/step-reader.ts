/**
 * Reading a step back from a run sheet: where the step table's columns and the named inputs sit for
 * a run's settings (from the sheet's own column specs and parameter strip, without training), which
 * cells to read for a step, which cell each number of a step's explanation comes from, and the
 * step's values from the cells read.
 */
import { MODELS, OPTIMIZERS, type Ref, type RunConfig, type StepValues } from "../core";
import { a1 } from "./address";
import { shapeContext } from "./context";
import { KEYS } from "./keys";
import { LAYOUT } from "./layout";
import { NAMES } from "./names";
import { parameters } from "./parameters";
import { stepColumnSpecs } from "./run-sheet";

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

/** The layout of the sheet a run with this config has: its column specs and parameter strip, as buildRunSheet places them. */
export function stepLayout(config: RunConfig): StepLayout {
  const ctx = shapeContext(config);
  const specs = stepColumnSpecs(ctx);
  const cols: Record<string, number> = {};
  specs.forEach((s, i) => (cols[s.key] = i));
  const inputs: StepLayout["inputs"] = {};
  parameters(ctx).forEach((p, i) => (inputs[p.name] = { row: LAYOUT.paramValueRow, col: i }));
  return {
    config,
    firstRow: LAYOUT.headerRow + 1,
    steps: config.epochs * config.data.length,
    cols,
    inputs,
    width: specs.length,
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

/** The settings a step is explained with: the sheet's config with its named inputs' values where they are numbers. */
export function settingsFromInputs(layout: StepLayout, inputs: Record<string, unknown>): RunConfig {
  const num = (name: string, fallback: number) => numberOf(inputs[name]) ?? fallback;
  const c = layout.config;
  return {
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
}

/** A cell value as a number: numbers as they are, Excel's error texts (#NUM!, #DIV/0!) as NaN, anything else null. */
function numberOf(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.startsWith("#")) return NaN;
  return null;
}

/** StepValues from the step's row (and the previous row's state), or null when a needed cell holds no number. */
export function stepValuesFromCells(
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
