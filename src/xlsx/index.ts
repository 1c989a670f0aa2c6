/** The .xlsx writer: a WorkbookPlan in, the bytes of a real workbook out (browser- and Node-safe). */
export { writeWorkbook, writeWorkbookTo, type WriteOptions } from "./write-workbook";
export type { ChunkDeflate, Crc32 } from "./archive";
export { META_NAMESPACE, META_PROPERTY } from "./package-xml";
export { runWorkbook, type RunWorkbookOptions } from "./run-workbook";
