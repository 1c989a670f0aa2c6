/**
 * Excel's host rules that the fake enforces beyond the object model, each from Microsoft's
 * documentation or the office-js issue tracker (sources in docs/excel-addin.md):
 * - deleting a sheet turns every reference to it on other sheets into #REF! (renaming never restores it);
 * - Excel on the web answers at most 5 MB per response (ResponsePayloadSizeLimitExceeded);
 * - text written through `values`/`formulas` into a General cell is parsed like typing: ISO dates become date serials;
 * - freezing panes on a sheet that is not active activates it and fires onActivated (office-js #3148).
 */
import type { FakeRangeRef, FakeWorkbookState } from "./state";

/** Excel's 5 MB response limit on the web (the request limit is the same). */
export const RESPONSE_LIMIT = 5 * 1024 * 1024;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `formula` with every reference to sheet `name` ('quoted' or bare) replaced by #REF!, as Excel does on delete. */
export function breakReferences(formula: string, name: string): string {
  const quoted = `'${escape(name.replace(/'/g, "''"))}'!`;
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `|(?<![A-Za-z0-9_.'])${escape(name)}!` : "";
  return formula.replace(
    new RegExp(`(?:${quoted}${bare})\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?`, "gi"),
    "#REF!"
  );
}

/** Apply Excel's delete rule to every other sheet's formulas, chart series and names. */
export function onSheetDeleted(state: FakeWorkbookState, name: string): void {
  const dead = (r: FakeRangeRef | null | undefined) => {
    if (r && r.sheet.toLowerCase() === name.toLowerCase()) r.sheet = "#REF!";
  };
  for (const s of state.sheets) {
    for (const cell of s.cells.values())
      if (cell.formula) cell.formula = breakReferences(cell.formula, name);
    for (const c of s.charts) for (const ser of c.series) (dead(ser.x), dead(ser.y));
  }
  for (const n of state.names) dead(n.ref);
}

/** Days from Excel's epoch (1899-12-30) to a UTC date, with the time as a fraction. */
function dateSerial(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  return (Date.UTC(y, m - 1, d, hh, mm, ss) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * What Excel stores for a string typed into a cell with `numberFormat` (General unless set): an
 * ISO date or date-time becomes a date serial (office-js #229, #1559); text format "@" keeps it.
 */
export function coerceTyped(
  text: string,
  numberFormat: string | undefined
): { value: string | number; numberFormat?: string } {
  if (numberFormat === "@") return { value: text };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return { value: text };
  const [y, mo, d, hh, mi, ss] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return {
    value: dateSerial(y, mo, d, hh, mi, ss),
    numberFormat:
      numberFormat && numberFormat !== "General"
        ? numberFormat
        : m[4]
          ? "m/d/yyyy h:mm"
          : "m/d/yyyy",
  };
}
