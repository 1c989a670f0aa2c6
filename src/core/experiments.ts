/** Experiments across runs: learning-rate sweeps and model comparisons on the same data. */
import { resolveConfig, withLr, type RunOptions } from "./config";
import { ConfigError } from "./errors";
import { MODELS } from "./models";
import { collapsedLine } from "./model";
import { train } from "./train";
import type { Divergence, EpochSummary, ModelId } from "./types";

/** n log-spaced values from lo to hi inclusive: logSpace(1e-5, 1e-2, 4) = [1e-5, 1e-4, 1e-3, 1e-2]. */
export function logSpace(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0 && hi >= lo && Number.isInteger(n) && n >= 1))
    throw new ConfigError("lrs", "A log-spaced range needs 0 < from ≤ to and at least 1 value.");
  if (n === 1) return [lo];
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) =>
    Number(Math.pow(10, a + ((b - a) * i) / (n - 1)).toPrecision(12))
  );
}

export interface SweepRun {
  lr: number;
  epochs: EpochSummary[];
  divergence: Divergence | null;
}

export interface SweepResult {
  runs: SweepRun[];
  /** The largest learning rate whose run did not diverge, or null. */
  largestStable: number | null;
}

/** Train once per learning rate, everything else as `options`, in summary mode. */
export function sweep(options: RunOptions, lrs: number[]): SweepResult {
  if (!lrs.length) throw new ConfigError("lrs", "A sweep needs at least one learning rate.");
  // resolve the options once (data, seeded draws, shuffles) and share them: every rate trains on
  // the same rows from the same start
  const base = resolveConfig({ ...options, lr: lrs[0] });
  const runs = lrs.map((lr) => {
    const r = train(withLr(base, lr), { rows: false });
    return { lr: r.config.lr, epochs: r.epochs, divergence: r.divergence };
  });
  const stable = runs.filter((r) => r.divergence === null).map((r) => r.lr);
  return { runs, largestStable: stable.length ? Math.max(...stable) : null };
}

export interface CompareRun {
  model: ModelId;
  epochs: EpochSummary[];
  divergence: Divergence | null;
  /**
   * For two-linear: the single linear function it collapses to, ŷ = (a·c)·x + (c·b + d), at the
   * final weights, to set beside the target's slope and intercept.
   */
  collapsed?: { slope: number; intercept: number };
}

/** Train each model on the same data, initial weights and settings. */
export function compare(options: RunOptions, models: ModelId[]): { runs: CompareRun[] } {
  if (!models.length) throw new ConfigError("models", "A comparison needs at least one model.");
  const runs = models.map((model) => {
    if (!(model in MODELS))
      throw new ConfigError(
        "models",
        `Unknown model "${model}": choose from ${Object.keys(MODELS).join(", ")}.`
      );
    const r = train(resolveConfig({ ...options, model, init: initForModel(options.init, model) }), {
      rows: false,
    });
    const out: CompareRun = { model, epochs: r.epochs, divergence: r.divergence };
    const collapse = MODELS[model].collapse;
    if (collapse) out.collapsed = collapsedLine(collapse, r.epochs[r.epochs.length - 1].weights);
    return out;
  });
  return { runs };
}

/**
 * Initial weights for one model of a comparison, the one rule of both surfaces: a single number
 * starts every weight of a narrow model (linear, two-linear, two-relu), while a wide ReLU layer
 * (relu-n) keeps its seeded draw (`initSeed`): equal weights would keep its neurons identical
 * forever, so a comparison would show one neuron n times. Named weights go to the models that
 * have them (a wide layer's others are drawn).
 */
export function initForModel(init: unknown, model: ModelId): unknown {
  if (typeof init !== "object" || init === null)
    return MODELS[model].width === undefined ? init : undefined;
  const out: Record<string, unknown> = {};
  for (const n of MODELS[model].weights)
    if (n in init) out[n] = (init as Record<string, unknown>)[n];
  return out;
}
