/**
 * Writes a SheetPlan into the open workbook as a new sheet: one sync to look, one per batch of
 * writes (each under the byte budget), one for chart axis scales in their own try. A Generate of
 * up to 100,000 cells takes 3 syncs on ExcelApi 1.9+ (formula columns filled down by Excel).
 */
import { uniqueSheetName } from "../sheet/address";
import type { RangeRef, SheetPlan } from "../sheet/plan";
import { queueAxisScales, queueOp, type RangeResolver } from "./apply";
import { SyncTimeout, syncWithin, type ExcelHost } from "./host";
import { indexOf, loadIndex, queueIndex, queueProperty, type RunIndex, type RunRecord } from "./meta";
import { batchOps, estimateBytes, planCellCount, planOps, type WriteOp } from "./ops";
import { API, NeedsNewerExcel } from "./requirements";
import { queueRunsRow, RUNS_SHEET, runsPosition, type RunsRow } from "./runs-log";

/** Queue a note for every block cell that carries a comment; returns how many. */
export function queueNotes(sheet: Excel.Worksheet, plan: SheetPlan): number {
  let n = 0;
  for (const b of plan.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (!cell?.comment) return;
        sheet.notes.add(sheet.getRangeByIndexes(b.row + i, b.col + j, 1, 1), cell.comment);
        n++;
      }),
    );
  return n;
}

/**
 * After a failed write, delete the half-written sheet GradSheet had just added, unless it is all
 * that is left of a run being rebuilt (the old sheet already gone). Best effort: errors are ignored.
 */
async function removePartial(context: Excel.RequestContext, writeName: string, replaced: string | undefined, sync: () => Promise<void>): Promise<void> {
  try {
    const partial = context.workbook.worksheets.getItemOrNullObject(writeName);
    const old = replaced === undefined ? null : context.workbook.worksheets.getItemOrNullObject(replaced);
    await sync();
    if (partial.isNullObject || (old && old.isNullObject)) return;
    old?.activate();
    partial.delete();
    await sync();
  } catch {
    /* the original error is the one to report */
  }
}

/** Excel on the web refuses requests over 5 MB; stay under 4 MB. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

export interface WriteOptions {
  /** Stored with the sheet (sheet name and creation time are filled in). */
  record: Omit<RunRecord, "sheet" | "created" | "app" | "role">;
  /** Rebuild this GradSheet sheet in place (same name and position) instead of adding a new one. */
  replace?: string;
  /** Write this row to the Runs log (over the sheet's row when it has one). */
  runsRow?: RunsRow;
  /** Bytes per request (default 4 MB). */
  budget?: number;
  onProgress?: (done: number, total: number) => void;
  /** Checked before each write request: once aborted, the partial sheet is removed and the write throws. */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface WriteReport {
  sheet: string;
  syncs: number;
  /** Estimated bytes of each write request. */
  requestBytes: number[];
  cells: number;
  calculationMode: string;
  /** Set when Excel refused the chart axis scales (the data and charts are written). */
  axisWarning?: string;
}

/** A copy of `plan` whose range references to its own sheet name point at `name`. */
export function renamePlan(plan: SheetPlan, name: string): SheetPlan {
  if (plan.name === name) return plan;
  const fix = (r: RangeRef): RangeRef => (r.sheet === plan.name ? { ...r, sheet: name } : r);
  return {
    ...plan,
    name,
    charts: plan.charts.map((c) => ({ ...c, series: c.series.map((s) => ({ ...s, x: fix(s.x), y: fix(s.y) })) })),
  };
}

/** True when Excel refused a request as too large. */
export function isPayloadLimit(e: unknown): boolean {
  return (e as { code?: string })?.code === "RequestPayloadSizeLimitExceeded";
}

/** Halve a batch: several ops split by count, a single cells/numberFormat op by rows. */
export function halve(batch: WriteOp[]): WriteOp[][] {
  if (batch.length > 1) return [batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1)];
  const op = batch[0];
  if ((op.kind === "cells" || op.kind === "numberFormat") && op.rect.rows > 1) {
    const h = op.rect.rows >> 1;
    const grid = op.kind === "cells" ? op.formulas : op.formats;
    const part = (from: number, to: number): WriteOp => {
      const rect = { ...op.rect, row: op.rect.row + from, rows: to - from };
      return op.kind === "cells" ? { kind: "cells", rect, formulas: op.formulas.slice(from, to) } : { kind: "numberFormat", rect, formats: (grid as (string | null)[][]).slice(from, to) };
    };
    return [[part(0, h)], [part(h, op.rect.rows)]];
  }
  throw new Error("A single write is larger than Excel accepts in one request.");
}

