/**
 * Excel as the oracle: read back a sample of the cells Excel calculated on GradSheet sheets and
 * compare them with the core's values (the plans' cached results). The sample: every
 * formula cell of a sheet's blocks (the final weights, each epoch's √SSE, the summaries, a Compare
 * sheet's per-epoch columns, a landscape's grid; every k-th row when a block is long) and the last
 * row of every formula column of every table. Only the sampled rows are read, all sheets in one
 * request when the response fits under the 5 MB limit. Numbers agree when
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

export { sampleCells, storedCells, storedSample, type CheckCell };

export { RELATIVE_TOLERANCE };

/** The cells to check on one sheet (the sheet's name in the workbook). */
export interface SheetSample {
  sheet: string;
  cells: CheckCell[];
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
 * all sheets while the estimated response stays under READ_BUDGET (more only for huge samples).
 */
export async function checkSamples(host: ExcelHost, samples: SheetSample[]): Promise<CheckResult> {
  return host.run(async (context) => {
    const sync = () => syncWithin(context, host.syncTimeoutMs);
    const got = new Map<string, unknown>();
    const key = (sheet: string, row: number, col: number) => `${sheet}\u0000${row},${col}`;
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
    if (queued.length) await flush();
    return compareSample(samples, (sheet, r, c) => got.get(key(sheet, r, c)));
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
    plans.map((p, i) => ({ sheet: sheets[i], cells: sampleCells(p) }))
  );
}

/** Read the sample of `plan` from sheet `sheet` and compare it with the core. */
export function checkSheet(host: ExcelHost, sheet: string, plan: SheetPlan): Promise<CheckResult> {
  return checkSheets(host, [sheet], [plan]);
}
