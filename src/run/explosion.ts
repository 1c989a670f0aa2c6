/**
 * Why a run exploded and what to try, as facts for the glossary's three sentences: the step that
 * exploded, the first step whose update overshot (k = 2·learning rate·‖∇ŷ‖² above 2), and a
 * learning rate GradSheet ran in the background on the same run (same data, same start) and saw
 * finish without exploding. Pure: no DOM, no Office.
 */
import {
  resolveConfig,
  stabilityK,
  train,
  withLr,
  type ExplosionFacts,
  type RunConfig,
  type RunOptions,
  type RunResult,
} from "../core";

/** How many times ten smaller the quick sweep tries, largest first: lr/10, lr/100, … */
const TRIES = 4;

/**
 * The largest of lr/10, lr/100, lr/1000, lr/10000 whose run on the same config does not explode
 * (tried one at a time, largest first, so usually one summary run), with its final √SSE; or null.
 */
export function saferRate(config: RunConfig): ExplosionFacts["suggestion"] {
  for (let k = 1; k <= TRIES; k++) {
    const rate = Number((config.lr / 10 ** k).toPrecision(6));
    const run = train(withLr(config, rate), { rows: false });
    const last = run.epochs[run.epochs.length - 1];
    if (!run.divergence && last && Number.isFinite(last.rootSse))
      return { lr: rate, rootSse: last.rootSse, epochs: run.epochs.length };
  }
  return null;
}

/** The facts of `result`'s explosion (it needs its rows), or null when it did not explode. */
export function explosionFacts(result: RunResult): ExplosionFacts | null {
  const d = result.divergence;
  if (!d || !result.rows) return null;
  const rows = result.rows.slice(0, d.step);
  const over = (k: number) => !(k <= 2);
  const first = rows.findIndex((r) => over(stabilityK(result, r)));
  return {
    step: d.step,
    steps: result.config.epochs * result.config.data.length,
    overshootFrom: first < 0 ? null : rows[first].step,
    everyUpdateOvershot: first >= 0 && rows.slice(first).every((r) => over(stabilityK(result, r))),
    suggestion: saferRate(result.config),
  };
}

/** Where the run these options give exploded: its step of all its steps, or null (a summary run). */
export function explodedAt(options: RunOptions): { step: number; steps: number } | null {
  const config = resolveConfig(options);
  const d = train(config, { rows: false }).divergence;
  return d ? { step: d.step, steps: config.epochs * config.data.length } : null;
}
