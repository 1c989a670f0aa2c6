/**
 * One variant per learner: `variant K` replaces the default data's x values with a seeded draw of
 * the same count and range (graddesc's 29 whole numbers, here from 8 to 99, like its
 * RANDBETWEEN), and the initial weights with a seeded draw (each uniform in [0.5, 1.5], two
 * decimals; a wide ReLU layer draws its usual symmetry-breaking weights from seed K). Neighbours'
 * numbers then differ while the lesson stays the same. x values or weights the options give
 * explicitly are kept.
 */
import { GRADDESC_X, type DataSpec } from "./data";
import type { DataPoint } from "./types";
import { ConfigError } from "./errors";
import { MODELS } from "./models";
import { randBetween, rng } from "./random";

/** The run options a variant reads and replaces (RunOptions has them; named here so config imports this module, not the other way). */
export interface VariantOptions {
  model?: unknown;
  data?: DataSpec | DataPoint[];
  init?: unknown;
  initSeed?: unknown;
}

/** The largest variant number. */
export const MAX_VARIANT = 1_000_000;

/** K as a whole number from 1 to MAX_VARIANT; ConfigError otherwise. */
export function variantNumber(k: unknown): number {
  const n = typeof k === "string" && k.trim() !== "" ? Number(k) : k;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_VARIANT)
    throw new ConfigError(
      "variant",
      `The variant must be a whole number from 1 to ${MAX_VARIANT}, got ${String(k)}.`
    );
  return n;
}

/** Variant k's x values: as many as graddesc's, whole numbers in its range, drawn from seed k. */
export function variantX(k: number): number[] {
  const next = rng(k);
  const lo = Math.min(...GRADDESC_X);
  const hi = Math.max(...GRADDESC_X);
  return GRADDESC_X.map(() => randBetween(next, lo, hi));
}

/** Variant k's initial weights for `weights`: each uniform in [0.5, 1.5], two decimals. */
export function variantInit(k: number, weights: readonly string[]): Record<string, number> {
  const next = rng((k * 2654435761) >>> 0);
  const w: Record<string, number> = {};
  for (const name of weights) w[name] = Math.round((0.5 + next()) * 100) / 100;
  return w;
}

/** The options of variant k: default x values and default initial weights replaced by k's draws. */
export function applyVariant<O extends VariantOptions>(o: O, k: number): O {
  const out: O = { ...o };
  const d = o.data;
  if (d === undefined || (!Array.isArray(d) && !d.points && !d.x)) {
    const spec: DataSpec = { ...(d ?? {}), x: { kind: "list", x: variantX(k) } };
    out.data = spec;
  }
  const model = MODELS[String(o.model ?? "linear") as keyof typeof MODELS];
  if (o.init === undefined && model) {
    if (model.width === undefined) out.init = variantInit(k, model.weights);
    else if (o.initSeed === undefined) out.initSeed = k;
  }
  return out;
}
