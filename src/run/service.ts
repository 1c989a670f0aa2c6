/**
 * The run service: run options → a trained run → its SheetPlan → .xlsx bytes, or a write into Excel
 * through a function the caller passes (the pane passes its Office gateway; this module never names
 * Office). The CLI and the pane both go through here, so a run, its sheet name and the numbers a
 * learner reads are the same on both surfaces.
 */
import {
  DEFAULTS,
  MODELS,
  OPTIMIZERS,
  hPlateau,
  resolveConfig,
  train,
  type LandscapeAxes,
  type ProgressHook,
  type RunConfig,
  type RunOptions,
  type RunResult,
} from "../core";
import { learnerNumber } from "../core/learner-number";
import {
  assertSheetFits,
  buildRunSheet,
  buildWorkbookPlan,
  NAMES,
  sanitizeSheetName,
  uniqueSheetName,
  type SheetPlan,
  type WorkbookPlan,
} from "../sheet";
import { buildLandscapeSheet } from "../sheet/experiments";
import { writeWorkbook } from "../xlsx";

export { learnerNumber };

/**
 * Validate options and train with every row recorded, calling `progress` as it trains (see
 * TrainOptions.progress). Throws ConfigError with a plain sentence.
 */
export function trainRun(options: RunOptions, progress?: ProgressHook): RunResult {
  return train(resolveConfig(options), { rows: true, progress });
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

/** Where a plan's LearningRate input is (0-based), if it has one. */
export function lrCellOf(plan: SheetPlan): { row: number; col: number } | undefined {
  const n = plan.names.find((x) => x.name === NAMES.lr);
  return n ? { row: n.row, col: n.col } : undefined;
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

/** A run's row in the workbook's Runs log (the shape src/excel's log writes): its settings, final √SSE and where it diverged. */
export type RunLogRow = Pick<RunConfig, "model" | "optimizer" | "lr" | "epochs"> & {
  sheet: string;
  finalRootSse: number;
  divergedAt: string;
};

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

export function runLogRow(result: RunResult, sheet: string): RunLogRow {
  const c = result.config;
  return {
    sheet,
    model: c.model,
    optimizer: c.optimizer,
    lr: c.lr,
    epochs: c.epochs,
    finalRootSse: summarize(result).final,
    divergedAt: summarize(result).divergedAt,
  };
}

/** A run ready for an Excel writer: its plan, what the sheet records about itself, and its Runs-log row. */
export interface PreparedRun {
  result: RunResult;
  plan: SheetPlan;
  record: { options: Record<string, unknown>; lrCell?: { row: number; col: number } };
  runsRow: RunLogRow;
}

/** Train and plan a run for Excel: the sheet named by the rule unless `name` (e.g. the sheet it replaces) is given. */
export function prepareRun(options: RunOptions, name?: string): PreparedRun {
  assertSheetFits(resolveConfig(options)); // refused before any training
  const result = trainRun(options);
  const plan = runPlan(result, name);
  return {
    result,
    plan,
    record: { options: plan.meta, lrCell: lrCellOf(plan) },
    runsRow: runLogRow(result, plan.name),
  };
}

/** The Excel write, passed in from src/excel (the pane's gateway); resolves to its report. */
export type ExcelRunWrite<R> = (run: PreparedRun) => Promise<R>;

/** Train, plan and write a run into Excel with the writer given. */
export async function writeRun<R>(
  options: RunOptions,
  write: ExcelRunWrite<R>,
  name?: string
): Promise<{ run: PreparedRun; report: R }> {
  const run = prepareRun(options, name);
  return { run, report: await write(run) };
}
