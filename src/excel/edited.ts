/**
 * What a rebuild would replace that is not GradSheet's as written: cells GradSheet wrote that the
 * learner changed, and the learner's own cells where the new run's cells would go (outside
 * GradSheet's own areas, which follow inserted rows through their names). The pane asks before
 * a rebuild and names them.
 */
import { a1, formulaAt } from "../sheet/address";
import { refText, rewriteFormula } from "../sheet/formula-refs";
import type { SheetPlan } from "../sheet/plan";
import { syncWithin, type ExcelHost } from "./host";
import { sheetOf } from "./identity";
import { literal, type Rect } from "./plan-ops";
import { readRows, CELL_BYTES } from "./reads";
import { same } from "./run-cells";
import { AREA_PREFIX, planAreas } from "./sheet-slots";

/** The parsed rectangle of an address such as "'Run 1'!A3:F20" (one cell: "B2"). */
function rectOf(address: string): Rect | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(
    address.slice(address.lastIndexOf("!") + 1)
  );
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1,
    c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1,
    c2 = m[3] ? col(m[3]) : c1;
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

const inside = (r: Rect, row: number, col: number) =>
  row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

/**
 * Where GradSheet's areas as `plan` wrote them (GradSheet_Area1…) are now, queued for one sync:
 * each area's shift when it kept its size on its sheet, null for one gone or resized (rows inserted
 * or deleted inside it). All areas unmoved when the sheet's names do not match the plan's areas.
 */
function queueMoves(
  ws: Excel.Worksheet,
  plan: SheetPlan
): () => { areas: Rect[]; shift: ({ dr: number; dc: number } | null)[] } {
  const areas = planAreas(plan);
  const now = areas.map((_, i) =>
    ws.names
      .getItemOrNullObject(`${AREA_PREFIX}${i + 1}`)
      .getRangeOrNullObject()
      .load("rowIndex, columnIndex, rowCount, columnCount")
  );
  const extra = ws.names.getItemOrNullObject(`${AREA_PREFIX}${areas.length + 1}`).load("name");
  return () => {
    const unmoved = { areas, shift: areas.map(() => ({ dr: 0, dc: 0 })) };
    if (!extra.isNullObject || now.some((r) => r.isNullObject)) return unmoved; // not this plan's areas
    const shift = areas.map((a, i) =>
      now[i].rowCount === a.rows && now[i].columnCount === a.cols
        ? { dr: now[i].rowIndex - a.row, dc: now[i].columnIndex - a.col }
        : null
    );
    return { areas, shift };
  };
}

type Moves = ReturnType<ReturnType<typeof queueMoves>>;

/** A written cell's shift: its area's, none outside every area, null when its area was resized. */
function shiftOf(m: Moves, row: number, col: number) {
  const i = m.areas.findIndex((a) => inside(a, row, col));
  return i < 0 ? { dr: 0, dc: 0 } : m.shift[i];
}

/** The one shift of a whole rectangle as written, or null when its areas moved apart or resized. */
function rectShift(m: Moves, r: Rect) {
  let d: { dr: number; dc: number } | null = { dr: 0, dc: 0 };
  let first = true;
  for (const [i, a] of m.areas.entries()) {
    const meets =
      a.row < r.row + r.rows &&
      r.row < a.row + a.rows &&
      a.col < r.col + r.cols &&
      r.col < a.col + a.cols;
    if (!meets) continue;
    const s = m.shift[i];
    if (!s || (!first && d && (s.dr !== d.dr || s.dc !== d.dc))) return null;
    ((d = s), (first = false));
  }
  return d;
}

/**
 * A formula as Excel rewrites it when the cells it refers to move: each same-sheet cell reference
 * follows its area's shift (as inserting rows above it does); null when one points into a resized area.
 */
