/**
 * The Experiments section's logic, without DOM or Office: the form's run options → a model
 * comparison or a learning-rate sweep, their sheets (SheetPlans and what to record about each),
 * the one-line result a learner reads, and the same experiment as an .xlsx file.
 */
import {
  BASE_MODEL_IDS,
  ConfigError,
  MODELS,
  initForModel,
  logSpace,
  resolveConfig,
  sweep,
  train,
  type ModelId,
  type RunOptions,
  type RunResult,
  type SweepResult,
} from "../core";
import { buildCompareWorkbook, buildLandscapeSheet, buildSweepSheet } from "../sheet/experiments";
import { buildRunSheet } from "../sheet/run-sheet";
import { assertSheetFits } from "../sheet/limits";
import type { SheetPlan, WorkbookPlan } from "../sheet/plan";
import { writeWorkbook } from "../xlsx";
import { lrCellOf } from "./runs";
import { formatValue, runSheetName } from "./vocabulary";

export { formatValue };

/** The models ticked by default: the forum's three. */
export const DEFAULT_COMPARE: readonly ModelId[] = BASE_MODEL_IDS;

/** At most this many rates in one sweep from the pane (each is a full training run). */
export const MAX_RATES = 200;

/** What the writer stores about each sheet: the run sheets as runs (the pane recognises them), the rest as experiments. */
export type SheetRecordSpec =
  | { role: "run"; options: Record<string, unknown>; lrCell?: { row: number; col: number } }
  | { role: "experiment"; options: Record<string, unknown> };

/** An experiment ready to write: its sheets, the record of each, and the sentence to show. */
export interface Experiment {
  kind: "compare" | "sweep" | "landscape";
  workbook: WorkbookPlan;
  records: SheetRecordSpec[];
  line: string;
}

/** Each model trained with every row on the same data and settings; narrow models start from the same weights. */
export function compareRuns(base: RunOptions, models: ModelId[]): RunResult[] {
  if (!models.length) throw new ConfigError("models", "Tick at least one model to compare.");
  return models.map((model) => {
    // a wide layer keeps the core's seeded draw: equal weights would keep its neurons identical forever
    const init =
      MODELS[model].width === undefined ? initForModel(base.init ?? 1, model) : undefined;
    const { init: _drop, ...rest } = base;
    return train(resolveConfig({ ...rest, model, ...(init === undefined ? {} : { init }) }), {
      rows: true,
    });
  });
}

/** "1 neuron: final √SSE 3.2; 2 neurons diverged at step 27; 2 neurons + ReLU: final √SSE 40.1." */
export function compareLine(results: RunResult[]): string {
  return (
    results
      .map((r) => {
        const label = MODELS[r.config.model].label;
        if (r.divergence) return `${label} diverged at step ${r.divergence.step}`;
        return `${label}: final √SSE ${formatValue(r.epochs[r.epochs.length - 1].rootSse)}`;
      })
      .join("; ") + "."
  );
}

/** The comparison as sheets to write: "Compare" first (an experiment), then one run sheet per model. */
export function compareExperiment(base: RunOptions, models: ModelId[]): Experiment {
  assertSheetFits(resolveConfig(base)); // each model's run sheet: refused before any training
  const results = compareRuns(base, models);
  const workbook = buildCompareWorkbook(results);
  const records = workbook.sheets.map((p, i): SheetRecordSpec =>
    i === 0
      ? { role: "experiment", options: p.meta }
      : { role: "run", options: p.meta, lrCell: lrCellOf(p) }
  );
  return { kind: "compare", workbook, records, line: compareLine(results) };
}

/** The rates a sweep form asks for: `count` log-spaced values from `from` to `to`, or a plain sentence. */
export function sweepRates(from: string, to: string, count: string): number[] {
  const lo = Number(from),
    hi = Number(to),
    n = Number(count);
  if (!(from.trim() && Number.isFinite(lo) && lo > 0))
    throw new ConfigError(
      "lrs",
      `The smallest learning rate must be a number above 0, not "${from}".`
    );
  if (!(to.trim() && Number.isFinite(hi) && hi >= lo))
    throw new ConfigError(
      "lrs",
      `The largest learning rate must be a number no smaller than ${from}, not "${to}".`
    );
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_RATES))
    throw new ConfigError(
      "lrs",
      `The number of rates must be a whole number from 1 to ${MAX_RATES}, not "${count}".`
    );
  return logSpace(lo, hi, n);
}

/** "3 of 7 rates diverged, the first at 0.001 (step 27); largest stable rate 1e-4." */
export function sweepLine(result: SweepResult): string {
  const k = result.runs.length;
  const diverged = result.runs.filter((r) => r.divergence);
  const first = diverged[0];
  const head = diverged.length
    ? `${diverged.length} of ${k} rate${k === 1 ? "" : "s"} diverged, the first at ${formatValue(first.lr)} (step ${first.divergence!.step})`
    : `None of ${k} rate${k === 1 ? "" : "s"} diverged`;
  return `${head}; largest stable rate ${result.largestStable === null ? "none of these" : formatValue(result.largestStable)}.`;
}

/** The sweep as one sheet to write, with the form's settings for every rate. */
export function sweepExperiment(base: RunOptions, lrs: number[]): Experiment {
  assertSheetFits(resolveConfig(base));
  const result = sweep(base, lrs);
  const plan: SheetPlan = buildSweepSheet(result, resolveConfig({ ...base, lr: lrs[0] }));
  return {
    kind: "sweep",
    workbook: { sheets: [plan], namesScope: "sheet" },
    records: [{ role: "experiment", options: plan.meta }],
    line: sweepLine(result),
  };
}

/** At most this many steps for a landscape from the pane (every step is recorded and drawn). */
export const MAX_LANDSCAPE_STEPS = 200_000;

/**
 * The run and its loss landscape (log10 SSE over a grid of two weights, the path marked) as two
 * sheets: the live run sheet first, then "<run> landscape".
 */
export function landscapeExperiment(base: RunOptions): Experiment {
  const config = resolveConfig(base);
  if (config.epochs * config.data.length > MAX_LANDSCAPE_STEPS)
    throw new ConfigError(
      "epochs",
      `A landscape records every step: at most ${MAX_LANDSCAPE_STEPS} steps, not ${config.epochs * config.data.length}.`
    );
  const result = train(config, { rows: true });
  const run = buildRunSheet(result, { name: runSheetName(config) });
  const land = buildLandscapeSheet(result, `${run.name} landscape`.slice(0, 31));
  const last = result.epochs[result.epochs.length - 1];
  const line = result.divergence
    ? `The path leaves the map: the run diverged at step ${result.divergence.step}.`
    : `The path after ${result.epochs.length} epoch${result.epochs.length === 1 ? "" : "s"}: final √SSE ${formatValue(last.rootSse)}.`;
  return {
    kind: "landscape",
    workbook: { sheets: [run, land], namesScope: "sheet" },
    records: [
      { role: "run", options: run.meta, lrCell: lrCellOf(run) },
      { role: "experiment", options: land.meta },
    ],
    line,
  };
}

/** The experiment as an .xlsx file, built in the browser. */
export function experimentXlsx(e: Experiment): { bytes: Uint8Array; filename: string } {
  return { bytes: writeWorkbook(e.workbook), filename: `gradsheet-${e.kind}.xlsx` };
}
