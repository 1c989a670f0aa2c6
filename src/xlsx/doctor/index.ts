/**
 * The chart doctor for files: findings for an .xlsx/.xlsm's charts, and a fixed copy in which only
 * chart parts change (every other zip entry keeps its exact bytes, macros included).
 */
import {
  checkWorkbook,
  fixWorkbook,
  type AppliedFix,
  type Finding,
  type SkippedFix,
  type WorkbookModel,
} from "../../doctor";
import { applyChartFix } from "./chart-write";
import { readWorkbookPackage } from "./package";
import { serializeXml } from "./xml";
import { rewriteZip } from "./zip";

export { DoctorInputError, InflateLimit, useInflater, useZipCodec, type RawInflate } from "./zip";

export interface FileDiagnosis {
  model: WorkbookModel;
  findings: Finding[];
}

export interface FileFix {
  /** The input's model, as diagnoseFile reads it. */
  model: WorkbookModel;
  /** The fixed copy's bytes. */
  bytes: Uint8Array;
  /** Findings in the input. */
  findings: Finding[];
  applied: AppliedFix[];
  skipped: SkippedFix[];
  /** Findings a fresh check still reports on the fixed copy. */
  remaining: Finding[];
  /** Chart parts that changed. */
  changedParts: string[];
}

/** Read a workbook's charts and check them. */
export function diagnoseFile(bytes: Uint8Array): FileDiagnosis {
  const { model } = readWorkbookPackage(bytes);
  return { model, findings: checkWorkbook(model) };
}

/** Fix what can be fixed in the chart parts and return the new file (the input bytes are not touched). */
export function fixFile(bytes: Uint8Array): FileFix {
  const pkg = readWorkbookPackage(bytes);
  const model = pkg.model; // fixWorkbook leaves it as read (the fix edits copies)
  const result = fixWorkbook(pkg.model);
  const replace = new Map<string, Uint8Array>();
  result.charts.forEach((r, k) => {
    if (!r.applied.length) return;
    const part = pkg.charts[k];
    applyChartFix(part.handles, pkg.model.charts[k], r.chart);
    replace.set(part.part, new TextEncoder().encode(serializeXml(part.handles.doc)));
  });
  const applied = result.applied.filter((a) => a.code !== "manual-calculation");
  const skipped = [...result.skipped];
  if (applied.length !== result.applied.length)
    skipped.push({
      code: "manual-calculation",
      reason:
        "The fixed copy changes chart parts only. Set calculation to Automatic in Excel (Formulas > Calculation Options > Automatic).",
    });
  const out = replace.size ? rewriteZip(pkg.zip, replace) : Uint8Array.from(bytes);
  const remaining = checkWorkbook(readWorkbookPackage(out).model);
  return {
    model,
    bytes: out,
    findings: result.charts
      .flatMap((r) => r.findings)
      .concat(checkWorkbook({ ...pkg.model, charts: [] })),
    applied,
    skipped,
    remaining,
    changedParts: [...replace.keys()],
  };
}
