import { FORMATS } from "./formats";
import type { StyleId } from "./plan";

/** What a named style looks like, as plain data both writers translate. Colours are "RRGGBB". */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  numberFormat?: string;
  border?: boolean;
  align?: "left" | "center" | "right";
  wrap?: boolean;
}

/**
 * The style registry. Inputs look like Excel's built-in "Input" style so learners know to type
 * there. Number formats come from `FORMATS` (./formats): none of them shows ### in a default-width
 * column, whatever the magnitude.
 */
export const STYLES: Record<StyleId, CellStyle> = {
  title: { bold: true, size: 14 },
  subtitle: { italic: true, fontColor: "595959" },
  note: { italic: true, fontColor: "7F7F7F" },
  label: { bold: true },
  input: { fill: "FFCC99", fontColor: "3F3F76", border: true, numberFormat: FORMATS.general },
  header: { bold: true, fill: "DDEBF7", wrap: true, align: "center", border: true },
  integer: { numberFormat: FORMATS.integer },
  number: { numberFormat: FORMATS.general },
  weight: { numberFormat: FORMATS.general },
  error: { numberFormat: FORMATS.general },
  summary: { bold: true, numberFormat: FORMATS.general },
  rate: { numberFormat: FORMATS.rate },
  flag: { fill: "FFC7CE", fontColor: "9C0006" },
  text: {},
  blank: { fill: "FFF2CC" },
};
