/**
 * The checks: a plain chart model in, findings out. Pure; no Office, no files.
 * `checkWorkbook` runs every check on every chart plus the workbook-wide calculation check.
 */
import type { Finding } from "./findings";
import type { CellValue, ChartModel, SheetContext, WorkbookModel } from "./model";
import {
  finding,
  indexes,
  magnitudeRatio,
  refsOf,
  sameScale,
  sizeOf,
  unique,
  verticalAxis,
} from "./check-util";
import { checkX } from "./check-x";
import { cellAddress, parseRef, refCell } from "./ref";
import { valuesOf } from "./x-source";

/** Chart types whose horizontal axis is a category axis (points spaced evenly, in row order). */
export const CATEGORY_TYPES = new Set<ChartModel["type"]>(["line", "column", "bar", "area"]);

/** Magnitudes this far apart are different quantities, and a titled secondary axis is fair. */
export const SECONDARY_RATIO = 20;

/** Every finding for a workbook: each chart's, then the calculation mode's. */
export function checkWorkbook(wb: WorkbookModel): Finding[] {
  return [...wb.charts.flatMap((c) => checkChart(c, wb.sheets)), ...checkCalcMode(wb.calcMode)];
}

/** Chart types the fix turns into XY scatter charts: a function's x drawn on a category axis. */
export const CONVERTIBLE_TYPES = new Set<ChartModel["type"]>(["line", "area"]);

/**
 * Findings for one chart, reading cell values from `sheets` where the model lacks them. Column and
 * bar charts show values per category: they get at most a note about numeric labels, nothing else.
 */
export function checkChart(chart: ChartModel, sheets: SheetContext[] = []): Finding[] {
  if (chart.type === "column" || chart.type === "bar") return checkX(chart, sheets);
  return [
    ...checkX(chart, sheets),
    ...checkLiteralY(chart),
    ...checkLengths(chart, sheets),
    ...checkSecondary(chart, sheets),
    ...checkLog(chart, sheets),
  ];
}

/** A workbook that calculates manually shows stale numbers in cells and charts. */
export function checkCalcMode(mode: WorkbookModel["calcMode"]): Finding[] {
  if (mode !== "manual") return [];
  return [
    {
      code: "manual-calculation",
      severity: "warning",
      title: "The workbook calculates manually",
      explanation:
        "Excel only recalculates when you press F9, so after you change a learning rate or a weight the cells and the charts keep showing the old numbers. Two charts of the same data can then disagree.",
      evidence: { series: [], cells: [] },
      fix: "Set calculation to Automatic (Formulas > Calculation Options > Automatic).",
      fixable: true,
    },
  ];
}

/** Y values typed into the chart. */
function checkLiteralY(chart: ChartModel): Finding[] {
  const literal = indexes(chart, (s) => s.y.kind === "literal");
  if (!literal.length) return [];
  return [
    finding(chart, "literal-values", "error", literal, {
      title: "Y values are typed into the chart, not linked to cells",
      explanation:
        "The values this series draws are a list stored inside the chart. Changing the sheet (a new learning rate, a new run) does not change the chart.",
      cells: [],
      values: (chart.series[literal[0]].y as { values: CellValue[] }).values.slice(0, 6),
      fix: "Put the values in cells and link the series to them (Select Data > Edit > Series values).",
      fixable: false,
      dimension: "y",
    }),
  ];
}

/** X and Y of different lengths, or starting on different rows of the same sheet. */
function checkLengths(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const out: Finding[] = [];
  chart.series.forEach((s, i) => {
    if (s.x.kind === "none" || s.y.kind === "none") return;
    if (s.x.kind === "literal" && CATEGORY_TYPES.has(chart.type)) return; // reported as literal-categories
    const nx = sizeOf(s.x, sheets);
    const ny = sizeOf(s.y, sheets);
    const xr = s.x.kind === "ref" ? parseRef(s.x.ref) : null;
    const yr = s.y.kind === "ref" ? parseRef(s.y.ref) : null;
    const shifted =
      !!xr &&
      !!yr &&
      nx === ny &&
      xr.sheet.toLowerCase() === yr.sheet.toLowerCase() &&
      xr.cols === 1 &&
      yr.cols === 1 &&
      xr.row !== yr.row;
    if ((nx === undefined || ny === undefined || nx === ny) && !shifted) return;
    const fixable = !!xr && !!yr && xr.cols === 1 && yr.cols === 1;
    out.push(
      finding(chart, "length-mismatch", shifted ? "warning" : "error", [i], {
        title: shifted ? "X and Y start on different rows" : `X has ${nx} cells but Y has ${ny}`,
        explanation: shifted
          ? "Each point pairs the n-th x cell with the n-th y cell. These ranges start on different rows, so every point pairs an x with the y of another row."
          : "Each point pairs the n-th x cell with the n-th y cell. With ranges of different lengths, points are dropped or paired with the wrong x.",
        cells: [
          s.x.kind === "ref" ? s.x.ref : "(typed-in X values)",
          s.y.kind === "ref" ? s.y.ref : "(typed-in values)",
        ],
        fix: fixable
          ? "Take the X values from the same rows as the Y values, in the same x column."
          : "Make the X and Y ranges cover the same rows (Select Data > Edit).",
        fixable,
      })
    );
  });
  return out;
}

