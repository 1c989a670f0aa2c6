/**
 * Excel as the oracle: read back a sample of the cells Excel calculated on GradSheet sheets and
 * compare them with the core's values (the plans' cached results). The sample: every
 * formula cell of a sheet's blocks (the final weights, each epoch's √SSE, the summaries, a Compare
 * sheet's per-epoch columns, a landscape's grid; every k-th row when a block is long) and the last
 * row of every formula column of every table. The cells are found through GradSheet's area names
 * (so rows or columns the learner inserted or deleted around them do not defeat the check), and
 * only the sampled rows are read, all sheets in one request when the response fits under the 5 MB limit. Numbers agree when
 * |excel − core| ≤ 1e-9 · max(|excel|, |core|, the operands' scale), or both are below 1e-12:
 * a value made by cancellation (a finite difference, a derivative check) is judged on the scale of
 * its operands (`src/sheet/agreement`, shared with `gradsheet check`).
 */
import { CORE_NUMBERS, GLOSSARY } from "../core";
import { a1, quoteSheet } from "../sheet/address";
import { RELATIVE_TOLERANCE, agreesWithin } from "../sheet/agreement";
import type { CachedValue, SheetPlan } from "../sheet/plan";
import { syncWithin, type ExcelHost } from "./host";
import { sampleCells, storedCells, storedSample, type CheckCell } from "../sheet/check-sample";
import { CELL_BYTES, READ_BUDGET } from "./reads";
import { sheetOf } from "./identity";
import { AREA_PREFIX, planAreas } from "./sheet-slots";
import type { Rect } from "./plan-ops";

export { sampleCells, storedCells, storedSample, type CheckCell };

export { RELATIVE_TOLERANCE };

/** The cells to check on one sheet (the sheet's name in the workbook). */
export interface SheetSample {
  sheet: string;
  cells: CheckCell[];
  /**
   * The plan's rectangles as written (`planAreas`, named GradSheet_Area1…): the cells are found
   * where those names are now, so rows or columns the learner inserted or deleted do not defeat the
   * check. Without them the cells are read where they were written.
   */
  areas?: Rect[];
}

/**
 * Where a written index (`at`, in a span written at `from` with `size` cells) is now that the span is
 * at `now` with `nowSize` cells: the same offset when the span kept its size, its first or last
 * cell when the learner inserted or deleted inside it; null for a cell in between (which moved by
 * an amount the names cannot tell).
 */
function placed(at: number, from: number, size: number, now: number, nowSize: number) {
  if (nowSize === size) return now + at - from;
  if (at === from) return now;
  if (at === from + size - 1) return now + nowSize - 1;
  return null;
}

/**
 * Queue finding the sample's cells where GradSheet's area names say they are now (see
 * `SheetSample.areas`); after the next sync the result gives the cells so placed, how many could not
 * be found (their area is gone, or they sat inside rows the learner inserted into or deleted from)
 * and whether any moved.
 */
function queueLocate(
  context: Excel.RequestContext,
  samples: SheetSample[]
): () => { samples: SheetSample[]; lost: number; moved: boolean } {
  const now = samples.map((s) =>
    (s.areas ?? []).map((_, i) =>
      context.workbook.worksheets
        .getItem(s.sheet)
        .names.getItemOrNullObject(`${AREA_PREFIX}${i + 1}`)
        .getRangeOrNullObject()
        .load("address, rowIndex, columnIndex, rowCount, columnCount")
    )
  );
  return () => {
    let lost = 0,
      moved = false;
    const out = samples.map((s, k) => {
      // a sheet without area names (written before they existed, or from a file): as written
      if (!s.areas || now[k].every((r) => r.isNullObject))
        return { sheet: s.sheet, cells: s.cells };
      const cells = s.cells.flatMap((c) => {
        const i = s.areas!.findIndex(
          (a) =>
            c.row >= a.row && c.row < a.row + a.rows && c.col >= a.col && c.col < a.col + a.cols
        );
        if (i < 0) return [c];
        const p = s.areas![i],
          r = now[k][i];
        const row =
          r.isNullObject || sheetOf(r.address) !== s.sheet
            ? null
            : placed(c.row, p.row, p.rows, r.rowIndex, r.rowCount);
        const col =
          row === null ? null : placed(c.col, p.col, p.cols, r.columnIndex, r.columnCount);
        if (row === null || col === null) {
          lost++;
          return [];
        }
        if (row !== c.row || col !== c.col) moved = true;
        return [{ ...c, row, col }];
      });
      return { sheet: s.sheet, cells };
    });
    return { samples: out, lost, moved };
  };
}

/** What the check found, as plain data for the pane. */
export interface CheckResult {
  /** Cells compared. */
  cells: number;
  /** The first cell that differs ('Run 1'!B5, as Excel writes it), with both values; absent when all agree. */
  differs?: { address: string; excel: unknown; core: CachedValue };
  /** One sentence for the pane. */
  message: string;
}

