/**
 * The pane's actions on a run sheet (Generate, Apply, Check, Rebuild, Rerun), planned once: run
 * options → the trained run, its sheet plan, the record the sheet stores and its Runs-log row.
 * Everything here is plain data, so a Web Worker can do it and post it back.
 */
import { resolveConfig, train, type RunOptions, type RunResult } from "../core";
import { assertSheetFits, type SheetPlan } from "../sheet";
import { runLogRow, runRecord, type RunLogRow, type RunOutline } from "./records";
import { explosionFacts } from "./explosion";
import { runPlan, runSheetName } from "./service";

/** A run planned for a write into Excel. */
export interface PlannedRun {
  result: RunOutline;
  plan: SheetPlan;
  record: ReturnType<typeof runRecord>;
  runsRow: RunLogRow;
}

/** Progress reports per training run, at most (one every 1% of the row-steps). */
const REPORTS = 100;

/**
 * Train `options` with every row recorded (the options resolved once), calling `onFraction` with
 * the share done (0–1) about every 1% of the row-steps when given.
 */
export function trainReporting(
  options: RunOptions,
  onFraction?: (fraction: number) => void
): RunResult {
  const config = resolveConfig(options);
  assertSheetFits(config); // a run too big for a worksheet is refused before any training
  const steps = config.epochs * config.data.length;
  return train(config, {
    rows: true,
    progress: onFraction && {
      every: Math.max(1, Math.ceil(steps / REPORTS)),
      onProgress: (p) => onFraction(p.step / p.steps),
    },
  });
}

/** The run without its per-step rows (the plan holds them as cells), with the facts of its explosion. */
export function outline(result: RunResult): RunOutline {
  const { rows: _rows, ...rest } = result;
  return { ...rest, explosion: explosionFacts(result) };
}

/**
 * Train and plan a run for Excel: its sheet named by the rule unless `name` (the sheet it
 * replaces or updates) is given; `change` says in the Runs log what made it.
 */
export function planRun(
  options: RunOptions,
  how: { name?: string; change: string },
  onFraction?: (fraction: number) => void
): PlannedRun {
  return planTrained(trainReporting(options, onFraction), how);
}

/** A trained run planned for Excel (see `planRun`). */
export function planTrained(result: RunResult, how: { name?: string; change: string }): PlannedRun {
  const plan = runPlan(result, how.name ?? runSheetName(result.config));
  return {
    result: outline(result),
    plan,
    record: runRecord(plan),
    runsRow: runLogRow(result, plan.name, how.change),
  };
}

/** Row-steps of a run: epochs × data rows. Throws ConfigError (a plain sentence) when the options are invalid. */
export function rowSteps(options: RunOptions): number {
  const c = resolveConfig(options);
  return c.epochs * c.data.length;
}

/** The sheet name the one naming rule gives these options ("2 neurons + ReLU lr 1e-4"); ConfigError when they do not resolve. */
export function sheetNameOf(options: RunOptions): string {
  return runSheetName(resolveConfig(options));
}