function movedFormula(m: Moves, formula: string): string | null {
  let lost = false;
  const out = rewriteFormula(formula, (t) => {
    if (t.kind !== "ref" || t.sheet) return undefined;
    const corner = (c: typeof t.start) => {
      if (c.row === undefined || c.col === undefined) return c;
      const s = shiftOf(m, c.row, c.col);
      if (!s) return ((lost = true), c);
      return { ...c, row: c.row + s.dr, col: c.col + s.dc };
    };
    const start = corner(t.start);
    const end = t.end && corner(t.end);
    const same = start.row === t.start.row && start.col === t.start.col && end?.row === t.end?.row;
    return same && end?.col === t.end?.col ? undefined : refText({ start, end });
  });
  return lost ? null : out;
}

/** The learner's non-empty cells where `next` writes, outside GradSheet's current areas. */
async function learnerCellsUnder(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  plan: SheetPlan,
  next: SheetPlan,
  sync: () => Promise<void>
): Promise<string[]> {
  const names = ws.names.load("items/name");
  ws.load("name");
  await sync();
  const areaNames = names.items.map((n) => n.name).filter((n) => n.startsWith(AREA_PREFIX));
  const ranges = areaNames.map((n) => ws.names.getItem(n).getRange().load("address"));
  if (ranges.length) await sync();
  const own: Rect[] = ranges.length
    ? ranges.flatMap((r) => (sheetOf(r.address) === ws.name ? [rectOf(r.address)!] : []))
    : planAreas(plan);
  const out: string[] = [];
  for (const rect of planAreas(next)) {
    const grid = await readRows(ws, rect, "formulas", rect.cols * CELL_BYTES, sync);
    grid.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = rect.row + i,
          c = rect.col + j;
        if (v !== "" && v !== null && !own.some((o) => inside(o, r, c))) out.push(a1(r, c));
      })
    );
  }
  return out;
}

/** The learner's own cells where `next` (a rebuild of `sheet`, now written by `plan`) would write. */
export async function cellsUnder(
  host: ExcelHost,
  sheet: string,
  plan: SheetPlan,
  next: SheetPlan
): Promise<string[]> {
  return host.run(async (context) =>
    learnerCellsUnder(context, context.workbook.worksheets.getItem(sheet), plan, next, () =>
      syncWithin(context, host.syncTimeoutMs)
    )
  );
}

/** Cells GradSheet wrote by `plan` on `sheet` that now hold something else (inputs excluded). */
export async function editedCells(
  host: ExcelHost,
  sheet: string,
  plan: SheetPlan
): Promise<string[]> {
  const sync = (context: Excel.RequestContext) => syncWithin(context, host.syncTimeoutMs);
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
            JSON.stringify(Array.from({ length: ch.cols }, (_, j) => ch.expect(i, j) ?? "")).length
        )
      ) +
      ch.cols * 8;
    // Rows or columns the learner inserted above or between GradSheet's areas move cells and the
    // references in their formulas: compare each rectangle where its area now is, its formulas as
    // Excel rewrote them. A rectangle whose areas were resized is compared as written (it asks).
    const located = queueMoves(ws, plan);
    await sync(context);
    const moves = located();
    const moved = moves.shift.some((d) => d !== null && (d.dr !== 0 || d.dc !== 0));
    const edited: string[] = [];
    for (const ch of checks) {
      const d = rectShift(moves, ch) ?? { dr: 0, dc: 0 };
      const at = { ...ch, row: ch.row + d.dr, col: ch.col + d.dc };
      const grid = await readRows(ws, at, "formulas", rowBytes(ch), () => sync(context));
      grid.forEach((row, i) =>
        row.forEach((actual, j) => {
          const written = ch.expect(i, j);
          if (written === undefined || inputs.has(`${ch.row + i},${ch.col + j}`)) return;
          const expected =
            moved && typeof written === "string" && written.startsWith("=")
              ? (movedFormula(moves, written) ?? written)
              : written;
          if (!same(expected, actual)) edited.push(a1(at.row + i, at.col + j));
        })
      );
    }
    return edited;
  });
}
