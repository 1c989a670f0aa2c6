/**
 * Run settings: defaults, and the one boundary where user input (numbers, or text from a form or
 * a command line) becomes a validated RunConfig or a ConfigError with one clear sentence.
 */
import { makeData, type DataSpec } from "./data";
import { ConfigError } from "./errors";
import { MODELS } from "./models";
import { OPTIMIZERS } from "./optimizers";
import { permutation, rng } from "./random";
import { applyVariant, variantNumber } from "./variant";
import type { DataPoint, GradientKind, ModelId, OptimizerId, RunConfig, Weights } from "./types";

/** Loose run options as a form or command line gives them; anything missing takes its default. */
export interface RunOptions {
  model?: unknown;
  optimizer?: unknown;
  lr?: unknown;
  epochs?: unknown;
  gradient?: unknown;
  h?: unknown;
  /** One number for every weight, or weights by name ({ a: 1, c: 0.5 }; missing ones are 1). */
  init?: unknown;
  beta?: unknown;
  beta2?: unknown;
  eps?: unknown;
  biasCorrection?: unknown;
  data?: DataSpec | DataPoint[];
  /** Shuffle the rows of every epoch with this seed. */
  shuffleSeed?: unknown;
  divergenceBound?: unknown;
  /**
   * Seed of the default initial weights of a wide model (relu-n; default 1): see `wideInit`.
   * Weights given by `init` take precedence.
   */
  initSeed?: unknown;
  /** Rows per mini-batch: a whole number from 1 to the rows of an epoch (default 1). */
  batch?: unknown;
  /** One variant per learner (1 to 1e6): seeded x values and initial weights, see `applyVariant`. */
  variant?: unknown;
}

export const DEFAULTS = {
  model: "linear" as ModelId,
  optimizer: "sgd" as OptimizerId,
  lr: 1e-4,
  epochs: 1,
  gradient: "analytic" as GradientKind,
  h: 0.01,
  init: 1,
  beta: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  biasCorrection: true,
  batch: 1,
};

/**
 * The default divergence bound: 1e6 × the largest y² of the data (at least 1e6). A squared error
 * beyond it is a million times worse than predicting 0 for every row: the run has exploded.
 */
export function defaultDivergenceBound(data: DataPoint[]): number {
  let m = 1;
  for (const p of data) m = Math.max(m, p.y * p.y);
  return 1e6 * m;
}

/** Limits that keep a run (and its sheet) a sane size. */
export const LIMITS = {
  maxEpochs: 100_000,
  maxRows: 1_000_000,
  /** epochs × rows: 10 million steps. */
  maxSteps: 10_000_000,
};

/** Validate options and fill defaults. Throws ConfigError naming the first bad setting. */
export function resolveConfig(options: RunOptions = {}): RunConfig {
  const variant = options.variant === undefined ? undefined : variantNumber(options.variant);
  const o = variant === undefined ? options : applyVariant(options, variant);
  const model = oneOf("model", o.model ?? DEFAULTS.model, Object.keys(MODELS)) as ModelId;
  const optimizer = oneOf(
    "optimizer",
    o.optimizer ?? DEFAULTS.optimizer,
    Object.keys(OPTIMIZERS)
  ) as OptimizerId;
  const gradient = oneOf("gradient", o.gradient ?? DEFAULTS.gradient, [
    "analytic",
    "forward",
    "central",
  ]) as GradientKind;
  const lr = positive("lr", o.lr ?? DEFAULTS.lr, "The learning rate");
  const h = positive("h", o.h ?? DEFAULTS.h, "The derivative step h");
  const epochs = wholeNumber(
    "epochs",
    o.epochs ?? DEFAULTS.epochs,
    1,
    LIMITS.maxEpochs,
    "The number of epochs"
  );
  const beta = fraction("beta", o.beta ?? DEFAULTS.beta, "β");
  const beta2 = fraction("beta2", o.beta2 ?? DEFAULTS.beta2, "β2");
  const eps = nonNegative("eps", o.eps ?? DEFAULTS.eps, "ε");
  const biasCorrection = bool("biasCorrection", o.biasCorrection ?? DEFAULTS.biasCorrection);
  const data = resolveData(o.data);
  const divergenceBound =
    o.divergenceBound === undefined
      ? defaultDivergenceBound(data)
      : positive("divergenceBound", o.divergenceBound, "The divergence bound");
  if (epochs * data.length > LIMITS.maxSteps)
    throw new ConfigError(
      "epochs",
      `${epochs} epochs of ${data.length} rows is ${epochs * data.length} steps; at most ${LIMITS.maxSteps} are allowed.`
    );
  const batchSize = wholeNumber(
    "batch",
    o.batch ?? DEFAULTS.batch,
    1,
    data.length,
    "The batch size"
  );
  const width = MODELS[model].width;
  const drawn =
    width === undefined
      ? undefined
      : wideInit(width, wholeNumber("initSeed", o.initSeed ?? 1, 0, 2 ** 32 - 1, "The init seed"));
  const init = resolveInit(o.init ?? drawn ?? DEFAULTS.init, MODELS[model].weights, drawn);
  const config: RunConfig = {
    model,
    optimizer,
    lr,
    epochs,
    gradient,
    h,
    init,
    data,
    optimizerSettings: { beta, beta2, eps, biasCorrection },
    divergenceBound,
    batchSize,
  };
  if (variant !== undefined) config.variant = variant;
  if (o.shuffleSeed !== undefined) {
    const seed = wholeNumber("shuffleSeed", o.shuffleSeed, 0, 2 ** 32 - 1, "The shuffle seed");
    const next = rng(seed);
    config.order = Array.from({ length: epochs }, () => permutation(next, data.length));
  }
  return config;
}

