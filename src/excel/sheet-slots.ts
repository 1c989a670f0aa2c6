/**
 * Where the write path's sheets go and come from: new sheets (runs and experiments) placed before
 * the Runs log, the sheets a failed write added removed again, and a rebuilt run cleared of what
 * GradSheet wrote only. GradSheet names each rectangle it writes (`GradSheet_Area1`, … scoped to
 * the sheet), so inserted rows move the names with the cells, and a rebuild clears those ranges,
 * GradSheet's charts and names, and nothing else: a learner's cells, charts, shapes, names and
 * formats outside GradSheet's cells stay.
 */
import { exerciseMetaOf } from "../sheet/exercise";
import type { SheetPlan } from "../sheet/plan";
import type { WriteOp } from "./plan-ops";
import { runsPosition } from "./runs-log";

/** Prefix of the sheet-scoped names of GradSheet's own rectangles. */
export const AREA_PREFIX = "GradSheet_Area";

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * The rectangles a plan writes: each block and each table (with its header row). An exercise's
 * blank columns' step rows are the learner's cells, not GradSheet's: its step table is its header
 * row and the spans of columns GradSheet fills.
 */
export function planAreas(plan: SheetPlan): Rect[] {
  const out: Rect[] = [];
  for (const b of plan.blocks) {
    const cols = Math.max(0, ...b.cells.map((r) => r.length));
    if (b.cells.length && cols) out.push({ row: b.row, col: b.col, rows: b.cells.length, cols });
  }
  const blank = new Set(exerciseMetaOf(plan.meta)?.columns ?? []);
  for (const t of plan.tables) {
    const learner = t.id === "steps" ? t.columns.map((c) => blank.has(c.key)) : [];
    if (!learner.some(Boolean) || !t.rows) {
      out.push({ row: t.row, col: t.col, rows: t.rows + 1, cols: t.columns.length });
      continue;
    }
    out.push({ row: t.row, col: t.col, rows: 1, cols: t.columns.length });
    for (let j = 0; j < learner.length; j++) {
      if (learner[j]) continue;
      let k = j;
      while (k + 1 < learner.length && !learner[k + 1]) k++;
      out.push({ row: t.row + 1, col: t.col + j, rows: t.rows, cols: k - j + 1 });
      j = k;
    }
  }
  return out;
}

/** The name ops that mark a plan's rectangles as GradSheet's. */
export function areaOps(plan: SheetPlan): WriteOp[] {
  return planAreas(plan).map((r, i) => ({ kind: "name", name: `${AREA_PREFIX}${i + 1}`, ...r }));
}

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

/** What GradSheet wrote on a run sheet: its area names (or, on older sheets, the plan's rectangles), charts and names. */
export interface OwnThings {
  areas: string[];
  rects: Rect[];
  charts: string[];
  names: string[];
}

/** Read what a rebuild must clear on `name` (GradSheet's own things only); one sync. */
export async function loadOwn(
  context: Excel.RequestContext,
  name: string,
  plan: SheetPlan,
  sync: () => Promise<void>
): Promise<OwnThings> {
  const ws = context.workbook.worksheets.getItem(name);
  const charts = ws.charts.load("items/name");
  const scoped = ws.names.load("items/name");
  await sync();
  const ownCharts = new Set(plan.charts.map((c) => c.id));
  const ownNames = new Set(plan.names.map((n) => n.name.toLowerCase()));
  const names = scoped.items.map((n) => n.name);
  const areas = names.filter((n) => n.startsWith(AREA_PREFIX));
  return {
    areas,
    rects: areas.length ? [] : planAreas(plan),
    charts: charts.items.map((c) => c.name).filter((c) => ownCharts.has(c)),
    names: names.filter((n) => ownNames.has(n.toLowerCase()) || n.startsWith(AREA_PREFIX)),
  };
}

/**
 * Queue moving every new sheet (runs and experiment sheets alike, in plan order) just before the
 * Runs log, so what GradSheet wrote stays together with Runs after it.
 */
export function placeRuns(ws: Excel.Worksheet[], existing: string[], log?: string): void {
  const before = runsPosition(existing, log);
  if (before === undefined) return;
  let at = before;
  for (const sheet of ws) sheet.position = at++;
}

/** Queue clearing GradSheet's own cells (contents, formats, notes, conditional formats), charts, names and panes for a rebuild. */
export function clearOwn(ws: Excel.Worksheet, own: OwnThings): void {
  const ranges = [
    ...own.areas.map((a) => ws.names.getItem(a).getRange()),
    ...own.rects.map((r) => ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols)),
  ];
  for (const r of ranges) {
    r.conditionalFormats.clearAll();
    r.clear("All");
  }
  for (const c of own.charts) ws.charts.getItem(c).delete();
  for (const n of own.names) ws.names.getItem(n).delete();
  ws.freezePanes.unfreeze();
}
