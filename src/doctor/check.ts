/**
 * The checks: a plain chart model in, findings out. Pure; no Office, no files.
 * `checkWorkbook` runs every check on every chart plus the workbook-wide calculation check.
 */
import type { Finding } from "./findings";
import type { AxisModel, CellValue, ChartModel, DataSource, SeriesModel, SheetContext, WorkbookModel } from "./model";
import { cellName, parseRef, quoteSheet, refCells, refSize } from "./ref";
import { findX, isNumericList, valuesOf } from "./x-source";

/** Chart types whose horizontal axis is a category axis (points spaced evenly, in row order). */
export const CATEGORY_TYPES = new Set<ChartModel["type"]>(["line", "column", "bar", "area"]);

/** Magnitudes this far apart are different quantities, and a titled secondary axis is fair. */
export const SECONDARY_RATIO = 20;

/** Every finding for a workbook: each chart's, then the calculation mode's. */
export function checkWorkbook(wb: WorkbookModel): Finding[] {
  return [...wb.charts.flatMap((c) => checkChart(c, wb.sheets)), ...checkCalcMode(wb.calcMode)];
}

/** Findings for one chart, reading cell values from `sheets` where the model lacks them. */
export function checkChart(chart: ChartModel, sheets: SheetContext[] = []): Finding[] {
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

/** The x side: numbers on a category axis, typed-in or missing categories / X values. */
function checkX(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  if (chart.type === "other" || chart.series.length === 0) return [];
  const out: Finding[] = [];
  const canConvert = chart.series.every((_, i) => findX(chart, i, sheets) !== null);
  const xCells = chart.series.map((_, i) => findX(chart, i, sheets)?.source.ref).filter((r): r is string => !!r);
  const linkText = xCells.length ? ` X values will reference ${unique(xCells).join(", ")}.` : "";
  const noCells =
    "No cells next to the values hold the x values. Put them in a column (headed \"x\", \"step\" or \"epoch\") beside the values and run the fix again, or link them with Select Data > Horizontal (Category) Axis Labels > Edit.";
  if (CATEGORY_TYPES.has(chart.type)) {
    const numeric = indexes(chart, (s) => s.x.kind === "ref" && isNumericList(valuesOf(s.x, sheets)));
    if (numeric.length) {
      const vals = valuesOf(chart.series[numeric[0]].x, sheets) ?? [];
      const even = numeric.every((i) => evenlyIncreasing(valuesOf(chart.series[i].x, sheets) ?? []));
      out.push(finding(chart, "numeric-categories", even ? "warning" : "error", numeric, {
        title: `${typeName(chart)} puts numeric x values on a category axis`,
        explanation:
          `A ${chart.type} chart treats the x cells as labels: it spaces the points evenly in row order, whatever the numbers are. ` +
          (even
            ? "Your x values happen to be evenly spaced and sorted, so the picture is right today, but it breaks as soon as they are not."
            : "Your x values are not evenly spaced and sorted, so the curve's shape is wrong."),
        cells: refsOf(chart, numeric, "x"),
        values: vals.slice(0, 6),
        fix: canConvert ? `Turn it into an XY scatter chart that places each point at its x value.${linkText}` : noCells,
        fixable: canConvert,
        dimension: "x",
      }));
    }
    const literal = indexes(chart, (s) => s.x.kind === "literal");
    if (literal.length) {
      const vals = (chart.series[literal[0]].x as { values: CellValue[] }).values;
      out.push(finding(chart, "literal-categories", "error", literal, {
        title: `${typeName(chart)} shows typed-in categories, not your x cells`,
        explanation:
          "The horizontal axis labels are a list stored inside the chart (" + preview(vals) + "), not a link to the x cells. " +
          "The points are spaced evenly in row order and the labels do not follow your data when it changes.",
        cells: refsOf(chart, literal, "y"),
        values: vals.slice(0, 6),
        fix: canConvert ? `Turn it into an XY scatter chart linked to the x cells.${linkText}` : noCells,
        fixable: canConvert,
        dimension: "x",
      }));
    }
    const absent = indexes(chart, (s) => s.x.kind === "none");
    if (absent.length) {
      out.push(finding(chart, "absent-categories", "warning", absent, {
        title: `${typeName(chart)} has no x values: the axis just counts 1, 2, 3…`,
        explanation:
          "No cells are linked to the horizontal axis, so Excel numbers the points 1..n. That is only right when the row number is what you mean (as in graddesc's \"Error by epoch\" chart); otherwise the x values are lost.",
        cells: refsOf(chart, absent, "y"),
        fix: canConvert ? `Turn it into an XY scatter chart linked to the cells that hold the x values.${linkText}` : noCells,
        fixable: canConvert,
        dimension: "x",
      }));
    }
    return out;
  }
  // Scatter: typed-in or missing X values.
  const literal = indexes(chart, (s) => s.x.kind === "literal");
  if (literal.length) {
    const linkable = literal.every((i) => sameNumbers(findX(chart, i, sheets)?.source.values, valuesOf(chart.series[i].x, sheets)));
    out.push(finding(chart, "literal-values", "error", literal, {
      title: "X values are typed into the chart, not linked to cells",
      explanation:
        "The X values are a list stored inside the chart. When you change the x cells the chart does not follow, so it quietly shows old data.",
      cells: refsOf(chart, literal, "y"),
      values: valuesOf(chart.series[literal[0]].x, sheets)?.slice(0, 6),
      fix: linkable
        ? `Link the X values to the cells that hold the same numbers.${linkText}`
        : "Put the X values in cells and link them (Select Data > Edit > Series X values).",
      fixable: linkable,
      dimension: "x",
    }));
  }
  const text = indexes(chart, (s) => s.x.kind === "ref" && isTextList(valuesOf(s.x, sheets)));
  if (text.length) {
    const ok = text.every((i) => findX(chart, i, sheets) !== null);
    out.push(finding(chart, "absent-categories", "error", text, {
      title: "Scatter X cells hold text, so the points sit at 1, 2, 3…",
      explanation:
        "Excel can only place points by number. These X cells hold text (numbers typed as text, or labels), so Excel numbers the points 1..n instead.",
      cells: refsOf(chart, text, "x"),
      values: valuesOf(chart.series[text[0]].x, sheets)?.slice(0, 6),
      fix: ok ? `Link the X values to cells that hold numbers.${linkText}` : "Turn the X cells into numbers (Data > Text to Columns, or retype them) and check again.",
      fixable: ok,
      dimension: "x",
    }));
  }
  const absent = indexes(chart, (s) => s.x.kind === "none");
  if (absent.length) {
    const ok = absent.every((i) => findX(chart, i, sheets) !== null);
    out.push(finding(chart, "absent-categories", "error", absent, {
      title: "Scatter series without X values: the points sit at 1, 2, 3…",
      explanation: "These series have no X values, so Excel places their points at 1..n instead of at their x.",
      cells: refsOf(chart, absent, "y"),
      fix: ok ? `Link the X values to the x cells.${linkText}` : noCells,
      fixable: ok,
      dimension: "x",
    }));
  }
  return out;
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
      !!xr && !!yr && nx === ny && xr.sheet.toLowerCase() === yr.sheet.toLowerCase() &&
      xr.cols === 1 && yr.cols === 1 && xr.row !== yr.row;
    if ((nx === undefined || ny === undefined || nx === ny) && !shifted) return;
    const fixable = !!xr && !!yr && xr.cols === 1 && yr.cols === 1;
    out.push(finding(chart, "length-mismatch", shifted ? "warning" : "error", [i], {
      title: shifted ? "X and Y start on different rows" : `X has ${nx} cells but Y has ${ny}`,
      explanation: shifted
        ? "Each point pairs the n-th x cell with the n-th y cell. These ranges start on different rows, so every point pairs an x with the y of another row."
        : "Each point pairs the n-th x cell with the n-th y cell. With ranges of different lengths, points are dropped or paired with the wrong x.",
      cells: [s.x.kind === "ref" ? s.x.ref : "(typed-in X values)", s.y.kind === "ref" ? s.y.ref : "(typed-in values)"],
      fix: fixable
        ? "Take the X values from the same rows as the Y values, in the same x column."
        : "Make the X and Y ranges cover the same rows (Select Data > Edit).",
      fixable,
    }));
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
    out.push(finding(chart, "secondary-axis-hidden", "error", sec, {
      title: "Series on a secondary axis you cannot see or read",
      explanation:
        "These series are drawn against a second vertical scale, but that axis is " +
        (!secAxis || !secAxis.visible ? "hidden" : "untitled") +
        ", so the reader takes their heights from the left-hand axis, which shows different numbers.",
      cells: refsOf(chart, sec, "y"),
      fix,
      fixable: true,
    }));
  }
  const pri = indexes(chart, (s) => s.axisGroup === "primary");
  if (pri.length && !sameScale(verticalAxis(chart, "primary"), secAxis)) {
    const ratio = magnitudeRatio(chart, sheets);
    if (ratio === undefined || ratio < SECONDARY_RATIO) {
      out.push(finding(chart, "secondary-axis-rescaled", ratio === undefined ? "warning" : "error", sec, {
        title: "The same kind of numbers read differently on two axes",
        explanation:
          "The primary and secondary axes are scaled separately. Numbers of the same size sit at different heights, so a series seems to change its values when it moves to the other axis (the forum's green line).",
        cells: refsOf(chart, [...pri, ...sec], "y"),
        fix,
        fixable: true,
      }));
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
      const cells = r ? refCells(r) : [];
      vals.forEach((v, k) => {
        if (typeof v === "number" && v <= 0)
          bad.push({ index: i, value: v, cell: r && cells[k] ? `${quoteSheet(r.sheet)}!${cellName(cells[k].row, cells[k].col)}` : `point ${k + 1}` });
      });
    });
    if (!bad.length) continue;
    out.push(finding(chart, "log-axis-nonpositive", "error", unique(bad.map((b) => b.index)), {
      title: `Logarithmic ${useX ? "horizontal" : "vertical"} axis over zero or negative values`,
      explanation:
        "A logarithmic scale has no place for zero or negative numbers: Excel leaves those points out (or refuses the scale), so the chart hides exactly the values that matter.",
      cells: bad.slice(0, 5).map((b) => b.cell),
      values: bad.slice(0, 5).map((b) => b.value),
      fix: "Switch the axis to a linear scale.",
      fixable: true,
      axis: { group: axis.group, direction: axis.direction },
    }));
  }
  return out;
}

