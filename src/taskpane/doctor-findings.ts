/**
 * What the doctor panel shows, as plain data: findings grouped by chart with their one-click fix,
 * and the words for a fix report. No DOM here, so it is tested in node.
 */
import { inExcelVersions } from "../core";
import type { AppliedFix, Finding, SkippedFix } from "../doctor";

/** One finding as the panel lists it. */
export interface FindingRow {
  /** The chart whose fix the row's button applies, or "workbook" (calculation). */
  target: string;
  severity: Finding["severity"];
  title: string;
  where: string;
  explanation: string;
  evidence: string;
  fix: string;
  fixable: boolean;
}

const RANK: Record<Finding["severity"], number> = { error: 0, warning: 1, note: 2 };

/** Rows in display order: errors, then warnings, then notes, each by chart. */
export function findingRows(findings: readonly Finding[]): FindingRow[] {
  return [...findings]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity])
    .map((f) => ({
      target: f.chartId ?? "workbook",
      severity: f.severity,
      title: f.title,
      where: f.chartId ? `${f.chartName ?? "Chart"}${f.sheet ? ` on ${f.sheet}` : ""}` : "Workbook",
      explanation: f.explanation,
      evidence: evidenceText(f),
      fix: f.fix,
      fixable: f.fixable,
    }));
}

/** "Series "y"; cells Sheet1!$B$2:$B$22; values 1, 2, 3" (empty when there is none). */
export function evidenceText(f: Finding): string {
  const parts: string[] = [];
  if (f.evidence.series.length)
    parts.push(
      `Series ${f.evidence.series.map((s) => (s.name ? `"${s.name}"` : `#${s.index + 1}`)).join(", ")}`
    );
  // below ExcelApi 1.15 Excel gives values but not their cells: then there are no cells to name
  const cells = f.evidence.cells.filter((c) => c.trim() !== "");
  if (cells.length) parts.push(`cells ${cells.join(", ")}`);
  if (f.evidence.values?.length) parts.push(`values ${f.evidence.values.map(String).join(", ")}`);
  return parts.join("; ");
}

/** One status line after a check. */
export function summaryText(
  findings: readonly Finding[],
  charts: number,
  limitations: readonly string[]
): string {
  const head = findings.length
    ? `${findings.length} finding${findings.length === 1 ? "" : "s"} in ${charts} chart${charts === 1 ? "" : "s"}.`
    : charts
      ? `No problems found in ${charts} chart${charts === 1 ? "" : "s"}.`
      : "No charts here.";
  return inExcelVersions([head, ...limitations].join(" "));
}

/** What a fix changed and what it left, as lines. */
export function reportLines(r: {
  applied: readonly AppliedFix[];
  skipped: readonly SkippedFix[];
}): string[] {
  if (!r.applied.length && !r.skipped.length) return ["Nothing to fix."];
  return [
    ...new Set(r.applied.map((a) => `Fixed: ${a.change}`)),
    ...r.skipped.map((s) => `Not fixed: ${s.reason}`),
  ];
}

/** The chart ids an automatic fix should touch: those with at least one fixable finding. */
export function autoFixTargets(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.fixable).map((f) => f.chartId ?? "workbook"))];
}
