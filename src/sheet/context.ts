/** What every part of a run sheet is built from: the run's config, its registries and its rows. */
import {
  MODELS,
  OPTIMIZERS,
  type Model,
  type ModelCells,
  type Optimizer,
  type OptimizerCells,
  type RunConfig,
  type RunResult,
  type StepRow,
} from "../core";
import type { At } from "./columns";
import { KEYS } from "./keys";
import { NAMES } from "./names";

export interface RunContext {
  result: RunResult;
  config: RunConfig;
  model: Model;
  optimizer: Optimizer;
  /** Weight names in sheet order: a, b (, c, d). */
  weights: readonly string[];
  rows: readonly StepRow[];
  /** Rows per epoch. */
  n: number;
}

/** The context of a run that recorded its rows. Throws if the run was summary-only. */
export function runContext(result: RunResult): RunContext {
  if (!result.rows)
    throw new Error("buildRunSheet needs a run with rows: call train(config, { rows: true }).");
  const config = result.config;
  const model = MODELS[config.model];
  return {
    result,
    config,
    model,
    optimizer: OPTIMIZERS[config.optimizer],
    weights: model.weights,
    rows: result.rows,
    n: config.data.length,
  };
}

/**
 * The context of a run sheet's shape alone (no rows): enough for its column specs and parameter
 * strip, which depend on the settings, not on the data, so a sheet can be read without training.
 */
export function shapeContext(config: RunConfig): RunContext {
  const model = MODELS[config.model];
  return {
    result: { config, epochs: [], divergence: null, rows: [] },
    config,
    model,
    optimizer: OPTIMIZERS[config.optimizer],
    weights: model.weights,
    rows: [],
    n: config.data.length,
  };
}

/** The step table's cells of data row r as the model's formulas read them; `weight` overrides the weight cells. */
export function modelCells(
  at: At,
  r: number,
  weight: (name: string) => string = (w) => at(w, r)
): ModelCells {
  return {
    w: weight,
    x: at("x", r),
    y: at("y", r),
    pred: at("pred", r),
    at: (key) => at(key, r),
    grad: (w) => at(KEYS.analytic(w), r),
  };
}

/** The step table's cells of weight w at data row r as the optimizer's formulas read them, with g the gradient's text. */
export function optimizerCells(at: At, r: number, w: string, g: string, t: string): OptimizerCells {
  return {
    g,
    t,
    prev: (slot) => (r === 0 ? "0" : at(KEYS.state(slot, w), r - 1)),
    state: (slot) => at(KEYS.state(slot, w), r),
    setting: (name) => NAMES[name],
  };
}
