/**
 * Requests under the byte budget: ops grouped into batches by estimated bytes, halving a batch
 * Excel refused as too large, and the notes queued in the extras request.
 */
import type { SheetPlan } from "../sheet/plan";
import { estimateBytes, type WriteOp } from "./plan-ops";

/**
 * Excel on the web refuses requests over 5 MB. Estimated bytes run a few percent under what
 * Office.js serialises (measured with Microsoft's runtime in tests), so budget 3 MiB for a
 * promised 4 MB.
 */
export const REQUEST_BUDGET = 3 * 1024 * 1024;

/** Cost of adding one sheet to a request (add + activate), in the units of `estimateBytes`. */
export const SHEET_BYTES = 480;

/** One write op and the index of the sheet it belongs to. */
export interface SheetOp {
  sheet: number;
  op: WriteOp;
}

/** Split sheet ops into consecutive batches under `budget`; the first also carries `sheets` sheet adds. */
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

/** Halve a batch: several ops split by count, a single cells/numberFormat op by rows. */
export function halve(batch: WriteOp[]): WriteOp[][] {
  if (batch.length > 1) return [batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1)];
  const op = batch[0];
  if ((op.kind === "cells" || op.kind === "numberFormat") && op.rect.rows > 1) {
    const h = op.rect.rows >> 1;
    const part = (from: number, to: number): WriteOp => {
      const rect = { ...op.rect, row: op.rect.row + from, rows: to - from };
      return op.kind === "cells"
        ? { kind: "cells", rect, formulas: op.formulas.slice(from, to) }
        : { kind: "numberFormat", rect, formats: op.formats.slice(from, to) };
    };
    return [[part(0, h)], [part(h, op.rect.rows)]];
  }
  throw new Error("A single write is larger than Excel accepts in one request.");
}

/** Halve a refused batch by estimated bytes (several ops) or by rows (one op), keeping each op's sheet. */
export function halveSheetOps(batch: SheetOp[]): SheetOp[][] {
  if (batch.length > 1) {
    const bytes = batch.map(({ op }) => estimateBytes(op));
    const half = bytes.reduce((a, b) => a + b, 0) / 2;
    let at = 0;
    for (let sum = 0; at < batch.length - 1 && sum + bytes[at] <= half; at++) sum += bytes[at];
    at = Math.max(1, at);
    return [batch.slice(0, at), batch.slice(at)];
  }
  return halve([batch[0].op]).map((part) => part.map((op) => ({ sheet: batch[0].sheet, op })));
}

/** A request over this many estimated bytes that fails with GeneralException is taken as too large. */
const LARGE = 1024 * 1024;

/**
 * True when Excel refused `batch` as too large: RequestPayloadSizeLimitExceeded, or a
 * GeneralException (Excel on the web has answered oversized requests so, office-js #1314) on a
 * large batch that is not itself a half of such a refusal (`retried`), so it is halved once.
 */
export function isPayloadLimit(e: unknown, batch?: SheetOp[], retried?: Set<SheetOp[]>): boolean {
  const code = (e as { code?: string })?.code;
  if (code === "RequestPayloadSizeLimitExceeded") return true;
  if (code !== "GeneralException" || !batch || retried?.has(batch)) return false;
  return batch.reduce((n, { op }) => n + estimateBytes(op), 0) > LARGE;
}

/** Queue a note for every block cell that carries a comment; returns how many. */
export function queueNotes(sheet: Excel.Worksheet, plan: SheetPlan): number {
  let n = 0;
  for (const b of plan.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (!cell?.comment) return;
        sheet.notes.add(sheet.getRangeByIndexes(b.row + i, b.col + j, 1, 1), cell.comment);
        n++;
      })
    );
  return n;
}
