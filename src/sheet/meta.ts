/**
 * What a run sheet remembers about itself (plan.meta): a `gradsheet` format marker and the run's
 * settings as plain JSON, so the add-in can recognise a sheet it made and rebuild or rerun it.
 */
import { resolveConfig, type RunConfig, type RunOptions } from "../core";

/** Bumped when the sheet's layout changes in a way a reader of old sheets must know about. */
export const SHEET_FORMAT_VERSION = 1;

export interface RunSheetMeta {
  gradsheet: number;
  kind: "run";
  settings: {
    model: RunConfig["model"];
    optimizer: RunConfig["optimizer"];
    lr: number;
    epochs: number;
    gradient: RunConfig["gradient"];
    h: number;
    init: Record<string, number>;
    optimizerSettings: RunConfig["optimizerSettings"];
    data: { x: number; y: number }[];
    divergenceBound: number;
    order?: number[][];
    /** Present only when above 1 (sheets of batch size 1 keep the meta they always had). */
    batchSize?: number;
    /** The learner's variant K (runs made with --variant only). */
    variant?: number;
  };
}

/** The meta of a sheet made from `config`: a deep, JSON-safe copy of the settings. */
export function runSheetMeta(config: RunConfig): RunSheetMeta {
  const settings: RunSheetMeta["settings"] = {
    model: config.model,
    optimizer: config.optimizer,
    lr: config.lr,
    epochs: config.epochs,
    gradient: config.gradient,
    h: config.h,
    init: { ...config.init },
    optimizerSettings: { ...config.optimizerSettings },
    data: config.data.map((p) => ({ x: p.x, y: p.y })),
    divergenceBound: config.divergenceBound,
  };
  if (config.order) settings.order = config.order.map((o) => o.slice());
  if (config.batchSize > 1) settings.batchSize = config.batchSize;
  if (config.variant !== undefined) settings.variant = config.variant;
  return { gradsheet: SHEET_FORMAT_VERSION, kind: "run", settings };
}

/** The meta's settings as run options (for `resolveConfig`), or undefined if it is not a run sheet's. */
export function runOptionsFromMeta(meta: unknown): RunOptions | undefined {
  if (typeof meta !== "object" || meta === null) return undefined;
  const m = meta as Partial<RunSheetMeta>;
  if (
    typeof m.gradsheet !== "number" ||
    m.kind !== "run" ||
    typeof m.settings !== "object" ||
    m.settings === null
  )
    return undefined;
  const s = m.settings;
  const opts: RunOptions = {
    model: s.model,
    optimizer: s.optimizer,
    lr: s.lr,
    epochs: s.epochs,
    gradient: s.gradient,
    h: s.h,
    init: s.init,
    beta: s.optimizerSettings?.beta,
    beta2: s.optimizerSettings?.beta2,
    eps: s.optimizerSettings?.eps,
    biasCorrection: s.optimizerSettings?.biasCorrection,
    data: s.data,
    divergenceBound: s.divergenceBound,
  };
  if (s.batchSize !== undefined) opts.batch = s.batchSize;
  if (s.variant !== undefined) opts.variant = s.variant;
  return opts;
}

/**
 * The run config a sheet was made from (validated again by `resolveConfig`), with its per-epoch row
 * order when the rows were shuffled; undefined if the meta is not a run sheet's.
 * @throws ConfigError when the stored settings are no longer valid.
 */
export function runConfigFromMeta(meta: unknown): RunConfig | undefined {
  const opts = runOptionsFromMeta(meta);
  if (!opts) return undefined;
  const config = resolveConfig(opts);
  const order = (meta as RunSheetMeta).settings.order;
  if (order) config.order = order.map((o) => o.slice());
  return config;
}