// ---- small helpers ---------------------------------------------------------------------------

function finding(
  chart: ChartModel,
  code: Finding["code"],
  severity: Finding["severity"],
  series: number[],
  f: {
    title: string;
    explanation: string;
    cells: string[];
    values?: CellValue[];
    fix: string;
    fixable: boolean;
    dimension?: "x" | "y";
    axis?: { group: AxisModel["group"]; direction: AxisModel["direction"] };
  },
): Finding {
  return {
    code,
    severity,
    chartId: chart.id,
    ...(chart.name !== undefined ? { chartName: chart.name } : {}),
    ...(chart.sheet !== undefined ? { sheet: chart.sheet } : {}),
    title: f.title,
    explanation: f.explanation,
    evidence: {
      series: series.map((i) => ({ index: i, ...(chart.series[i].name !== undefined ? { name: chart.series[i].name } : {}) })),
      cells: unique(f.cells),
      ...(f.values !== undefined ? { values: f.values } : {}),
      ...(f.dimension ? { dimension: f.dimension } : {}),
      ...(f.axis ? { axis: f.axis } : {}),
    },
    fix: f.fix,
    fixable: f.fixable,
  };
}

function indexes(chart: ChartModel, pred: (s: SeriesModel) => boolean): number[] {
  return chart.series.flatMap((s, i) => (pred(s) ? [i] : []));
}

