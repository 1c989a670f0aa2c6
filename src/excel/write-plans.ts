/**
 * Writes several SheetPlans (the comparison workbook, or a sweep sheet) as new sheets in few syncs:
 * one to look, the writes of all sheets batched together under the byte budget (one sync per
 * batch), and one guarded request for every chart's axis scales and the notes. Sheets whose wanted
 * name is taken get a unique one, and every formula and chart of the plans follows the new names.
 */
import { uniqueSheetName } from "../sheet/address";
import type { SheetPlan } from "../sheet/plan";
import { queueAxisScales, queueOp, type RangeResolver } from "./apply";
import { SyncTimeout, syncWithin, type ExcelHost } from "./host";
import { indexOf, loadIndex, queueIndex, queueProperty, type RunIndex, type RunRecord } from "./meta";
import { estimateBytes, planCellCount, planOps, type WriteOp } from "./ops";
import { renamePlans } from "./rename";
import { API, NeedsNewerExcel } from "./requirements";
import { halve, isPayloadLimit, queueNotes, REQUEST_BUDGET } from "./writer";

/** What to store about one sheet: a live run (recognised by the pane) or an experiment sheet. */
export type SheetRecord = Omit<RunRecord, "sheet" | "created" | "app" | "role" | "rows"> & { role: "run" | "experiment" };

