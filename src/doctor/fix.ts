/**
 * The fix: a chart model in, the corrected chart model out, plus what changed and what could not
 * be changed. Pure. It never removes a chart: a line or area chart becomes an XY scatter chart in
 * the same place, keeping its series (names, colours, order) and titles. Notes need no fix.
 */
import { checkCalcMode, checkChart, CONVERTIBLE_TYPES, secondaryPlan } from "./check";
import type { Finding, FindingCode } from "./findings";
import type { AxisModel, ChartModel, SheetContext, WorkbookModel } from "./model";
import { formatRef, parseRef, readRef } from "./ref";
import { findX } from "./x-source";

/** One change the fix made, in words. */
export interface AppliedFix {
  code: FindingCode;
  chartId?: string;
  change: string;
}

/** A finding the fix left alone, and why. */
export interface SkippedFix {
  code: FindingCode;
  chartId?: string;
  reason: string;
}

export interface ChartFixResult {
  chart: ChartModel;
  findings: Finding[];
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

export interface WorkbookFixResult {
  workbook: WorkbookModel;
  charts: ChartFixResult[];
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

/** Fix every chart and the calculation mode. */
export function fixWorkbook(wb: WorkbookModel): WorkbookFixResult {
  const charts = wb.charts.map((c) => fixChart(c, wb.sheets));
  const applied = charts.flatMap((r) => r.applied);
  const skipped = charts.flatMap((r) => r.skipped);
  let calcMode = wb.calcMode;
  if (checkCalcMode(wb.calcMode).length) {
    calcMode = "automatic";
    applied.push({
      code: "manual-calculation",
      change: "Set the workbook to calculate automatically.",
    });
  }
  return {
    workbook: { ...wb, charts: charts.map((r) => r.chart), calcMode },
    charts,
    applied,
    skipped,
  };
}

/** The corrected copy of one chart (the input is not changed). */
export function fixChart(chart: ChartModel, sheets: SheetContext[] = []): ChartFixResult {
  const findings = checkChart(chart, sheets);
  const c: ChartModel = JSON.parse(JSON.stringify(chart)) as ChartModel;
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [];
  const has = (code: FindingCode): Finding[] => findings.filter((f) => f.code === code);
  const skip = (fs: Finding[]): void => {
    for (const f of fs)
      if (!f.fixable && f.severity !== "note")
        skipped.push({ code: f.code, chartId: chart.id, reason: f.fix });
  };

  // 1. X values: category chart → XY scatter linked to the x cells; scatter → link missing/typed X.
  const xCodes: FindingCode[] = ["numeric-categories", "literal-categories", "absent-categories"];
  const xFindings = findings.filter(
    (f) => xCodes.includes(f.code) || (f.code === "literal-values" && f.evidence.dimension === "x")
  );
  skip(xFindings);
  const xFixable = xFindings.filter((f) => f.fixable);
  if (xFixable.length) {
    const convert = CONVERTIBLE_TYPES.has(chart.type);
    const targets = convert
      ? chart.series.map((_, i) => i)
      : [...new Set(xFixable.flatMap((f) => f.evidence.series.map((s) => s.index)))];
    const refs: string[] = [];
    for (const i of targets) {
      const choice = findX(chart, i, sheets);
      if (!choice) continue;
      c.series[i].x = choice.source;
      refs.push(choice.source.ref);
    }
    if (convert) {
      c.type = "scatter";
      c.axes = c.axes.map((a) => (a.direction === "horizontal" ? { ...a, kind: "value" } : a));
    }
    for (const f of xFixable)
      applied.push({
        code: f.code,
        chartId: chart.id,
        change: convert
          ? `Turned the ${chart.type} chart into an XY scatter chart; X values now reference ${[...new Set(refs)].join(", ")}.`
          : `Linked the X values to ${[...new Set(refs)].join(", ")}.`,
      });
  }

  // 2. Y values typed in: nothing to link to.
  skip(has("literal-values").filter((f) => !xFindings.includes(f)));

  // 3. X and Y on different rows or lengths: X from the Y rows of the same x column.
  for (const f of has("length-mismatch")) {
    if (!f.fixable) {
      skip([f]);
      continue;
    }
    const i = f.evidence.series[0].index;
    const s = c.series[i];
    const xr = s.x.kind === "ref" ? parseRef(s.x.ref) : null;
    const yr = s.y.kind === "ref" ? parseRef(s.y.ref) : null;
    if (!xr || !yr) continue;
    const aligned = { ...xr, row: yr.row, rows: yr.rows };
    const values = readRef(sheets, aligned);
    s.x = { kind: "ref", ref: formatRef(aligned), ...(values ? { values } : {}) };
    applied.push({
      code: f.code,
      chartId: chart.id,
      change: `X values now come from ${formatRef(aligned)}, the same rows as ${s.y.kind === "ref" ? s.y.ref : "the values"}.`,
    });
  }

  // 4. Secondary axis: merge into the primary axis, or show and title it.
  const secondary = [...has("secondary-axis-hidden"), ...has("secondary-axis-rescaled")];
  if (secondary.length) {
    if (secondaryPlan(chart, sheets) === "merge") {
      for (const s of c.series) s.axisGroup = "primary";
      c.axes = c.axes.filter((a) => a.group === "primary");
      for (const f of secondary)
        applied.push({
          code: f.code,
          chartId: chart.id,
          change: "Moved every series to the primary axis and removed the secondary axes.",
        });
    } else {
      const names = c.series
        .filter((s) => s.axisGroup === "secondary")
        .map((s, k) => s.name ?? `Series ${k + 1}`);
      const title = `${names.join(", ")} (right axis)`;
      let axis = c.axes.find((a) => a.group === "secondary" && a.direction === "vertical");
      if (!axis) {
        axis = {
          group: "secondary",
          direction: "vertical",
          kind: "value",
          visible: true,
          scale: "linear",
        } satisfies AxisModel;
        c.axes.push(axis);
      }
      axis.visible = true;
      if (!axis.title?.trim()) axis.title = title;
      for (const f of secondary)
        applied.push({
          code: f.code,
          chartId: chart.id,
          change: `Showed the secondary axis, titled "${axis.title}".`,
        });
    }
  }

  // 5. Log axes over values ≤ 0: linear.
  for (const f of has("log-axis-nonpositive")) {
    const where = f.evidence.axis;
    if (!where) continue;
    for (const a of c.axes) {
      if (a.scale !== "log" || a.group !== where.group || a.direction !== where.direction) continue;
      a.scale = "linear";
      delete a.logBase;
    }
    applied.push({
      code: f.code,
      chartId: chart.id,
      change: `Switched the ${where.group} ${where.direction} axis to a linear scale.`,
    });
  }
  return { chart: c, findings, applied, skipped };
}