function refsOf(chart: ChartModel, series: number[], side: "x" | "y"): string[] {
  return series.flatMap((i) => {
    const src = chart.series[i][side];
    return src.kind === "ref" ? [src.ref] : [];
  });
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function typeName(chart: ChartModel): string {
  return `${chart.type[0].toUpperCase()}${chart.type.slice(1)} chart`;
}

function preview(vals: CellValue[]): string {
  const shown = vals.slice(0, 4).map(String).join(", ");
  return vals.length > 4 ? `${shown}, …, ${String(vals[vals.length - 1])}` : shown;
}

function evenlyIncreasing(vals: CellValue[]): boolean {
  const nums = vals.filter((v): v is number => typeof v === "number");
  if (nums.length !== vals.length || nums.length < 2) return false;
  const step = nums[1] - nums[0];
  if (!(step > 0)) return false;
  return nums.every((v, k) => k === 0 || Math.abs(v - nums[k - 1] - step) <= 1e-9 * Math.max(1, Math.abs(step)));
}

/** True when the list holds text and no numbers (a scatter then plots 1..n). */
function isTextList(values: CellValue[] | undefined): boolean {
  return !!values && values.some((v) => typeof v === "string" && v !== "") && !values.some((v) => typeof v === "number");
}

function sameNumbers(a: CellValue[] | undefined, b: CellValue[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, k) => v === b[k]);
}

function sizeOf(src: DataSource, sheets: SheetContext[]): number | undefined {
  if (src.kind === "literal") return src.values.length;
  if (src.kind === "ref") {
    const r = parseRef(src.ref);
    return r ? refSize(r) : valuesOf(src, sheets)?.length;
  }
  return undefined;
}

function verticalAxis(chart: ChartModel, group: "primary" | "secondary"): AxisModel | undefined {
  return chart.axes.find((a) => a.group === group && a.direction === "vertical");
}

function sameScale(a: AxisModel | undefined, b: AxisModel | undefined): boolean {
  if (!a || !b) return false;
  return a.scale === b.scale && (a.logBase ?? 10) === (b.logBase ?? 10) &&
    a.min !== undefined && a.max !== undefined && a.min === b.min && a.max === b.max;
}

/** max |y| of the secondary series over max |y| of the primary ones (the larger over the smaller). */
function magnitudeRatio(chart: ChartModel, sheets: SheetContext[]): number | undefined {
  const size = (g: "primary" | "secondary"): number | undefined => {
    let m: number | undefined;
    for (const s of chart.series) {
      if (s.axisGroup !== g) continue;
      const vals = valuesOf(s.y, sheets);
      if (!vals) return undefined;
      for (const v of vals) if (typeof v === "number" && Number.isFinite(v)) m = Math.max(m ?? 0, Math.abs(v));
    }
    return m;
  };
  const p = size("primary");
  const q = size("secondary");
  if (p === undefined || q === undefined || p === 0 || q === 0) return undefined;
  return Math.max(p, q) / Math.min(p, q);
}
