/**
 * Test-side views of an .xlsx: its parts as text (fflate), and an independent reopen with exceljs
 * (a cell library we did not write) to read formulas, values and defined names back.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";

/** Every part of the archive, decoded as UTF-8 text. */
export function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** The `<c>` elements of a worksheet part, by address, as raw XML. */
export function cellsOf(sheetXml: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g))
    cells.set(m[1], m[0]);
  return cells;
}

/** The file reopened by exceljs. */
export async function reopen(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}
