/**
 * The gateway (last step of the Excel pipeline): the workbook as the task pane sees it, plain data
 * in and out, no Office types. Every method opens one Excel.run; writes go through `writePlan`.
 * Pipeline: plan-ops (SheetPlan → write ops) → batches (under the byte budget) → queue-ops (ops →
 * Office.js calls) → write-sheets (the one write path) → write-run (one run sheet) → gateway.
 */
import type { SheetPlan } from "../sheet/plan";
import { checkSamples, checkSheet, storedCells, type CheckResult } from "./check";
import { exerciseExcel, type ExerciseExcel } from "./exercise-check";
import { syncWithin, type ExcelHost } from "./host";
import { identify, pruneIndex, queueEvidence } from "./identity";
import {
  indexOf,
  loadIndex,
  queueIndex,
  queueProperty,
  type RunIndex,
  type RunRecord,
} from "./meta";
import { loadData, queueDropData, withoutData } from "./run-data";
import { learningRateCell, lookUpSheet } from "./run-cells";
import { cellsUnder, editedCells } from "./edited";
import { API, NeedsNewerExcel, excelNeeded } from "./requirements";
import { findLog, queueRunsRow, RUNS_SHEET, type RunsRow } from "./runs-log";
import { writePlan, type WriteOptions, type WriteReport } from "./write-run";

export type { RunRecord } from "./meta";
export type { WriteOptions, WriteReport } from "./write-run";
export type { RunsRow } from "./runs-log";

export interface WorkbookStatus {
  /** "Automatic", "AutomaticExceptTables" or "Manual". */
  calculationMode: string;
  /** False on Excel before ExcelApi 1.8, which cannot switch modes from an add-in. */
  canSwitchCalculation: boolean;
  activeSheet: string;
  /** The active sheet's GradSheet record, or null when it is not a GradSheet run. */
  activeRun: RunRecord | null;
  /** The active sheet's GradSheet role ("experiment" for Compare, Sweep and landscape sheets), or null. */
  activeRole: RunRecord["role"] | null;
  /** The value in the active run's LearningRate cell (a learner may have typed a new one). */
  learningRate: number | null;
}

/** What the pane can do with the workbook. */
export interface WorkbookGateway {
  /** The sentence to show when this Excel is too old to write runs; null when it can write them. */
  readonly writeBlocker: string | null;
  status(): Promise<WorkbookStatus>;
  write(plan: SheetPlan, opts: WriteOptions): Promise<WriteReport>;
  /**
   * Write the run's LearningRate cell only (Excel recalculates the sheet and its charts); store
   * `options` as the run's settings and rewrite its Runs log row with `runsRow`.
   */
  setLearningRate(
    sheet: string,
    lr: number,
    options: Record<string, unknown>,
    runsRow?: RunsRow
  ): Promise<void>;
  /**
   * Excel's calculated sample of `sheet` compared with the core's values (see check.ts): those of
   * `plan` (a run at its current settings), or without one the sample stored with an experiment
   * sheet when it was written. Throws a sentence when the sheet has neither.
   */
  check(sheet: string, plan?: SheetPlan): Promise<CheckResult>;
  /** A1 addresses of cells the add-in wrote (by `plan`) that now hold something else (inputs excluded). */
  editedCells(sheet: string, plan: SheetPlan): Promise<string[]>;
  /**
   * A1 addresses of the learner's own cells that `next` (the plan a rebuild would write over
   * `sheet`, now written by `plan`) would write over: non-empty, outside GradSheet's own areas.
   */
  cellsUnder(sheet: string, plan: SheetPlan, next: SheetPlan): Promise<string[]>;
  selectSheet(sheet: string): Promise<void>;
  switchToAutomatic(): Promise<void>;
  /** The selected cells' values and address, for "use selected cells". */
  readSelection(): Promise<{ address: string; values: unknown[][] }>;
  /** Call `fn` whenever the user activates another sheet (ExcelApi 1.7). */
  onSheetActivated(fn: () => void): Promise<void>;
  /** An exercise sheet's cells: Excel's values, right/wrong marks, one formula (Check my formulas). */
  readonly exercise?: ExerciseExcel;
}

