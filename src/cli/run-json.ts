/**
 * The JSON form of a run, as `gradsheet train --json` prints it (DESIGN.md's contract).
 * Non-finite numbers (a diverged run's NaN, an overflowed Infinity) become null: JSON has no NaN,
 * and null is what JSON.stringify gives them anyway; `divergence.reason` says what happened.
 */
import { MODELS, OPTIMIZERS, type RunConfig, type RunResult } from "../core";

/** What the JSON's `config` holds: the resolved settings, not the data itself. */
export function configSummary(c: RunConfig): Record<string, unknown> {
  const opt = OPTIMIZERS[c.optimizer];
  const settings: Record<string, unknown> = {};
  for (const k of opt.uses) settings[k] = c.optimizerSettings[k];
  return {
    model: c.model,
    formula: MODELS[c.model].formula,
    optimizer: c.optimizer,
    rule: opt.rule,
    optimizerSettings: settings,
    lr: c.lr,
    epochs: c.epochs,
    gradient: c.gradient,
    h: c.h,
    init: c.init,
    dataRows: c.data.length,
    shuffled: c.order !== undefined,
    divergenceBound: c.divergenceBound,
    batchSize: c.batchSize,
  };
}

/** The run as one JSON text (one line). */
export function runJson(result: RunResult): string {
  const out: Record<string, unknown> = {
    config: configSummary(result.config),
    epochs: result.epochs,
    divergence: result.divergence,
  };
  if (result.rows) out.rows = result.rows;
  return JSON.stringify(out);
}
