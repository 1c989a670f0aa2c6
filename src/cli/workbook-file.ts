/**
 * Node only (never imported by the task pane): the .xlsx writer with Node's zlib doing DEFLATE, and
 * a workbook streamed straight to a file. zlib compresses the same XML about 3× faster than fflate.
 */
import * as zlib from "node:zlib";
import {
  InflateLimit,
  writeWorkbook,
  writeWorkbookTo,
  type ChunkDeflate,
  type Crc32,
  type RawInflate,
  type WorkbookPlan,
  type WriteOptions,
} from "../run";
import { ConfigError } from "../core";
import { text, type ParsedArgs } from "./options";
import { writeOutput, writeOutputFile } from "./safe-file";

/** One chunk as raw DEFLATE with zlib: sync-flushed, or finished when `final` (see ChunkDeflate). */
export const zlibDeflate: ChunkDeflate = (chunk, final, level) =>
  zlib.deflateRawSync(chunk, {
    level,
    finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
  });

/** zlib's raw inflate for the doctor's reader: stops once it would produce more than `limit` bytes. */
export const zlibInflate: RawInflate = (raw, limit) => {
  try {
    return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, limit) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new InflateLimit();
    throw e;
  }
};

/** zlib's CRC-32 (Node 20.15 and later; before that, undefined: the writer uses fflate's). */
export const zlibCrc32: Crc32 | undefined = (zlib as { crc32?: Crc32 }).crc32;

/** The writer's options for zlib's DEFLATE and CRC-32. */
export const zlibCodec: WriteOptions = { deflate: zlibDeflate, crc32: zlibCrc32 };

/** `writeWorkbook` with zlib's DEFLATE: the same workbook, written faster. */
export function writeWorkbookNode(plan: WorkbookPlan, options: WriteOptions = {}): Uint8Array {
  return writeWorkbook(plan, { ...zlibCodec, ...options });
}

/**
 * Writes `plan` as an .xlsx file at `path`, each compressed chunk as it is made: memory holds the
 * plan and about one chunk of XML, never the whole file. The bytes go to a temporary file beside
 * `path` that replaces it only once complete (./safe-file), so a failure or a signal leaves `path`
 * as it was and no temporary file behind. Returns the size.
 */
export function writeWorkbookFile(
  plan: WorkbookPlan,
  path: string,
  options: WriteOptions = {}
): number {
  return writeOutputFile(path, (sink) => writeWorkbookTo(plan, sink, { ...zlibCodec, ...options }));
}

/**
 * `writeWorkbookFile` for a command's --out: the output is checked first (not a folder, FIFO or
 * device, not one of `inputs`), and a file-system failure (a missing folder, no permission, a full
 * disk) is the user's path, said in one line as a ConfigError (exit 2).
 */
export function writeWorkbookOut(
  plan: WorkbookPlan,
  out: string,
  inputs: readonly string[] = []
): number {
  return writeOutput(out, "out", (sink) => writeWorkbookTo(plan, sink, zlibCodec), inputs);
}

/** The --out workbook path, when given: it must end in .xlsx (checked before any training). */
export function optionalXlsxOut(parsed: ParsedArgs): string | undefined {
  const value = text(parsed, "out");
  if (value !== undefined && !/\.xlsx$/i.test(value))
    throw new ConfigError("out", `The output file must end in .xlsx, got "${value}".`);
  return value;
}

/** The --out workbook path, required: one line (exit 2) when it is absent or not an .xlsx. */
export function xlsxOut(parsed: ParsedArgs): string {
  const value = optionalXlsxOut(parsed);
  if (value === undefined) throw new ConfigError("out", "The option --out FILE.xlsx is required.");
  return value;
}