export function createWorkbook(host: ExcelHost): WorkbookGateway {
  const props = host.supports(API.customProperties);
  const sync = (context: Excel.RequestContext) => syncWithin(context, host.syncTimeoutMs);
  return {
    writeBlocker: host.supports(API.write) ? null : excelNeeded(API.write, "GradSheet"),
    exercise: exerciseExcel(host),

    async status() {
      return host.run(async (context) => {
        const app = context.workbook.application.load("calculationMode");
        const active = context.workbook.worksheets.getActiveWorksheet();
        const index = loadIndex(context);
        const evidence = queueEvidence(context, active, props);
        await sync(context);
        const ev = evidence();
        const found = identify(await indexOf(index, () => sync(context)), ev);
        const record = found ? await loadData(context, found.record, () => sync(context)) : null;
        let learningRate: number | null = null;
        if (record?.role === "run") {
          const cell = learningRateCell(context, ev.name);
          await sync(context);
          const v = cell()?.values[0][0];
          learningRate = typeof v === "number" ? v : null;
        }
        return {
          calculationMode: app.calculationMode,
          canSwitchCalculation: host.supports(API.setCalculationMode),
          activeSheet: ev.name,
          activeRun: record?.role === "run" ? record : null,
          activeRole: record?.role ?? null,
          learningRate,
        };
      });
    },

    write: (plan, opts) => writePlan(host, plan, opts),

    async check(sheet, plan) {
      if (plan) return checkSheet(host, sheet, plan);
      const stored = await host.run(
        async (context) => (await lookUpSheet(context, sheet, props, () => sync(context))).found
      );
      if (!stored?.record.check)
        throw new Error(
          !stored || stored.record.role === "runs"
            ? `“${sheet}” is not a sheet GradSheet computed, so there is nothing to check.`
            : stored.record.role === "run"
              ? `Check “${sheet}” from its card: GradSheet recomputes the run at its current settings.`
              : `“${sheet}” keeps no sample of the core's values (it was not written by this add-in, e.g. an exported file): run the experiment again to check it.`
        );
      return checkSamples(host, [{ sheet, cells: storedCells(stored.record.check) }]);
    },

    async setLearningRate(sheet, lr, options, runsRow) {
      await host.run(async (context) => {
        const { index, names, list, all, found } = await lookUpSheet(context, sheet, props, () =>
          sync(context)
        );
        const record = found?.record;
        if (record?.role !== "run" || !found)
          throw new Error(`"${sheet}" is not a GradSheet run, so its cells are left as they are.`);
        const ws = context.workbook.worksheets.getItem(sheet);
        const cell = learningRateCell(context, sheet);
        await sync(context);
        const { index: kept, dropped } = pruneIndex(all, list);
        const log = runsRow
          ? await findLog(context, names, kept, props, () => sync(context))
          : null;
        const target = cell();
        if (!target) throw new Error(`"${sheet}" has no LearningRate cell any more.`);
        target.values = [[lr]];
        // settings only in the index: the run's data points stay in their part
        const next: RunRecord = withoutData({ ...record, options, key: found.key });
        const updated: RunIndex = { ...kept, [found.key]: next };
        if (runsRow)
          updated[RUNS_SHEET] = queueRunsRow(context, names, log, kept, runsRow, props, new Date());
        queueDropData(
          context,
          dropped.map((k) => all[k])
        );
        queueIndex(context, updated, index);
        if (host.supports(API.customProperties)) queueProperty(ws, next);
        await sync(context);
      });
    },

    editedCells: (sheet, plan) => editedCells(host, sheet, plan),
    cellsUnder: (sheet, plan, next) => cellsUnder(host, sheet, plan, next),

    async selectSheet(sheet) {
      await host.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).activate();
        await sync(context);
      });
    },

    async switchToAutomatic() {
      if (!host.supports(API.setCalculationMode))
        throw new NeedsNewerExcel(
          API.setCalculationMode,
          "Switching calculation to automatic from the pane"
        );
      await host.run(async (context) => {
        context.workbook.application.calculationMode = "Automatic";
        await sync(context);
      });
    },

    async readSelection() {
      return host.run(async (context) => {
        // Only the used part of the selection is read: a whole-column pick on the web is about
        // 2 million cells, far over the 5 MB response limit; its used part is the learner's data.
        const selection = context.workbook.getSelectedRange().load("address");
        const used = selection.getUsedRangeOrNullObject(true).load("values, address");
        await sync(context);
        return used.isNullObject
          ? { address: selection.address, values: [] }
          : { address: used.address, values: used.values };
      });
    },

    async onSheetActivated(fn) {
      if (!host.supports("1.7")) return;
      await host.run(async (context) => {
        context.workbook.worksheets.onActivated.add(async () => fn());
        await sync(context);
      });
    },
  };
}
