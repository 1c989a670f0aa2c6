/**
 * Cached values: how a core number is written as a formula cell's cached result. The core maps
 * overflow to NaN; a spreadsheet shows #NUM! there. −0 is written as 0, as spreadsheets show it.
 */
import type { CachedValue, CellError } from "./plan";

/** Shared error values: one object per kind, not one per cell. */
export const NUM_ERROR: { error: CellError } = Object.freeze({ error: "#NUM!" }) as {
  error: CellError;
};
export const NA_ERROR: { error: CellError } = Object.freeze({ error: "#N/A" }) as {
  error: CellError;
};

/** A core number as a cached value: finite numbers as they are (−0 as 0), anything else #NUM!. */
export function cachedNumber(v: number | undefined): CachedValue {
  if (v === undefined || !Number.isFinite(v)) return NUM_ERROR;
  return v === 0 ? 0 : v;
}

/** A chart-feeding value: the number when it is one (and positive, on a log axis), else #N/A. */
export function cachedForChart(v: number | undefined, positiveOnly: boolean): CachedValue {
  if (v === undefined || !Number.isFinite(v) || (positiveOnly && !(v > 0))) return NA_ERROR;
  return v === 0 ? 0 : v;
}
