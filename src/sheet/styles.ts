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

/** The style registry. Inputs look like Excel's built-in "Input" style so learners know to type there. */
export const STYLES: Record<StyleId, CellStyle> = {
  title: { bold: true, size: 14 },
  subtitle: { italic: true, fontColor: "595959" },
  note: { italic: true, fontColor: "7F7F7F" },
  label: { bold: true },
  input: { fill: "FFCC99", fontColor: "3F3F76", border: true, numberFormat: "General" },
  header: { bold: true, fill: "DDEBF7", wrap: true, align: "center", border: true },
  integer: { numberFormat: "0" },
  number: { numberFormat: "0.0000" },
  weight: { numberFormat: "0.000000" },
  error: { numberFormat: "0.00" },
  summary: { bold: true, numberFormat: "0.0000" },
  flag: { fill: "FFC7CE", fontColor: "9C0006" },
  text: {},
};
