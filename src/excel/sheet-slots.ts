/**
 * Where the write path's sheets go and come from: new sheets (runs and experiments) placed before the Runs log, a
 * rebuilt sheet cleared in place, and the sheets a failed write added removed again.
 */
import type { RunIndex } from "./meta";
import { runsPosition } from "./runs-log";

/** Best effort after a failed write: delete the sheets this call added. */
export async function removeAdded(
  context: Excel.RequestContext,
  names: string[],
  sync: () => Promise<void>
): Promise<void> {
  try {
    const found = names.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
    await sync();
    for (const ws of found) if (!ws.isNullObject) ws.delete();
    await sync();
  } catch {
    /* the original error is the one to report */
  }
}

/** Read what a rebuild must clear on its sheet (charts and sheet-scoped names); throws when the sheet is not a run. */
export async function loadReplaced(
  context: Excel.RequestContext,
  name: string,
  index: RunIndex,
  names: string[],
  sync: () => Promise<void>
) {
  if (index[name]?.role !== "run")
    throw new Error(`"${name}" was not written by GradSheet, so it is left as it is.`);
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase()))
    throw new Error(`The sheet "${name}" is no longer in the workbook.`);
  const ws = context.workbook.worksheets.getItem(name);
  const charts = ws.charts.load("items/name");
  const scoped = ws.names.load("items/name");
  await sync();
  return { charts: charts.items.map((c) => c.name), names: scoped.items.map((n) => n.name) };
}

/**
 * Queue moving every new sheet (runs and experiment sheets alike, in plan order) just before the
 * Runs log, so what GradSheet wrote stays together with Runs after it.
 */
export function placeRuns(ws: Excel.Worksheet[], existing: string[], index: RunIndex): void {
  const before = runsPosition(existing, index);
  if (before === undefined) return;
  let at = before;
  for (const sheet of ws) sheet.position = at++;
}

/** Queue clearing a run sheet for its rebuild: cells, formats, notes, conditional formats, charts, names, panes. */
export function clearSheet(ws: Excel.Worksheet, old: { charts: string[]; names: string[] }): void {
  const everything = ws.getRange();
  everything.conditionalFormats.clearAll();
  everything.clear("All");
  for (const c of old.charts) ws.charts.getItem(c).delete();
  for (const n of old.names) ws.names.getItem(n).delete();
  ws.freezePanes.unfreeze();
}