/** True when Excel's value and the core's agree (numbers within the tolerance of `scale`, see `agreesWithin`; errors and text exactly). */
export function agrees(excel: unknown, core: CachedValue, scale = 0): boolean {
  return agreesWithin(excel, core, scale);
}

const show = (v: unknown): string =>
  v !== null && typeof v === "object"
    ? String((v as { error: string }).error)
    : typeof v === "string"
      ? `"${v}"`
      : String(v);

/** A cell as Excel writes it in a formula: "'Run 1'!B5", "Compare!C7". */
export const cellAddress = (sheet: string, row: number, col: number): string =>
  `${quoteSheet(sheet)}!${a1(row, col)}`;

/** Compare the samples with what Excel calculated (`excel(sheet, row, col)`), first difference in sample order. */
export function compareSample(
  samples: SheetSample[],
  excel: (sheet: string, row: number, col: number) => unknown
): CheckResult {
  let n = 0;
  for (const { sheet, cells } of samples)
    for (const c of cells) {
      n++;
      const v = excel(sheet, c.row, c.col);
      const address = cellAddress(sheet, c.row, c.col);
      if (v === "" && c.core !== "")
        // A formula cell reads back blank only before Excel has calculated it: nothing to compare yet.
        return {
          cells: 0,
          message: `Excel has not calculated ${address} yet, so nothing was compared: use Check this sheet once it has.`,
        };
      if (!agrees(v, c.core, c.scale))
        return {
          cells: n,
          differs: { address, excel: v, core: c.core },
          message: `${address} differs: Excel calculated ${show(v)}, ${GLOSSARY.core.term} ${show(c.core)}.`,
        };
    }
  return { cells: n, message: `Excel agrees with ${CORE_NUMBERS} on ${n} cells.` };
}

/** The rows to read for a sample: one rectangle per sampled row, from its first to its last sampled column. */
function rowSpans(sample: SheetSample) {
  const rows = new Map<number, { row: number; col: number; cols: number }>();
  for (const c of sample.cells) {
    const r = rows.get(c.row);
    if (!r) rows.set(c.row, { row: c.row, col: c.col, cols: 1 });
    else {
      const end = Math.max(r.col + r.cols, c.col + 1);
      r.col = Math.min(r.col, c.col);
      r.cols = end - r.col;
    }
  }
  return [...rows.values()];
}

/**
 * Read what Excel calculated at every sampled cell and compare it with the core: one request for
 * all sheets while the estimated response stays under READ_BUDGET (more only for huge samples),
 * which also finds GradSheet's area names; read once more where the learner's edits moved the cells.
 */
export async function checkSamples(host: ExcelHost, given: SheetSample[]): Promise<CheckResult> {
  return host.run(async (context) => {
    const sync = () => syncWithin(context, host.syncTimeoutMs);
    const key = (sheet: string, row: number, col: number) => `${sheet}\u0000${row},${col}`;
    /** Read the samples' rows, under the response budget (one request for most). */
    const read = async (samples: SheetSample[]) => {
      const got = new Map<string, unknown>();
      let queued: { sheet: string; row: number; col: number; range: Excel.Range }[] = [];
      let bytes = 0;
      const flush = async () => {
        await sync();
        for (const q of queued)
          q.range.values[0].forEach((v, j) => got.set(key(q.sheet, q.row, q.col + j), v));
        queued = [];
        bytes = 0;
      };
      for (const s of samples) {
        const ws = context.workbook.worksheets.getItem(s.sheet);
        for (const span of rowSpans(s)) {
          if (queued.length && bytes + span.cols * CELL_BYTES > READ_BUDGET) await flush();
          const range = ws.getRangeByIndexes(span.row, span.col, 1, span.cols).load("values");
          queued.push({ sheet: s.sheet, row: span.row, col: span.col, range });
          bytes += span.cols * CELL_BYTES;
        }
      }
      await flush(); // also when nothing is queued: the area names were queued before
      return got;
    };
    // the cells where they were written, and where GradSheet's names say they are, in one request;
    // read again only when the learner's edits moved them
    const where = queueLocate(context, given);
    let got = await read(given);
    const found = where();
    if (found.moved || found.lost) got = await read(found.samples);
    const result = compareSample(found.samples, (sheet, r, c) => got.get(key(sheet, r, c)));
    return found.lost && !result.differs && result.cells
      ? {
          ...result,
          message: `${result.message} ${found.lost} more could not be found (rows or columns were inserted or deleted inside GradSheet's cells), so they were not compared.`,
        }
      : result;
  });
}

/** Read the samples of `plans`, written as `sheets` (same order), and compare them with the core. */
export function checkSheets(
  host: ExcelHost,
  sheets: string[],
  plans: SheetPlan[]
): Promise<CheckResult> {
  return checkSamples(
    host,
    plans.map((p, i) => ({ sheet: sheets[i], cells: sampleCells(p), areas: planAreas(p) }))
  );
}

/** Read the sample of `plan` from sheet `sheet` and compare it with the core. */
export function checkSheet(host: ExcelHost, sheet: string, plan: SheetPlan): Promise<CheckResult> {
  return checkSheets(host, [sheet], [plan]);
}