export interface WritePlansOptions {
  /** One record per plan, in plan order. */
  records: SheetRecord[];
  /** Bytes per request (default 4 MB). */
  budget?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

export interface WritePlansReport {
  /** The sheets' names in the workbook, in plan order (unique: a taken name gets " (2)"). */
  sheets: string[];
  syncs: number;
  /** Estimated bytes of each write request. */
  requestBytes: number[];
  cells: number;
  calculationMode: string;
  /** Set when Excel refused the chart axis scales or notes (the data and charts are written). */
  axisWarning?: string;
}

/** One write op and the index of the sheet it belongs to. */
export interface SheetOp {
  sheet: number;
  op: WriteOp;
}

/** Cost of adding one sheet to a request (add + activate), in the units of `estimateBytes`. */
const SHEET_BYTES = 480;

/** Split sheet ops into consecutive batches under `budget`; the first also carries the sheet adds. */
export function batchSheetOps(ops: SheetOp[], budget: number, sheets: number): SheetOp[][] {
  const batches: SheetOp[][] = [];
  let current: SheetOp[] = [];
  let bytes = sheets * SHEET_BYTES;
  for (const item of ops) {
    const b = estimateBytes(item.op);
    if (current.length && bytes + b > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += b;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Halve a refused batch, keeping each op's sheet. */
function halveSheetOps(batch: SheetOp[]): SheetOp[][] {
  if (batch.length > 1) return [batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1)];
  return halve([batch[0].op]).map((part) => part.map((op) => ({ sheet: batch[0].sheet, op })));
}

/** Best effort after a failed write: delete the sheets this call added. */
async function removeAdded(context: Excel.RequestContext, names: string[], sync: () => Promise<void>): Promise<void> {
  try {
    const found = names.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
    await sync();
    for (const ws of found) if (!ws.isNullObject) ws.delete();
    await sync();
  } catch {
    /* the original error is the one to report */
  }
}

/**
 * Add `plans` to the workbook as new sheets, in order, the first one left active. Never touches a
 * sheet it did not add. Sync count: 1 look + 1 per batch + 1 for axis scales (3 for a comparison of
 * three 3-epoch runs on ExcelApi 1.9+).
 */
export async function writePlans(host: ExcelHost, plans: SheetPlan[], opts: WritePlansOptions): Promise<WritePlansReport> {
  if (!host.supports(API.write)) throw new NeedsNewerExcel(API.write, "Writing experiment sheets with linked charts");
  if (!plans.length) throw new Error("There are no sheets to write.");
  if (opts.records.length !== plans.length) throw new Error("writePlans needs one record per sheet.");
  const fillDown = host.supports(API.autoFill);
  const customProps = host.supports(API.customProperties);
  const budget = opts.budget ?? REQUEST_BUDGET;
  const now = (opts.now ?? (() => new Date()))();

  return host.run(async (context) => {
    const sync = () => syncWithin(context, host.syncTimeoutMs);
    let syncs = 0;
    // 1. Look: sheet names, calculation mode, GradSheet's index.
    const sheets = context.workbook.worksheets.load("items/name");
    const app = context.workbook.application.load("calculationMode");
    const indexSetting = loadIndex(context);
    await sync();
    syncs++;
    const index: RunIndex = indexOf(indexSetting);
    const existing = sheets.items.map((s) => s.name);
    const names: string[] = [];
    for (const p of plans) names.push(uniqueSheetName(p.name, [...existing, ...names]));
    const targets = renamePlans(plans, names);
    const ops: SheetOp[] = targets.flatMap((p, sheet) => planOps(p, { fillDown }).map((op) => ({ sheet, op })));
    let pending = batchSheetOps(ops, budget, targets.length);
    const total = pending.length;
    const requestBytes: number[] = [];
    const charts: { chart: Excel.Chart; spec: SheetPlan["charts"][number] }[] = [];
    let created = false;

    // 2. Write all sheets' ops, batch by batch; the sheets are added first so cross-sheet formulas resolve.
    let done = 0;
    while (pending.length) {
      const batch = pending[0];
      const isLast = pending.length === 1;
      const ws = names.map((n) => (created ? context.workbook.worksheets.getItem(n) : context.workbook.worksheets.add(n)));
      // The first sheet is active from the start (as writePlan does); the others are not activated
      // one by one, which would fire an activation event per sheet for nothing (freeze panes are per sheet).
      if (!created) ws[0].activate();
      if (host.supports(API.suspendScreenUpdating)) context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const byName = new Map(names.map((n, i) => [n.toLowerCase(), ws[i]]));
      const resolve: RangeResolver = (r) => (byName.get(r.sheet.toLowerCase()) ?? context.workbook.worksheets.getItem(r.sheet)).getRangeByIndexes(r.row, r.col, r.rows, r.cols);
      const batchCharts: typeof charts = [];
      for (const { sheet, op } of batch) {
        const chart = queueOp(ws[sheet], op, resolve);
        if (chart && op.kind === "chart") batchCharts.push({ chart, spec: op.chart });
      }
      if (isLast) {
        const next: RunIndex = { ...index };
        targets.forEach((_p, i) => {
          const record: RunRecord = { ...opts.records[i], app: "GradSheet", sheet: names[i], created: now.toISOString() };
          next[names[i]] = record;
          if (customProps) queueProperty(ws[i], record);
        });
        queueIndex(context, next);
      }
      try {
        await sync();
      } catch (e) {
        if (!isPayloadLimit(e)) {
          if (!(e instanceof SyncTimeout)) await removeAdded(context, names, sync);
          throw e;
        }
        pending = [...halveSheetOps(batch), ...pending.slice(1)];
        continue;
      } finally {
        syncs++;
      }
      created = true;
      charts.push(...batchCharts);
      requestBytes.push(batch.reduce((n, { op }) => n + estimateBytes(op), requestBytes.length ? 0 : names.length * SHEET_BYTES));
      pending = pending.slice(1);
      opts.onProgress?.(++done, Math.max(total, done + pending.length));
    }

    // 3. Axis scales (log, bounds) and, on ExcelApi 1.18, notes: one request a platform may refuse.
    let axisWarning: string | undefined;
    const scaled = charts.filter(({ chart, spec }) => queueAxisScales(chart, spec));
    const notes = host.supports(API.notes) ? targets.reduce((n, p, i) => n + queueNotes(context.workbook.worksheets.getItem(names[i]), p), 0) : 0;
    if (scaled.length || notes) {
      try {
        await sync();
      } catch (e) {
        axisWarning = `The sheets and charts are written, but Excel refused ${scaled.length ? "a logarithmic or fixed chart axis" : "the cell notes"} (${(e as Error).message}).`;
      } finally {
        syncs++;
      }
    }
    return { sheets: names, syncs, requestBytes, cells: targets.reduce((n, p) => n + planCellCount(p), 0), calculationMode: app.calculationMode, axisWarning };
  });
}