/** Series on a secondary axis: hidden/untitled axis, or the same kind of numbers read on two rulers. */
function checkSecondary(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const sec = indexes(chart, (s) => s.axisGroup === "secondary");
  if (!sec.length) return [];
  const out: Finding[] = [];
  const secAxis = verticalAxis(chart, "secondary");
  const plan = secondaryPlan(chart, sheets);
  const fix =
    plan === "merge"
      ? "Move the series back to the primary axis, so every line reads against the same numbers."
      : "Show the secondary axis and title it with the series it carries.";
  if (!secAxis || !secAxis.visible || !secAxis.title?.trim()) {
    out.push(
      finding(chart, "secondary-axis-hidden", "error", sec, {
        title: "Series on a secondary axis you cannot see or read",
        explanation:
          "These series are drawn against a second vertical scale, but that axis is " +
          (!secAxis || !secAxis.visible ? "hidden" : "untitled") +
          ", so the reader takes their heights from the left-hand axis, which shows different numbers.",
        cells: refsOf(chart, sec, "y"),
        fix,
        fixable: true,
      })
    );
  }
  const pri = indexes(chart, (s) => s.axisGroup === "primary");
  if (pri.length && !sameScale(verticalAxis(chart, "primary"), secAxis)) {
    const ratio = magnitudeRatio(chart, sheets);
    if (ratio === undefined || ratio < SECONDARY_RATIO) {
      out.push(
        finding(chart, "secondary-axis-rescaled", ratio === undefined ? "warning" : "error", sec, {
          title: "The same kind of numbers read differently on two axes",
          explanation:
            "The primary and secondary axes are scaled separately. Numbers of the same size sit at different heights, so a series seems to change its values when it moves to the other axis (the forum's green line).",
          cells: refsOf(chart, [...pri, ...sec], "y"),
          fix,
          fixable: true,
        })
      );
    }
  }
  return out;
}

/** What the fix does with secondary series: merge them into the primary axis, or title the secondary axis. */
export function secondaryPlan(chart: ChartModel, sheets: SheetContext[]): "merge" | "title" {
  const ratio = magnitudeRatio(chart, sheets);
  const hasPrimary = chart.series.some((s) => s.axisGroup === "primary");
  return hasPrimary && ratio !== undefined && ratio >= SECONDARY_RATIO ? "title" : "merge";
}

/** Logarithmic axes over values that are zero or negative. */
function checkLog(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const out: Finding[] = [];
  for (const axis of chart.axes) {
    if (axis.scale !== "log") continue;
    const useX = axis.direction === "horizontal";
    if (useX && chart.type !== "scatter") continue;
    const bad: { index: number; cell: string; value: number }[] = [];
    chart.series.forEach((s, i) => {
      if (s.axisGroup !== axis.group) return;
      const src = useX ? s.x : s.y;
      const vals = valuesOf(src, sheets) ?? [];
      const r = src.kind === "ref" ? parseRef(src.ref) : null;
      vals.forEach((v, k) => {
        if (typeof v !== "number" || v > 0) return;
        const c = r && k < r.rows * r.cols ? refCell(r, k) : undefined;
        bad.push({
          index: i,
          value: v,
          cell: r && c ? cellAddress(r.sheet, c.row, c.col) : `point ${k + 1}`,
        });
      });
    });
    if (!bad.length) continue;
    out.push(
      finding(chart, "log-axis-nonpositive", "error", unique(bad.map((b) => b.index)), {
        title: `Logarithmic ${useX ? "horizontal" : "vertical"} axis over zero or negative values`,
        explanation:
          "A logarithmic scale has no place for zero or negative numbers: Excel leaves those points out (or refuses the scale), so the chart hides exactly the values that matter.",
        cells: bad.slice(0, 5).map((b) => b.cell),
        values: bad.slice(0, 5).map((b) => b.value),
        fix: "Switch the axis to a linear scale.",
        fixable: true,
        axis: { group: axis.group, direction: axis.direction },
      })
    );
  }
  return out;
}
