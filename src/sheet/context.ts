/** What every part of a run sheet is built from: the run's config, its registries and its rows. */
import { MODELS, OPTIMIZERS, type Model, type Optimizer, type RunConfig, type RunResult, type StepRow } from "../core";

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
  if (!result.rows) throw new Error("buildRunSheet needs a run with rows: call train(config, { rows: true }).");
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
