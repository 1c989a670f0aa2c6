/**
 * The gateway (last step of the Excel pipeline): the workbook as the task pane sees it, plain data
 * in and out, no Office types. Every method opens one Excel.run; writes go through `writePlan`.
 * Pipeline: plan-ops (SheetPlan → write ops) → batches (under the byte budget) → queue-ops (ops →
 * Office.js calls) → write-sheets (the one write path) → write-run (one run sheet) → gateway.
 */
import { a1, formulaAt } from "../sheet/address";
import type { SheetPlan } from "../sheet/plan";
import { checkSamples, checkSheet, storedCells, type CheckResult } from "./check";
import { exerciseExcel, type ExerciseExcel } from "./exercise-check";
import { syncWithin, type ExcelHost } from "./host";
import {
  indexOf,
  loadIndex,
  queueIndex,
  queueProperty,
  recordFor,
  type RunIndex,
  type RunRecord,
} from "./meta";
import { literal } from "./plan-ops";
import { learningRateCell, lookUpSheet, markerOf, same } from "./run-cells";
import { readRows } from "./reads";
import { API, NeedsNewerExcel, excelNeeded } from "./requirements";
import { queueRunsRow, RUNS_SHEET, type RunsRow } from "./runs-log";
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
  /** A1 addresses of cells the add-in wrote that now hold something else (inputs excluded). */
  editedCells(sheet: string, plan: SheetPlan): Promise<string[]>;
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
        const active = context.workbook.worksheets.getActiveWorksheet().load("name");
        const index = loadIndex(context);
        const marker = markerOf(active, props);
        await sync(context);
        const record =
          recordFor(await indexOf(index, () => sync(context)), active.name, marker())?.record ??
          null;
        let learningRate: number | null = null;
        if (record?.role === "run") {
          const cell = learningRateCell(context, active.name, record);
          await sync(context);
          const v = cell()?.values[0][0];
          learningRate = typeof v === "number" ? v : null;
        }
        return {
          calculationMode: app.calculationMode,
          canSwitchCalculation: host.supports(API.setCalculationMode),
          activeSheet: active.name,
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
        const { index, names, all, found } = await lookUpSheet(context, sheet, props, () =>
          sync(context)
        );
        const record = found?.record;
        if (record?.role !== "run" || !found)
          throw new Error(`"${sheet}" is not a GradSheet run, so its cells are left as they are.`);
        const ws = context.workbook.worksheets.getItem(sheet);
        const cell = learningRateCell(context, sheet, record);
        await sync(context);
        const target = cell();
        if (!target) throw new Error(`"${sheet}" has no LearningRate cell any more.`);
        target.values = [[lr]];
        const next: RunRecord = { ...record, options };
        const rest = { ...all };
        delete rest[found.key];
        const updated: RunIndex = { ...rest, [sheet]: next };
        if (runsRow)
          updated[RUNS_SHEET] = queueRunsRow(context, names, all, runsRow, props, new Date());
        queueIndex(context, updated, index);
        if (host.supports(API.customProperties)) queueProperty(ws, next);
        await sync(context);
      });
    },

    async editedCells(sheet, plan) {
      return host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const inputs = new Set(plan.names.map((n) => `${n.row},${n.col}`));
        const checks: {
          row: number;
          col: number;
          rows: number;
          cols: number;
          expect: (i: number, j: number) => unknown;
        }[] = [];
        for (const b of plan.blocks) {
          const rows = b.cells.length,
            cols = Math.max(0, ...b.cells.map((r) => r.length));
          if (!rows || !cols) continue;
          checks.push({
            row: b.row,
            col: b.col,
            rows,
            cols,
            expect: (i, j) => {
              const c = b.cells[i]?.[j];
              return c
                ? (c.formula ?? (c.value === undefined ? undefined : literal(c.value)))
                : undefined;
            },
          });
        }
        for (const t of plan.tables) {
          checks.push({
            row: t.row,
            col: t.col,
            rows: t.rows + 1,
            cols: t.columns.length,
            expect: (i, j) => {
              const c = t.columns[j];
              if (i === 0) return literal(c.header);
              if (c.formula) return formulaAt(c.formula, i - 1);
              const v = c.values?.[i - 1];
              return v === undefined ? undefined : literal(v);
            },
          });
        }
        // Formulas come back as the text sent: size each row from the expected text, and read in
        // blocks under the 5 MB response limit of Excel on the web.
        const rowBytes = (ch: (typeof checks)[number]) =>
          Math.max(
            ...[0, ch.rows - 1].map(
              (i) =>
                JSON.stringify(Array.from({ length: ch.cols }, (_, j) => ch.expect(i, j) ?? ""))
                  .length
            )
          ) +
          ch.cols * 8;
        const grids: unknown[][][] = [];
        for (const ch of checks)
          grids.push(await readRows(ws, ch, "formulas", rowBytes(ch), () => sync(context)));
        const edited: string[] = [];
        for (const [k, ch] of checks.entries()) {
          grids[k].forEach((row, i) =>
            row.forEach((actual, j) => {
              const expected = ch.expect(i, j);
              if (expected === undefined || inputs.has(`${ch.row + i},${ch.col + j}`)) return;
              if (!same(expected, actual)) edited.push(a1(ch.row + i, ch.col + j));
            })
          );
        }
        return edited;
      });
    },

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
        const range = context.workbook.getSelectedRange().load("values, address");
        await sync(context);
        return { address: range.address, values: range.values };
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
