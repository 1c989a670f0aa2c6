/**
 * The workbook as the task pane sees it: plain data in and out, no Office types. Every method
 * opens one Excel.run; writes go through `writePlan`.
 */
import { a1, formulaAt } from "../sheet/address";
import type { SheetPlan } from "../sheet/plan";
import { syncWithin, type ExcelHost } from "./host";
import { indexOf, loadIndex, PROPERTY_KEY, queueIndex, queueProperty, recordFor, type RunIndex, type RunRecord } from "./meta";
import { literal } from "./ops";
import { API, NeedsNewerExcel, excelNeeded } from "./requirements";
import { queueRunsRow, RUNS_SHEET, type RunsRow } from "./runs-log";
import { writePlan, type WriteOptions, type WriteReport } from "./writer";

export type { RunRecord } from "./meta";
export type { WriteOptions, WriteReport } from "./writer";
export type { RunsRow } from "./runs-log";

export interface WorkbookStatus {
  /** "Automatic", "AutomaticExceptTables" or "Manual". */
  calculationMode: string;
  /** False on Excel before ExcelApi 1.8, which cannot switch modes from an add-in. */
  canSwitchCalculation: boolean;
  activeSheet: string;
  /** The active sheet's GradSheet record, or null when it is not a GradSheet run. */
  activeRun: RunRecord | null;
  /** The value in the active run's LearningRate cell (a learner may have typed a new one). */
  learningRate: number | null;
}

/** What the pane can do with the workbook. */
export interface WorkbookGateway {
  /** Null when this Excel is too old to write runs; otherwise the sentence to show is in `writeBlocker`. */
  readonly writeBlocker: string | null;
  status(): Promise<WorkbookStatus>;
  write(plan: SheetPlan, opts: WriteOptions): Promise<WriteReport>;
  /**
   * Write the run's LearningRate cell only (Excel recalculates the sheet and its charts); store
   * `options` as the run's settings and rewrite its Runs log row with `runsRow`.
   */
  setLearningRate(sheet: string, lr: number, options: Record<string, unknown>, runsRow?: RunsRow): Promise<void>;
  /** A1 addresses of cells the add-in wrote that now hold something else (inputs excluded). */
  editedCells(sheet: string, plan: SheetPlan): Promise<string[]>;
  selectSheet(sheet: string): Promise<void>;
  switchToAutomatic(): Promise<void>;
  /** The selected cells' values and address, for "use selected cells". */
  readSelection(): Promise<{ address: string; values: unknown[][] }>;
  /** Call `fn` whenever the user activates another sheet (ExcelApi 1.7). */
  onSheetActivated(fn: () => void): Promise<void>;
}

const LEARNING_RATE = "LearningRate";

/** Queue reading a sheet's GradSheet marker (ExcelApi 1.12); call the result after the sync. */
function markerOf(sheet: Excel.Worksheet, enabled: boolean): () => unknown {
  if (!enabled) return () => null;
  const prop = sheet.customProperties.getItemOrNullObject(PROPERTY_KEY).load("value");
  return () => (prop.isNullObject ? null : prop.value);
}


/**
 * Queue loading the run's LearningRate cell: its sheet-scoped name (which follows the cell if the
 * learner inserted rows) or else the stored position. Call the result after the sync.
 */
function learningRateCell(context: Excel.RequestContext, sheet: string, record: RunRecord) {
  const ws = context.workbook.worksheets.getItem(sheet);
  const named = ws.names.getItemOrNullObject(LEARNING_RATE).getRangeOrNullObject().load("values");
  const stored = record.lrCell ? ws.getRangeByIndexes(record.lrCell.row, record.lrCell.col, 1, 1).load("values") : null;
  return (): Excel.Range | null => (!named.isNullObject ? named : stored);
}

const same = (expected: unknown, actual: unknown): boolean => {
  if (typeof expected === "number" && typeof actual === "number") return Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected));
  const e = typeof expected === "string" && expected.startsWith("'") ? expected.slice(1) : expected;
  return String(e ?? "").replace(/\s+/g, "").toUpperCase() === String(actual ?? "").replace(/\s+/g, "").toUpperCase();
};

export function createWorkbook(host: ExcelHost): WorkbookGateway {
  const props = host.supports(API.customProperties);
  const sync = (context: Excel.RequestContext) => syncWithin(context, host.syncTimeoutMs);
  return {
    writeBlocker: host.supports(API.write) ? null : excelNeeded(API.write, "GradSheet"),

    async status() {
      return host.run(async (context) => {
        const app = context.workbook.application.load("calculationMode");
        const active = context.workbook.worksheets.getActiveWorksheet().load("name");
        const index = loadIndex(context);
        const marker = markerOf(active, props);
        await sync(context);
        const record = recordFor(indexOf(index), active.name, marker())?.record ?? null;
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
          learningRate,
        };
      });
    },

    write: (plan, opts) => writePlan(host, plan, opts),

    async setLearningRate(sheet, lr, options, runsRow) {
      await host.run(async (context) => {
        const index = loadIndex(context);
        const sheets = context.workbook.worksheets.load("items/name");
        await sync(context);
        const exists = sheets.items.some((s) => s.name === sheet);
        const marker = exists ? markerOf(context.workbook.worksheets.getItem(sheet), props) : () => null;
        if (exists) await sync(context);
        const all = indexOf(index);
        const found = exists ? recordFor(all, sheet, marker()) : null;
        const record = found?.record;
        if (record?.role !== "run" || !found) throw new Error(`"${sheet}" is not a GradSheet run, so its cells are left as they are.`);
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
        if (runsRow) updated[RUNS_SHEET] = queueRunsRow(context, sheets.items.map((s) => s.name), all, runsRow, props, new Date());
        queueIndex(context, updated);
        if (host.supports(API.customProperties)) queueProperty(ws, next);
        await sync(context);
      });
    },

    async editedCells(sheet, plan) {
      return host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const inputs = new Set(plan.names.map((n) => `${n.row},${n.col}`));
        const checks: { row: number; col: number; range: Excel.Range; expect: (i: number, j: number) => unknown }[] = [];
        for (const b of plan.blocks) {
          const rows = b.cells.length, cols = Math.max(0, ...b.cells.map((r) => r.length));
          if (!rows || !cols) continue;
          const range = ws.getRangeByIndexes(b.row, b.col, rows, cols).load("formulas");
          checks.push({ row: b.row, col: b.col, range, expect: (i, j) => {
            const c = b.cells[i]?.[j];
            return c ? (c.formula ?? (c.value === undefined ? undefined : literal(c.value))) : undefined;
          } });
        }
        for (const t of plan.tables) {
          const range = ws.getRangeByIndexes(t.row, t.col, t.rows + 1, t.columns.length).load("formulas");
          checks.push({ row: t.row, col: t.col, range, expect: (i, j) => {
            const c = t.columns[j];
            if (i === 0) return literal(c.header);
            if (c.formula) return formulaAt(c.formula, i - 1);
            const v = c.values?.[i - 1];
            return v === undefined ? undefined : literal(v);
          } });
        }
        await sync(context);
        const edited: string[] = [];
        for (const ch of checks) {
          ch.range.formulas.forEach((row, i) =>
            row.forEach((actual, j) => {
              const expected = ch.expect(i, j);
              if (expected === undefined || inputs.has(`${ch.row + i},${ch.col + j}`)) return;
              if (!same(expected, actual)) edited.push(a1(ch.row + i, ch.col + j));
            }),
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
      if (!host.supports(API.setCalculationMode)) throw new NeedsNewerExcel(API.setCalculationMode, "Switching calculation to automatic from the pane");
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