function resolveData(d: RunOptions["data"]): DataPoint[] {
  const points = Array.isArray(d) ? d : makeData(d ?? {});
  if (!points.length)
    throw new ConfigError("data", "The data has no rows: give at least one x value.");
  if (points.length > LIMITS.maxRows)
    throw new ConfigError(
      "data",
      `The data has ${points.length} rows; at most ${LIMITS.maxRows} are allowed.`
    );
  points.forEach((p, i) => {
    if (typeof p.x !== "number" || !Number.isFinite(p.x))
      throw new ConfigError("data", `x in data row ${i + 1} is not a number.`);
    if (typeof p.y !== "number" || !Number.isFinite(p.y))
      throw new ConfigError("data", `y in data row ${i + 1} is not a number.`);
  });
  return points;
}

/**
 * The default initial weights of an n-neuron ReLU layer, drawn from `seed` (mulberry32): a_j, b_j
 * and c_j uniform in [−1, 1), rounded to 3 decimals so the sheet's inputs read well, drawn in the
 * order a1, b1, c1, a2, b2, c2, …; d = 1. Equal weights would keep every neuron identical forever
 * (each gets the same gradient), so a wide layer needs different starting weights.
 */
export function wideInit(n: number, seed: number): Weights {
  const next = rng(seed);
  const w: Weights = {};
  for (let j = 1; j <= n; j++)
    for (const p of ["a", "b", "c"]) w[`${p}${j}`] = Math.round((2 * next() - 1) * 1000) / 1000 + 0; // + 0: never −0
  w.d = 1;
  return w;
}

/** Named weights as given; a missing one is its drawn value (wide models) or 1. */
function resolveInit(init: unknown, names: readonly string[], drawn?: Weights): Weights {
  const w: Weights = {};
  if (typeof init === "object" && init !== null) {
    for (const k of Object.keys(init))
      if (!names.includes(k))
        throw new ConfigError(
          "init",
          `The model has no weight "${k}"; its weights are ${names.join(", ")}.`
        );
    for (const n of names)
      w[n] = finite(
        "init",
        (init as Record<string, unknown>)[n] ?? drawn?.[n] ?? 1,
        `Initial ${n}`
      );
  } else {
    const v = finite("init", init, "The initial weight");
    for (const n of names) w[n] = v;
  }
  return w;
}

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v.trim());
  return NaN;
}

function finite(field: string, v: unknown, what: string): number {
  const n = toNumber(v);
  if (!Number.isFinite(n))
    throw new ConfigError(field, `${what} must be a number, not "${String(v)}".`);
  return n;
}

/** `config` with another learning rate (validated as `resolveConfig` does); everything else shared. */
export function withLr(config: RunConfig, lr: unknown): RunConfig {
  return { ...config, lr: positive("lr", lr, "The learning rate") };
}

function positive(field: string, v: unknown, what: string): number {
  const n = toNumber(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError(field, `${what} must be a number above 0, not "${String(v)}".`);
  return n;
}

function nonNegative(field: string, v: unknown, what: string): number {
  const n = toNumber(v);
  if (!Number.isFinite(n) || n < 0)
    throw new ConfigError(field, `${what} must be a number of 0 or more, not "${String(v)}".`);
  return n;
}

function fraction(field: string, v: unknown, what: string): number {
  const n = toNumber(v);
  if (!(n >= 0 && n < 1))
    throw new ConfigError(field, `${what} must be at least 0 and below 1, not "${String(v)}".`);
  return n;
}

function wholeNumber(field: string, v: unknown, lo: number, hi: number, what: string): number {
  const n = toNumber(v);
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw new ConfigError(
      field,
      `${what} must be a whole number from ${lo} to ${hi}, not "${String(v)}".`
    );
  return n;
}

function bool(field: string, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1" || v === 1) return true;
  if (v === "false" || v === "0" || v === 0) return false;
  throw new ConfigError(field, `${field} must be true or false, not "${String(v)}".`);
}

function oneOf(field: string, v: unknown, allowed: string[]): string {
  if (typeof v === "string" && allowed.includes(v)) return v;
  throw new ConfigError(
    field,
    `Unknown ${field} "${String(v)}": choose one of ${allowed.join(", ")}.`
  );
}
