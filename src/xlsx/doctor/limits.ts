/**
 * What a workbook can hold, and what the doctor reads at most. Anything past these is refused with
 * one line naming the part and the value, before anything is allocated by it.
 */
import { DoctorInputError } from "./zip";

/** Rows of a worksheet (Excel 2007 and later). */
export const MAX_ROWS = 1_048_576;
/** Columns of a worksheet (A to XFD). */
export const MAX_COLS = 16_384;
/** Points one series' cache or literal may declare: one a row of a sheet. */
export const MAX_POINTS = 1_048_576;
/** Points all the charts of a workbook may declare together (8 bytes each: 128 MiB). */
export const MAX_TOTAL_POINTS = 16_777_216;

/** "1048576" with thousands separators, as the refusals print numbers. */
export function grouped(n: number): string {
  return n.toLocaleString("en-US");
}

/** Refuse a workbook: "the workbook is damaged (PART: WHAT)". */
export function damaged(part: string, what: string): DoctorInputError {
  return new DoctorInputError(`the workbook is damaged (${part}: ${what})`);
}

/** A whole number written in decimal digits from `min` to `max`, or undefined. */
export function wholeIn(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !WHOLE.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
const WHOLE = /^\s*[0-9]{1,16}\s*$/;

/** Show a value from the file in a refusal: quoted, and cut short when long. */
export function shown(text: string | undefined): string {
  if (text === undefined) return "nothing";
  const t = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(t);
}
