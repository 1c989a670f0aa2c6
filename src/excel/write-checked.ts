/**
 * An experiment's write followed by Excel's check: `writePlans`, then one more read of a sample of
 * every written sheet (its final weights, each epoch's √SSE, the last row of every formula column)
 * compared with the core's values. Under manual calculation Excel has not calculated yet, so
 * nothing is read.
 */
import type { SheetPlan } from "../sheet/plan";
import { checkSheets, type CheckResult } from "./check";
import type { ExcelHost } from "./host";
import { writePlans, type WritePlansOptions, type WritePlansReport } from "./write-sheets";

export interface CheckedReport extends WritePlansReport {
  /** Excel's agreement with the core over all written sheets; null under manual calculation. */
  check: CheckResult | null;
}

/** Write `plans` (see writePlans), then check what Excel calculated on them; a failed read is said, not thrown (the sheets are written). */
export async function writeChecked(
  host: ExcelHost,
  plans: SheetPlan[],
  opts: WritePlansOptions
): Promise<CheckedReport> {
  const report = await writePlans(host, plans, opts);
  if (report.calculationMode === "Manual") return { ...report, check: null };
  try {
    return { ...report, check: await checkSheets(host, report.sheets, plans) };
  } catch (e) {
    const message = `Excel's values could not be read back to check them (${(e as Error).message}).`;
    return { ...report, check: { cells: 0, message } };
  }
}
