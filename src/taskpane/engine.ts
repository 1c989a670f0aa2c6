/**
 * The pane's link to the core and the sheet layer: form options → run → SheetPlan, summaries in
 * plain words, the Runs log row, and the same run as an .xlsx file. No DOM, no Office.
 */
import { GRADDESC_X, hPlateau, resolveConfig, train, type RunOptions, type RunResult } from "../core";
import { buildRunSheet, buildWorkbookPlan, NAMES, runOptionsFromMeta, sanitizeSheetName, type SheetPlan } from "../sheet";
import { writeWorkbook } from "../xlsx";
import type { RunsRow } from "../excel";

export { GRADDESC_X };

/** Validate options and train with every row recorded. Throws ConfigError with a plain sentence. */
export function runFor(options: RunOptions): RunResult {
  return train(resolveConfig(options), { rows: true });
}

/** A short sheet name for a run: "two-relu lr 0.0001". */
export function sheetNameFor(result: RunResult): string {
  return sanitizeSheetName(`${result.config.model} lr ${result.config.lr}`);
}

export function planFor(result: RunResult, name: string): SheetPlan {
  return buildRunSheet(result, { name });
}

/** Where the plan's LearningRate input is. */
export function lrCellOf(plan: SheetPlan): { row: number; col: number } | undefined {
  const n = plan.names.find((x) => x.name === NAMES.lr);
  return n ? { row: n.row, col: n.col } : undefined;
}

/** Run options back from a stored record's options (the plan's meta). */
export function optionsFromRecord(stored: unknown): RunOptions | undefined {
  return runOptionsFromMeta(stored);
}

export interface RunSummary {
  perEpoch: { epoch: number; rootSse: number }[];
  final: number;
  /** Why it diverged, and where finite differences lost h through rounding (a plateau); null when neither happened. */
  divergence: string | null;
  divergedAt: string;
}

const fmt = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(4) : v.toFixed(4)) : "overflow (#NUM!)");

export function formatNumber(v: number): string {
  return fmt(v);
}

export function summarize(result: RunResult): RunSummary {
  const perEpoch = result.epochs.map((e) => ({ epoch: e.epoch, rootSse: e.rootSse }));
  const d = result.divergence;
  return {
    perEpoch,
    final: perEpoch.length ? perEpoch[perEpoch.length - 1].rootSse : NaN,
    divergence: [d ? `It diverged at epoch ${d.epoch}, row ${d.row} (step ${d.step}): ${d.reason}` : "", hPlateau(result)?.text ?? ""].filter(Boolean).join(" ") || null,
    divergedAt: d ? `epoch ${d.epoch}, row ${d.row}` : "",
  };
}

export function runsRowFor(result: RunResult, sheet: string): RunsRow {
  const s = summarize(result);
  return {
    sheet,
    model: result.config.model,
    optimizer: result.config.optimizer,
    lr: result.config.lr,
    epochs: result.config.epochs,
    finalRootSse: s.final,
    divergedAt: s.divergedAt,
  };
}

/** The run as an .xlsx workbook (one sheet, native charts), built in the browser. */
export function xlsxFor(result: RunResult): { bytes: Uint8Array; filename: string } {
  const name = sheetNameFor(result);
  const bytes = writeWorkbook(buildWorkbookPlan([{ result, name }]));
  return { bytes, filename: `gradsheet-${name.replace(/[^A-Za-z0-9.-]+/g, "-")}.xlsx` };
}