/** Write `plan` into the workbook. Never touches a sheet the add-in did not create. */
export async function writePlan(host: ExcelHost, plan: SheetPlan, opts: WriteOptions): Promise<WriteReport> {
  if (!host.supports(API.write)) throw new NeedsNewerExcel(API.write, "Writing a training sheet with linked charts");
  const fillDown = host.supports(API.autoFill);
  const customProps = host.supports(API.customProperties);
  const budget = opts.budget ?? REQUEST_BUDGET;
  const now = (opts.now ?? (() => new Date()))();

  return host.run(async (context) => {
    const sync = () => syncWithin(context, host.syncTimeoutMs);
    let syncs = 0;
    // 1. Look: sheet names, calculation mode, GradSheet's index of its sheets.
    const sheets = context.workbook.worksheets.load("items/name");
    const app = context.workbook.application.load("calculationMode");
    const indexSetting = loadIndex(context);
    await sync();
    syncs++;
    const index: RunIndex = indexOf(indexSetting);
    const names = sheets.items.map((s) => s.name);
    let position: number | undefined;
    if (opts.replace !== undefined) {
      if (index[opts.replace]?.role !== "run") throw new Error(`"${opts.replace}" was not written by GradSheet, so it is left as it is.`);
      position = names.findIndex((n) => n.toLowerCase() === opts.replace!.toLowerCase());
      if (position < 0) throw new Error(`The sheet "${opts.replace}" is no longer in the workbook.`);
    }
    const name = opts.replace ?? uniqueSheetName(plan.name, names);
    // A rebuild writes beside the old sheet under a temporary name, then swaps in the last batch,
    // so the workbook never lacks a visible sheet and a failed write leaves the old run intact.
    const writeName = opts.replace === undefined ? name : uniqueSheetName(`${name} (new)`, names);
    const target = renamePlan(plan, name);
    const ops = planOps(target, { fillDown });
    let pending = batchOps(ops, budget);
    const total = pending.length;
    const requestBytes: number[] = [];
    const charts: { chart: Excel.Chart; spec: SheetPlan["charts"][number] }[] = [];
    let sheet: Excel.Worksheet | null = null;
    let created = false;
    const record: RunRecord = { ...opts.record, app: "GradSheet", role: "run", sheet: name, created: now.toISOString() };

    // 2. Write, batch by batch; a batch Excel refuses as too large is halved and resent.
    let done = 0;
    while (pending.length) {
      if (opts.signal?.aborted) {
        // between requests: remove what was added; a rebuild's old sheet was never touched
        if (created) await removePartial(context, writeName, opts.replace, sync);
        throw new Error("Cancelled: nothing was written.");
      }
      const batch = pending[0];
      const isLast = pending.length === 1;
      if (!created) {
        sheet = context.workbook.worksheets.add(writeName);
        // Active from the start: freeze panes apply to the active sheet's view.
        sheet.activate();
      } else {
        sheet = context.workbook.worksheets.getItem(writeName);
      }
      if (host.supports(API.suspendScreenUpdating)) context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const ws = sheet;
      const resolve: RangeResolver = (r) =>
        (r.sheet === name ? ws : context.workbook.worksheets.getItem(r.sheet)).getRangeByIndexes(r.row, r.col, r.rows, r.cols);
      const batchCharts: typeof charts = [];
      for (const op of batch) {
        const chart = queueOp(ws, op, resolve);
        if (chart && op.kind === "chart") batchCharts.push({ chart, spec: op.chart });
      }
      if (isLast) {
        if (opts.replace !== undefined) {
          context.workbook.worksheets.getItem(opts.replace).delete();
          ws.name = name;
          ws.position = position ?? 0;
        } else {
          // run sheets stay together, with Runs right after them
          const before = runsPosition(names, index);
          if (before !== undefined) ws.position = before;
        }
        const next: RunIndex = { ...index, [name]: record };
        if (opts.runsRow) next[RUNS_SHEET] = queueRunsRow(context, names, index, opts.runsRow, customProps, now);
        if (customProps) queueProperty(ws, record);
        queueIndex(context, next);
      }
      try {
        await sync();
      } catch (e) {
        if (!isPayloadLimit(e)) {
          if (!(e instanceof SyncTimeout)) await removePartial(context, writeName, opts.replace, sync);
          throw e;
        }
        pending = [...halve(batch), ...pending.slice(1)];
        continue;
      } finally {
        syncs++;
      }
      created = true;
      charts.push(...batchCharts);
      requestBytes.push(batch.reduce((n, op) => n + estimateBytes(op), 0));
      pending = pending.slice(1);
      opts.onProgress?.(++done, Math.max(total, done + pending.length));
    }

    // 3. Extras a platform may refuse, in their own request so a quirk cannot lose the sheet:
    //    axis scales (log, bounds) and, on ExcelApi 1.18, the cells' notes.
    let axisWarning: string | undefined;
    const scaled = charts.filter(({ chart, spec }) => queueAxisScales(chart, spec));
    const notes = host.supports(API.notes) ? queueNotes(context.workbook.worksheets.getItem(name), target) : 0;
    if (scaled.length || notes) {
      try {
        await sync();
      } catch (e) {
        axisWarning = `The sheet and charts are written, but Excel refused ${scaled.length ? "a logarithmic or fixed chart axis" : "the cell notes"} (${(e as Error).message}).`;
      } finally {
        syncs++;
      }
    }
    return { sheet: name, syncs, requestBytes, cells: planCellCount(target), calculationMode: app.calculationMode, axisWarning };
  });
}
