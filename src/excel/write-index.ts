/**
 * The write path's bookkeeping: the look at the workbook (its sheets with their ids, GradSheet's
 * index pruned of sheets that no longer exist), and at the end the records of the sheets written
 * (keyed, with their worksheet ids and data parts), their markers and the index part.
 */
import { storedSample } from "../sheet/check-sample";
import type { SheetPlan } from "../sheet/plan";
import { identify, pruneIndex, queueEvidence } from "./identity";
import {
  indexOf,
  loadIndex,
  queueIndex,
  queueProperty,
  type IndexHandle,
  type RunIndex,
  type RunRecord,
} from "./meta";
import { queueDropData } from "./run-data";
import { EXPERIMENT_FORMATS } from "./experiment-row";
import { queueLogRow, queueRunsRow, RUNS_SHEET, type LogTarget, type RunsRow } from "./runs-log";

export interface WorkbookLook {
  /** The sheets' names, in tab order. */
  existing: string[];
  sheets: { name: string; id: string }[];
  /** GradSheet's index without records of sheets that are gone, names brought up to date. */
  index: RunIndex;
  /** Records dropped from the index (their data parts are deleted with the next index write). */
  dropped: RunRecord[];
  handle: IndexHandle;
}

/** Queue and read the look: one sync, plus one to fetch the index part's text. */
export async function lookAtWorkbook(
  context: Excel.RequestContext,
  sync: () => Promise<void>
): Promise<WorkbookLook> {
  const sheets = context.workbook.worksheets.load("items/name,items/id");
  const handle = loadIndex(context);
  await sync();
  const list = sheets.items.map((s) => ({ name: s.name, id: s.id }));
  const all = await indexOf(handle, sync);
  const { index, dropped } = pruneIndex(all, list);
  return {
    existing: list.map((s) => s.name),
    sheets: list,
    index,
    dropped: dropped.map((k) => all[k]),
    handle,
  };
}

/** The record of the sheet named `name` if it is GradSheet's (by its mark, ./identity); one sync. */
export async function identifyByName(
  context: Excel.RequestContext,
  name: string,
  index: RunIndex,
  props: boolean,
  sync: () => Promise<void>
): Promise<{ key: string; record: RunRecord } | null> {
  const ev = queueEvidence(context, context.workbook.worksheets.getItem(name), props);
  await sync();
  return identify(index, ev());
}

/** The records of the sheets written, under their keys, data points still inline (experiments carry their check sample). */
export function freshRecords(
  targets: SheetPlan[],
  records: Omit<RunRecord, "sheet" | "created" | "app" | "check">[],
  names: string[],
  keys: string[],
  now: Date
): RunIndex {
  return Object.fromEntries(
    targets.map((p, i) => [
      keys[i],
      {
        ...records[i],
        ...(records[i].role === "experiment" ? { check: storedSample(p) } : {}),
        app: "GradSheet",
        sheet: names[i],
        key: keys[i],
        created: now.toISOString(),
      } as RunRecord,
    ])
  );
}

/** A key for a new record, unique in `index`. */
export function newKey(index: RunIndex, name: string, now: Date): string {
  const base = `${name}@${now.toISOString()}`;
  let key = base;
  for (let i = 2; index[key]; i++) key = `${base}#${i}`;
  return key;
}

/**
 * Queue storing the index: `look.index` with `written` over it (and `extra`, e.g. the Runs log's
 * record), each written sheet's marker, and the data parts of dropped or replaced records deleted.
 */
export function queueRecords(
  context: Excel.RequestContext,
  look: WorkbookLook,
  written: { key: string; record: RunRecord; ws: Excel.Worksheet }[],
  customProps: boolean,
  extra: RunIndex = {}
): RunIndex {
  const next: RunIndex = { ...look.index };
  const replaced = written.flatMap((w) => {
    const old = next[w.key];
    return old?.dataPart && old.dataPart !== w.record.dataPart ? [old] : [];
  });
  for (const w of written) {
    next[w.key] = w.record;
    if (customProps) queueProperty(w.ws, w.record);
  }
  Object.assign(next, extra);
  queueDropData(context, [...look.dropped, ...replaced]);
  queueIndex(context, next, look.handle);
  return next;
}

/** Queue the write's Runs log row (the caller's run row, else the experiment's row); the log's record for the index. */
export function queueLog(
  context: Excel.RequestContext,
  taken: string[],
  log: LogTarget | null,
  index: RunIndex,
  runsRow: RunsRow | undefined,
  experiment: (string | number)[] | null,
  at: { customProps: boolean; now: Date }
): RunIndex {
  if (runsRow)
    return {
      [RUNS_SHEET]: queueRunsRow(context, taken, log, index, runsRow, at.customProps, at.now),
    };
  if (experiment) {
    const created = index[RUNS_SHEET]?.created;
    const record = queueLogRow(
      context,
      taken,
      log,
      experiment,
      EXPERIMENT_FORMATS,
      at.customProps,
      at.now,
      created
    );
    return { [RUNS_SHEET]: record };
  }
  return {};
}
