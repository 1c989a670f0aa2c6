/**
 * The one write path: SheetPlans into the workbook in few syncs. One request to look, the writes
 * of all sheets batched together under the byte budget (one sync per batch), and one guarded
 * request for what a platform may refuse (axis scales, notes, the active sheet's frozen panes).
 * New sheets whose wanted name is taken get a unique one, and every formula and chart follows.
 * A rebuild (`replace`) rewrites its sheet in place: GradSheet's own cells, charts and names
 * cleared (./sheet-slots), then written, so formulas on other sheets keep working and whatever
 * the learner added stays. Sheets are recognised by their mark (./identity), never by name alone.
 */
import { uniqueSheetName } from "../sheet/address";
import type { SheetPlan } from "../sheet/plan";
import {
  queueAxisScales,
  queueOnePageWide,
  queueOp,
  queuePrint,
  type RangeResolver,
} from "./queue-ops";
import { SyncTimeout, syncWithin, type ExcelHost } from "./host";
import { indexBytes, type RunIndex, type RunRecord } from "./meta";
import {
  freshRecords,
  identifyByName,
  lookAtWorkbook,
  newKey,
  queueLog,
  queueRecords,
} from "./write-index";
import { queueDataParts, removeOrphanData } from "./run-data";
import { estimateBytes, planCellCount, planOps } from "./plan-ops";
import { renamePlans } from "./rename";
import { areaOps, clearOwn, loadOwn, placeRuns, removeAdded, type OwnThings } from "./sheet-slots";
import { API, NeedsNewerExcel } from "./requirements";
import { findLog, type RunsRow } from "./runs-log";
import { experimentRow } from "./experiment-row";
import {
  batchSheetOps,
  halveSheetOps,
  isPayloadLimit,
  queueNotes,
  REQUEST_BUDGET,
  SHEET_BYTES,
  type SheetOp,
} from "./batches";

export { batchSheetOps, type SheetOp } from "./batches";

/** What to store about one sheet: a live run (recognised by the pane) or an experiment sheet. */
export type SheetRecord = Omit<
  RunRecord,
  "sheet" | "created" | "app" | "role" | "rows" | "check"
> & {
  role: "run" | "experiment";
};

export interface WritePlansOptions {
  /** One record per plan, in plan order. */
  records: SheetRecord[];
  /** Rebuild this GradSheet run in place (one plan only): same sheet, name and position. */
  replace?: string;
  /** Write this row to the Runs log (over the sheet's row when it has one). */
  runsRow?: RunsRow;
  /** Bytes per request (default REQUEST_BUDGET). */
  budget?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Checked before each write request. Once aborted, added sheets are removed and the write throws
   * "Cancelled: nothing was written."; a rebuild is cancelled only before it clears its sheet
   * (after that it finishes, since stopping would leave the run half-written).
   */
  signal?: AbortSignal;
  now?: () => Date;
}

/** The error a cancelled write throws. */
export const CANCELLED = "Cancelled: nothing was written.";

export interface WritePlansReport {
  /** The sheets' names in the workbook, in plan order (unique: a taken name gets " (2)"). */
  sheets: string[];
  syncs: number;
  /** Estimated bytes of each write request. */
  requestBytes: number[];
  cells: number;
  calculationMode: string;
  /** Set when Excel refused the chart axis scales, notes or frozen panes (the data and charts are written). */
  axisWarning?: string;
}

/**
 * Write `plans` in order, the first sheet left active. Never touches a sheet it did not add,
 * except the GradSheet run named by `replace`. Syncs: 1 look (+1 for a rebuild) + 1 per batch + 1 extras.
 */
