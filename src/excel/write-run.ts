/**
 * One run sheet into the workbook: `writePlans` of one plan, with a Runs-log row and, for
 * Rebuild, the run rewritten in place. A Generate of up to 100,000 cells takes 3 syncs on
 * ExcelApi 1.9+ (formula columns filled down by Excel).
 */
import type { SheetPlan } from "../sheet/plan";
import type { ExcelHost } from "./host";
import type { RunRecord } from "./meta";
import { writePlans, type WritePlansOptions } from "./write-sheets";

export { halve, isPayloadLimit, queueNotes, REQUEST_BUDGET } from "./batches";

/** writePlans' options for one run sheet: its record instead of a list of them. */
export type WriteOptions = Omit<WritePlansOptions, "records"> & {
  /** Stored with the sheet (sheet name and creation time are filled in). */
  record: Omit<RunRecord, "sheet" | "created" | "app" | "role">;
};

export interface WriteReport {
  sheet: string;
  syncs: number;
  /** Estimated bytes of each write request. */
  requestBytes: number[];
  cells: number;
  calculationMode: string;
  /** Set when Excel refused the chart axis scales, notes or frozen panes (the data and charts are written). */
  axisWarning?: string;
}

/** Write `plan` into the workbook as a run. Never touches a sheet the add-in did not create. */
export async function writePlan(
  host: ExcelHost,
  plan: SheetPlan,
  opts: WriteOptions
): Promise<WriteReport> {
  const { record, ...rest } = opts;
  const report = await writePlans(host, [plan], { ...rest, records: [{ ...record, role: "run" }] });
  const { sheets, ...same } = report;
  return { sheet: sheets[0], ...same };
}
