/**
 * The experiments, built once for both surfaces: a model comparison (a Compare sheet and one live
 * run sheet per model), a learning-rate sweep (one Sweep sheet) and a loss landscape (the run sheet
 * and its landscape sheet). Each comes with its sheets, the record of each, the one-line result a
 * learner reads, and the same experiment as .xlsx bytes. Names are sheet-scoped, so several
 * experiments and runs can live in one workbook.
 */
import {
  ConfigError,
  MODELS,
  initForModel,
  landscapeAxes,
  lossGrid,
  learnerNumber,
  logSpace,
  resolveConfig,
  sweep,
  train,
  type LandscapeAxes,
  type ModelId,
  type RunOptions,
  type RunResult,
  type SweepResult,
} from "../core";
import { assertSheetFits, uniqueSheetName, type WorkbookPlan } from "../sheet";
import { buildCompareWorkbook, buildLandscapeSheet, buildSweepSheet } from "../sheet/experiments";
import { experimentRecord, runRecord, type SheetRecordSpec } from "./records";
import { runPlan, runSheetName, workbookBytes } from "./service";

/** An experiment ready to write: its sheets, the record of each, and the sentence to show. */
export interface Experiment {
  kind: "compare" | "sweep" | "landscape";
  workbook: WorkbookPlan;
  records: SheetRecordSpec[];
  line: string;
}

/**
 * Each model trained with every row on the same data and settings. One rule for initial weights,
 * on both surfaces (see core's `initForModel`): a single number starts every weight of the narrow
 * models there; a wide ReLU layer (relu-n) keeps its seeded draw, since equal weights would keep
 * its neurons identical forever; named weights go to the models that have them.
 */
export function compareRuns(base: RunOptions, models: ModelId[]): RunResult[] {
  if (!models.length) throw new ConfigError("models", "Tick at least one model to compare.");
  return models.map((model) =>
    train(resolveConfig({ ...base, model, init: initForModel(base.init, model) }), { rows: true })
  );
}

/** "1 neuron: final √SSE 3.2; 2 neurons diverged at step 27; 2 neurons + ReLU: final √SSE 40.1." */
export function compareLine(results: RunResult[]): string {
  return (
    results
      .map((r) => {
        const label = MODELS[r.config.model].label;
        if (r.divergence) return `${label} diverged at step ${r.divergence.step}`;
        return `${label}: final √SSE ${learnerNumber(r.epochs[r.epochs.length - 1].rootSse)}`;
      })
      .join("; ") + "."
  );
}

/** The comparison: "Compare" first (an experiment), then one run sheet per model. */
export function compareExperiment(base: RunOptions, models: ModelId[]): Experiment {
  assertSheetFits(resolveConfig(base)); // each model's run sheet: refused before any training
  const results = compareRuns(base, models);
  const workbook = buildCompareWorkbook(results);
  const records = workbook.sheets.map((p, i) => (i === 0 ? experimentRecord(p) : runRecord(p)));
  return { kind: "compare", workbook, records, line: compareLine(results) };
}

/** At most this many rates in one sweep from the pane (each is a full training run). */
export const MAX_RATES = 200;

/** The rates a sweep form asks for: `count` log-spaced values from `from` to `to`, or a plain sentence. */
export function sweepRates(from: string, to: string, count: string): number[] {
  const lo = Number(from),
    hi = Number(to),
    n = Number(count);
  if (!from.trim()) throw new ConfigError("exp-from", "From is empty.");
  if (!(Number.isFinite(lo) && lo > 0))
    throw new ConfigError("exp-from", `From must be a number above 0, not "${from}".`);
  if (!to.trim()) throw new ConfigError("exp-to", "To is empty.");
  if (!(Number.isFinite(hi) && hi >= lo))
    throw new ConfigError(
      "exp-to",
      `To must be a number no smaller than From (${from}), not "${to}".`
    );
  if (!count.trim()) throw new ConfigError("exp-count", "Rates is empty.");
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_RATES))
    throw new ConfigError(
      "exp-count",
      `Rates must be a whole number from 1 to ${MAX_RATES}, not "${count}".`
    );
  return logSpace(lo, hi, n);
}

/** "3 of 7 rates diverged, the first at 0.001 (step 27); largest stable rate 1e-4." */
export function sweepLine(result: SweepResult): string {
  const k = result.runs.length;
  const diverged = result.runs.filter((r) => r.divergence);
  const first = diverged[0];
  const head = diverged.length
    ? `${diverged.length} of ${k} rate${k === 1 ? "" : "s"} diverged, the first at ${learnerNumber(first.lr)} (step ${first.divergence!.step})`
    : `None of ${k} rate${k === 1 ? "" : "s"} diverged`;
  return `${head}; largest stable rate ${result.largestStable === null ? "none of these" : learnerNumber(result.largestStable)}.`;
}