export async function writePlans(
  host: ExcelHost,
  plans: SheetPlan[],
  opts: WritePlansOptions
): Promise<WritePlansReport> {
  if (!host.supports(API.write))
    throw new NeedsNewerExcel(
      API.write,
      plans.length > 1
        ? "Writing experiment sheets with linked charts"
        : "Writing a training sheet with linked charts"
    );
  if (!plans.length) throw new Error("There are no sheets to write.");
  if (opts.records.length !== plans.length)
    throw new Error("writePlans needs one record per sheet.");
  if (opts.replace !== undefined && plans.length !== 1)
    throw new Error("A rebuild writes one sheet.");
  const fillDown = host.supports(API.autoFill);
  const customProps = host.supports(API.customProperties);
  const budget = opts.budget ?? REQUEST_BUDGET;
  const now = (opts.now ?? (() => new Date()))();

  return host.run(async (context) => {
    const sync = () => syncWithin(context, host.syncTimeoutMs);
    let syncs = 0;
    const counted = async () => {
      try {
        await sync();
      } finally {
        syncs++;
      }
    };
    // 1. Look: sheets, calculation mode, the index pruned; for a rebuild, that the sheet is GradSheet's run (by its mark) and what is its own.
    const app = context.workbook.application.load("calculationMode");
    const look = await lookAtWorkbook(context, counted);
    const { existing, index } = look;
    const replace = opts.replace;
    const names: string[] = [];
    let replaced: { key: string; record: RunRecord } | null = null;
    let old: OwnThings | null = null;
    if (replace !== undefined) {
      const name = existing.find((n) => n.toLowerCase() === replace.toLowerCase());
      if (name === undefined)
        throw new Error(`The sheet "${replace}" is no longer in the workbook.`);
      replaced = await identifyByName(context, name, index, customProps, counted);
      if (replaced?.record.role !== "run")
        throw new Error(`"${name}" was not written by GradSheet, so it is left as it is.`);
      old = await loadOwn(context, name, plans[0], counted);
      names.push(name);
    } else for (const p of plans) names.push(uniqueSheetName(p.name, [...existing, ...names]));
    // The Runs log GradSheet made (by its mark), when this write logs a row or places new sheets.
    const logRow = opts.runsRow ? null : experimentRow(plans, names, now);
    const log = await findLog(context, existing, index, customProps, counted);
    const targets = renamePlans(plans, names);
    // Each sheet's record under its key (a rebuild keeps its run's key), data points still inline.
    const keys = names.map((n) => replaced?.key ?? newKey(index, n, now));
    const fresh = () => freshRecords(targets, opts.records, names, keys, now);
    let storedData: (() => RunIndex) | null = null;
    let ids: string[] = [];
    const all: SheetOp[] = targets.flatMap((p, sheet) =>
      [...planOps(p, { fillDown }), ...areaOps(p)].map((op) => ({ sheet, op }))
    );
    // Frozen panes act on the active sheet's view: only the first sheet (active) is frozen, in the extras request.
    const freezes = all.filter((o) => o.op.kind === "freeze" && o.sheet === 0).map((o) => o.op);
    // The index part travels in the last request: its bytes are counted in every batch's budget.
    const reserve = indexBytes(index) + 1024 * (plans.length + 1);
    let pending = batchSheetOps(
      all.filter((o) => o.op.kind !== "freeze"),
      Math.max(budget - reserve, budget / 2),
      old ? 0 : targets.length
    );
    const total = pending.length;
    const requestBytes: number[] = [];
    const charts: { chart: Excel.Chart; spec: SheetPlan["charts"][number] }[] = [];
    const retried = new Set<SheetOp[]>();
    let started = false;

    // 2. Write all sheets' ops, batch by batch; the sheets are added first so cross-sheet formulas resolve.
    let done = 0;
    while (pending.length) {
      if (opts.signal?.aborted && !(old && started)) {
        if (started) {
          await removeAdded(context, names, sync);
          await removeOrphanData(context, look.index, sync);
        }
        throw new Error(CANCELLED);
      }
      const batch = pending[0];
      const ws = names.map((n) =>
        started || old ? context.workbook.worksheets.getItem(n) : context.workbook.worksheets.add(n)
      );
      if (!started) {
        ws[0].activate();
        if (old) clearOwn(ws[0], old);
        else placeRuns(ws, existing, log?.name);
        ws.forEach((w) => w.load("id"));
        storedData = queueDataParts(context, fresh());
      }
      if (host.supports(API.suspendScreenUpdating))
        context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const byName = new Map(names.map((n, i) => [n.toLowerCase(), ws[i]]));
      const resolve: RangeResolver = (r) =>
        (
          byName.get(r.sheet.toLowerCase()) ?? context.workbook.worksheets.getItem(r.sheet)
        ).getRangeByIndexes(r.row, r.col, r.rows, r.cols);
      const batchCharts: typeof charts = [];
      for (const { sheet, op } of batch) {
        const chart = queueOp(ws[sheet], op, resolve);
        if (chart && op.kind === "chart") batchCharts.push({ chart, spec: op.chart });
      }
      try {
        await counted();
      } catch (e) {
        const halves = isPayloadLimit(e, batch, retried) ? halveSheetOps(batch) : null;
        if (!halves) {
          if (e instanceof SyncTimeout) throw e;
          if (!old) {
            await removeAdded(context, names, sync);
            await removeOrphanData(context, look.index, sync);
          } else
            throw new Error(
              `The rebuild of "${names[0]}" stopped part way (${(e as Error).message}). Its cells may be incomplete: press Rebuild again.`
            );
          throw e;
        }
        if ((e as { code?: string }).code !== "RequestPayloadSizeLimitExceeded")
          halves.forEach((h) => retried.add(h));
        pending = [...halves, ...pending.slice(1)];
        continue;
      }
      if (!started) ids = ws.map((w) => w.id);
      started = true;
      charts.push(...batchCharts);
      requestBytes.push(
        batch.reduce(
          (n, { op }) => n + estimateBytes(op),
          requestBytes.length || old ? 0 : names.length * SHEET_BYTES
        )
      );
      pending = pending.slice(1);
      opts.onProgress?.(++done, Math.max(total, done + pending.length));
    }

    // 3. Extras a platform may refuse, in one request so a quirk cannot lose the sheets. Excel runs
    //    a request's actions in order and keeps those before a refused one, so the order decides
    //    what a refusal costs: on ExcelApi 1.9 the page setup first (a rebuilt sheet gets its new
    //    print areas even if an axis is refused), the axis scales (log, bounds; label formats on
    //    1.8), on 1.18 the notes, the active sheet's frozen panes (#2196), and one page wide last
    //    (a host that refuses the zoom loses nothing else).
    const records = storedData!();
    const written = names.map((n, i) => {
      const key = keys[i];
      const record: RunRecord = { ...records[key], sheetId: ids[i] };
      return { key, record, ws: context.workbook.worksheets.getItem(n) };
    });
    const extra = queueLog(context, [...existing, ...names], log, index, opts.runsRow, logRow, {
      customProps,
      now,
    });
    queueRecords(context, look, written, customProps, extra);
    let axisWarning: string | undefined;
    const pageSetup = host.supports(API.pageLayout);
    const printed = targets.flatMap((p, i) => {
      if (!pageSetup || !p.print) return [];
      const ws = context.workbook.worksheets.getItem(names[i]);
      queuePrint(ws, p.print);
      return [ws];
    });
    const axisFormats = host.supports(API.axisNumberFormat);
    const scaled = charts.filter(({ chart, spec }) => queueAxisScales(chart, spec, axisFormats));
    const notes = host.supports(API.notes)
      ? targets.reduce(
          (n, p, i) => n + queueNotes(context.workbook.worksheets.getItem(names[i]), p),
          0
        )
      : 0;
    const first = context.workbook.worksheets.getItem(names[0]);
    for (const op of freezes) queueOp(first, op, () => first.getRange("A1"));
    printed.forEach(queueOnePageWide);
    {
      try {
        await counted();
      } catch (e) {
        const at = (e as { debugInfo?: { errorLocation?: string } }).debugInfo?.errorLocation ?? "";
        const what = /zoom$/i.test(at)
          ? "printing one page wide"
          : scaled.length
            ? "a chart axis's logarithmic scale, bounds or label format"
            : notes
              ? "the cell notes"
              : freezes.length
                ? "the frozen panes"
                : "the page setup";
        axisWarning = `The ${plans.length > 1 ? "sheets" : "sheet"} and charts are written, but Excel refused ${what} (${(e as Error).message}).`;
      }
    }
    return {
      sheets: names,
      syncs,
      requestBytes,
      cells: targets.reduce((n, p) => n + planCellCount(p), 0),
      calculationMode: app.calculationMode,
      axisWarning,
    };
  });
}
