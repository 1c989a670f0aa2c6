/**
 * The run service: run options → a trained run → its SheetPlan → .xlsx bytes (the pane hands plans
 * to its Office gateway itself; this layer never names Office). The CLI and the pane both go
 * through here, so a run, its sheet name and the numbers a learner reads are the same on both
 * surfaces.
 */
import {
  ConfigError,
  DEFAULTS,
  MODELS,
  OPTIMIZERS,
  hPlateau,
  learnerNumber,
  resolveConfig,
  train,
  type LandscapeAxes,
  type ProgressHook,
  type RunConfig,
  type RunOptions,
  type RunResult,
} from "../core";

import {
  assertSheetFits,
  buildRunSheet,
  buildWorkbookPlan,
  sanitizeSheetName,
  uniqueSheetName,
  type SheetPlan,
  type WorkbookPlan,
} from "../sheet";
import { buildLandscapeSheet } from "../sheet/experiments";
import { writeWorkbook } from "../xlsx";

export { learnerNumber };

/**
 * Validate options, refuse a run whose rows would not fit a worksheet, and train with every row
 * recorded, calling `progress` as it trains (see
 * TrainOptions.progress). Throws ConfigError with a plain sentence.
 */
export function trainRun(options: RunOptions, progress?: ProgressHook): RunResult {
  const config = resolveConfig(options);
  assertSheetFits(config); // every row becomes a sheet row: a run too big for one is refused before training
  return train(config, { rows: true, progress });
}

/**
 * Train with the options resolved once: every row recorded with `rows`, else epoch summaries only.
 * `refuse(steps)` may name, in one sentence, why a run of that many row-steps is not trained (a
 * ConfigError on `field`, before any training).
 */
export function trainChecked(
  options: RunOptions,
  opts: { rows: boolean; refuse?: { field: string; why: (steps: number) => string | null } }
): RunResult {
  const config = resolveConfig(options);
  const why = opts.refuse?.why(config.epochs * config.data.length);
  if (why) throw new ConfigError(opts.refuse!.field, why);
  return train(config, { rows: opts.rows });
}

/**
 * Options checked by the core's own rules (ConfigError naming the field, in the words the run form
 * uses), with their learning rate and epochs as the numbers the run will use.
 */
export function checkedOptions(options: RunOptions): RunOptions & { lr: number; epochs: number } {
  const c = resolveConfig(options);
  return { ...options, lr: c.lr, epochs: c.epochs };
}

/**
 * The one sheet-naming rule for a run: the model's label, the optimizer's unless it is the default (SGD), and the
 * learning rate as a learner reads it ("2 neurons + ReLU lr 1e-4", "1 neuron Adam lr 0.003"), made
 * valid for Excel (31 characters, no []:*?/\).
 */
export function runSheetName(config: Pick<RunConfig, "model" | "optimizer" | "lr">): string {
  const opt =
    config.optimizer === DEFAULTS.optimizer ? "" : ` ${OPTIMIZERS[config.optimizer].label}`;
  return sanitizeSheetName(`${MODELS[config.model].label}${opt} lr ${learnerNumber(config.lr)}`);
}

/** The run's sheet, named by the rule unless a name is given. */
export function runPlan(result: RunResult, name: string = runSheetName(result.config)): SheetPlan {
  return buildRunSheet(result, { name });
}

/** A workbook plan as .xlsx bytes. */
export function workbookBytes(plan: WorkbookPlan): Uint8Array {
  return writeWorkbook(plan);
}

/** A file name from a sheet name: "gradsheet-2-neurons-ReLU-lr-1e-4.xlsx". */
export function xlsxFileName(name: string): string {
  return `gradsheet-${name.replace(/[^A-Za-z0-9.-]+/g, "-")}.xlsx`;
}

/** Throw a ConfigError (epochs) when the run's sheet cannot fit a worksheet: call before training. */
export const checkSheetFits = (options: RunOptions): void =>
  assertSheetFits(resolveConfig(options));

/**
 * One run as a workbook (names workbook-wide), optionally followed by its loss-landscape sheet
 * "<run> landscape". `name` defaults to the naming rule.
 */
export function runWorkbookPlan(
  result: RunResult,
  opts: { name?: string; landscape?: boolean | LandscapeAxes } = {}
): WorkbookPlan {
  const plan = buildWorkbookPlan([{ result, name: opts.name ?? runSheetName(result.config) }]);
  if (opts.landscape) {
    const run = plan.sheets[0].name;
    const axes = opts.landscape === true ? undefined : opts.landscape;
    plan.sheets.push(buildLandscapeSheet(result, uniqueSheetName(`${run} landscape`, [run]), axes));
  }
  return plan;
}

/** The run as an .xlsx file named after its sheet (the pane's Download), with that sheet's plan. */
export function runXlsx(result: RunResult): {
  bytes: Uint8Array;
  filename: string;
  sheet: SheetPlan;
} {
  const plan = runWorkbookPlan(result);
  const sheet = plan.sheets[0];
  return { bytes: workbookBytes(plan), filename: xlsxFileName(sheet.name), sheet };
}

export interface RunSummary {
  perEpoch: { epoch: number; rootSse: number }[];
  final: number;
  /** Why it diverged, and where finite differences lost h through rounding (a plateau); null when neither happened. */
  divergence: string | null;
  divergedAt: string;
}

/** √SSE per epoch, the last one, and where and why the run diverged, in words. */
export function summarize(result: RunResult): RunSummary {
  const perEpoch = result.epochs.map((e) => ({ epoch: e.epoch, rootSse: e.rootSse }));
  const d = result.divergence;
  return {
    perEpoch,
    final: perEpoch.length ? perEpoch[perEpoch.length - 1].rootSse : NaN,
    divergence:
      [
        d ? `It diverged at epoch ${d.epoch}, row ${d.row} (step ${d.step}): ${d.reason}` : "",
        hPlateau(result)?.text ?? "",
      ]
        .filter(Boolean)
        .join(" ") || null,
    divergedAt: d ? `epoch ${d.epoch}, row ${d.row}` : "",
  };
}