/** The sweep as one sheet, with the base settings at every rate, and its summary (`result`). */
export function sweepExperiment(
  base: RunOptions,
  lrs: number[]
): Experiment & { result: SweepResult } {
  assertSheetFits(resolveConfig(base)); // refused before any training
  const result = sweep(base, lrs);
  const plan = buildSweepSheet(result, resolveConfig({ ...base, lr: lrs[0] }));
  return {
    kind: "sweep",
    workbook: { sheets: [plan], namesScope: "sheet" },
    records: [experimentRecord(plan)],
    line: sweepLine(result),
    result,
  };
}

/** At most this many steps for a landscape (every step is recorded and drawn). */
export const MAX_LANDSCAPE_STEPS = 200_000;

/**
 * The run and its loss landscape (log10 SSE over a grid of two weights, the path marked) as two
 * sheets: the live run sheet first (named by the rule), then "<run> landscape". `points`: grid
 * points along each weight (the landscape's default when absent).
 */
export function landscapeExperiment(
  base: RunOptions,
  points?: number
): Experiment & { result: RunResult } {
  assertSheetFits(resolveConfig(base)); // the live run sheet: refused before any training
  const result = landscapeRun(base);
  const run = runPlan(result, runSheetName(result.config));
  const axes = points === undefined ? undefined : landscapeAxes(result, points);
  const land = buildLandscapeSheet(
    result,
    uniqueSheetName(`${run.name} landscape`, [run.name]),
    axes
  );
  const last = result.epochs[result.epochs.length - 1];
  const line = result.divergence
    ? `The path leaves the map: the run diverged at step ${result.divergence.step}.`
    : `The path after ${result.epochs.length} epoch${result.epochs.length === 1 ? "" : "s"}: final √SSE ${learnerNumber(last.rootSse)}.`;
  return {
    kind: "landscape",
    workbook: { sheets: [run, land], namesScope: "sheet" },
    records: [runRecord(run), experimentRecord(land)],
    line,
    result,
  };
}

/** The run a landscape maps, trained with every row; refused in one sentence when it has too many steps to record. */
export function landscapeRun(base: RunOptions): RunResult {
  const config = resolveConfig(base);
  const steps = config.epochs * config.data.length;
  if (steps > MAX_LANDSCAPE_STEPS)
    throw new ConfigError(
      "epochs",
      `A landscape records every step: at most ${MAX_LANDSCAPE_STEPS} steps, not ${steps}.`
    );
  return train(config, { rows: true });
}

/**
 * The landscape as numbers: the two weights' axes (`points` along each), log10 SSE over the grid
 * (the core's `lossGrid`), and the run's path through it up to where it diverged.
 */
export function landscapeMap(
  result: RunResult,
  points: number
): {
  axes: LandscapeAxes;
  grid: number[][];
  path: { step: number; x: number; y: number }[];
} {
  const axes = landscapeAxes(result, points);
  const grid = lossGrid(result, axes);
  const end = result.divergence ? result.divergence.step - 1 : result.rows!.length;
  const path = result
    .rows!.slice(0, Math.max(end, 1))
    .map((r) => ({ step: r.step, x: r.weights[axes.wx], y: r.weights[axes.wy] }));
  return { axes, grid, path };
}

/** The experiment as an .xlsx file. */
export function experimentXlsx(e: Experiment): { bytes: Uint8Array; filename: string } {
  return { bytes: workbookBytes(e.workbook), filename: `gradsheet-${e.kind}.xlsx` };
}

/** An experiment asked for as plain data (what the pane posts to its Web Worker). */
export type ExperimentRequest =
  | { kind: "compare"; options: RunOptions; models: ModelId[] }
  | { kind: "sweep"; options: RunOptions; lrs: number[] }
  | { kind: "landscape"; options: RunOptions; points?: number };

/** The experiment a request asks for, as plain data (no run results). */
export function runExperiment(request: ExperimentRequest): Experiment {
  const e =
    request.kind === "compare"
      ? compareExperiment(request.options, request.models)
      : request.kind === "sweep"
        ? sweepExperiment(request.options, request.lrs)
        : landscapeExperiment(request.options, request.points);
  return { kind: e.kind, workbook: e.workbook, records: e.records, line: e.line };
}

/** Row-steps an experiment trains (each model or rate a whole run); ConfigError when the options are invalid. */
export function experimentSteps(request: ExperimentRequest): number {
  const c = resolveConfig(request.options);
  const runs =
    request.kind === "compare"
      ? request.models.length
      : request.kind === "sweep"
        ? request.lrs.length
        : 1;
  return c.epochs * c.data.length * runs;
}
