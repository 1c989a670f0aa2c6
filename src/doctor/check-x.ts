/**
 * The x-axis checks, scoped to charts of a function y = f(x): line and area charts (whose category
 * axis spaces points evenly, whatever their x) and scatter charts (whose X values may be typed in,
 * text or missing). A date axis already places points by value: no finding. Column and bar charts
 * show values per category; numeric categories there get at most a note, never a fix.
 */
import type { Finding } from "./findings";
import type { CellValue, ChartModel, SheetContext } from "./model";
import {
  evenlyIncreasing,
  finding,
  indexes,
  isCount,
  isTextList,
  preview,
  refsOf,
  sameNumbers,
  typeName,
  unique,
} from "./check-util";
import { findX, isNumericList, valuesOf } from "./x-source";

const NO_CELLS =
  'No cells next to the values hold the x values. Put them in a column (headed "x", "step" or "epoch") beside the values and run the fix again, or link them with Select Data > Horizontal (Category) Axis Labels > Edit.';

/** True when the chart's primary horizontal axis is a date axis (Excel places dates by value). */
export function hasDateAxis(chart: ChartModel): boolean {
  return chart.axes.some(
    (a) => a.group === "primary" && a.direction === "horizontal" && a.kind === "date"
  );
}

/** Findings about where a chart's x values come from. */
export function checkX(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  if (chart.type === "other" || chart.series.length === 0) return [];
  if (chart.type === "scatter") return scatterX(chart, sheets);
  if (hasDateAxis(chart)) return [];
  return chart.type === "column" || chart.type === "bar"
    ? barNote(chart, sheets)
    : categoryX(chart, sheets);
}

/** Where the fix would link X, in words ("" when it finds nothing). */
function linkText(chart: ChartModel, sheets: SheetContext[]): string {
  const xCells = chart.series
    .map((_, i) => findX(chart, i, sheets)?.source.ref)
    .filter((r): r is string => !!r);
  return xCells.length ? ` X values will reference ${unique(xCells).join(", ")}.` : "";
}

/** Line and area charts: numeric, typed-in or missing categories. */
function categoryX(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const out: Finding[] = [];
  const canConvert = chart.series.every((_, i) => findX(chart, i, sheets) !== null);
  const link = linkText(chart, sheets);
  const numeric = indexes(chart, (s) => s.x.kind === "ref" && isNumericList(valuesOf(s.x, sheets)));
  if (numeric.length) {
    const lists = numeric.map((i) => valuesOf(chart.series[i].x, sheets) ?? []);
    // A count in known cells (an epoch column) is the x by design; unknown cells may be typed in.
    const count =
      lists.every(isCount) &&
      numeric.every((i) => (chart.series[i].x as { ref: string }).ref !== "");
    const even = lists.every(evenlyIncreasing);
    out.push(
      finding(chart, "numeric-categories", count ? "note" : even ? "warning" : "error", numeric, {
        title: `${typeName(chart)} puts numeric x values on a category axis`,
        explanation:
          `A ${chart.type} chart treats the x cells as labels: it spaces the points evenly in row order, whatever the numbers are. ` +
          (count
            ? "Your x cells count 1, 2, 3… (epochs or steps), so even spacing is exactly right: nothing is wrong."
            : even
              ? "Your x values happen to be evenly spaced and sorted, so the picture is right today, but it breaks as soon as they are not."
              : "Your x values are not evenly spaced and sorted, so the curve's shape is wrong."),
        cells: refsOf(chart, numeric, "x"),
        values: lists[0].slice(0, 6),
        fix: count
          ? "Nothing to do."
          : canConvert
            ? `Turn it into an XY scatter chart that places each point at its x value.${link}`
            : NO_CELLS,
        fixable: !count && canConvert,
        dimension: "x",
      })
    );
  }
  const literal = indexes(chart, (s) => s.x.kind === "literal");
  if (literal.length) {
    const vals = (chart.series[literal[0]].x as { values: CellValue[] }).values;
    out.push(
      finding(chart, "literal-categories", "error", literal, {
        title: `${typeName(chart)} shows typed-in categories, not your x cells`,
        explanation:
          "The horizontal axis labels are a list stored inside the chart (" +
          preview(vals) +
          "), not a link to the x cells. " +
          "The points are spaced evenly in row order and the labels do not follow your data when it changes.",
        cells: refsOf(chart, literal, "y"),
        values: vals.slice(0, 6),
        fix: canConvert
          ? `Turn it into an XY scatter chart linked to the x cells.${link}`
          : NO_CELLS,
        fixable: canConvert,
        dimension: "x",
      })
    );
  }
  const absent = indexes(chart, (s) => s.x.kind === "none");
  if (absent.length) {
    // By design when nothing else holds the x, or the x cells found count 1..n anyway (an epoch log).
    const choices = absent.map((i) => findX(chart, i, sheets));
    const byDesign = choices.every(
      (c) => !c || (isCount(c.source.values) && c.source.values[0] === 1)
    );
    out.push(
      finding(chart, "absent-categories", byDesign ? "note" : "warning", absent, {
        title: `${typeName(chart)} has no x values: the axis just counts 1, 2, 3…`,
        explanation: byDesign
          ? 'No cells are linked to the horizontal axis, so Excel numbers the points 1..n. For a log with one row per epoch or step (like graddesc\'s "Error by epoch" chart) that count is the x you mean, so nothing is wrong.'
          : "No cells are linked to the horizontal axis, so Excel numbers the points 1..n, and the x values beside them are lost.",
        cells: refsOf(chart, absent, "y"),
        fix: byDesign
          ? 'Nothing to do if the row number is what you mean. If the points have x values of their own, put them in a column headed "x" beside the values and check again.'
          : `Turn it into an XY scatter chart linked to the cells that hold the x values.${link}`,
        fixable: !byDesign,
        dimension: "x",
      })
    );
  }
  return out;
}

/** Scatter charts: typed-in, text or missing X values. */
function scatterX(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const out: Finding[] = [];
  const link = linkText(chart, sheets);
  const literal = indexes(chart, (s) => s.x.kind === "literal");
  if (literal.length) {
    const linkable = literal.every((i) =>
      sameNumbers(findX(chart, i, sheets)?.source.values, valuesOf(chart.series[i].x, sheets))
    );
    out.push(
      finding(chart, "literal-values", "error", literal, {
        title: "X values are typed into the chart, not linked to cells",
        explanation:
          "The X values are a list stored inside the chart. When you change the x cells the chart does not follow, so it quietly shows old data.",
        cells: refsOf(chart, literal, "y"),
        values: valuesOf(chart.series[literal[0]].x, sheets)?.slice(0, 6),
        fix: linkable
          ? `Link the X values to the cells that hold the same numbers.${link}`
          : "Put the X values in cells and link them (Select Data > Edit > Series X values).",
        fixable: linkable,
        dimension: "x",
      })
    );
  }
  const text = indexes(chart, (s) => s.x.kind === "ref" && isTextList(valuesOf(s.x, sheets)));
  if (text.length) {
    const ok = text.every((i) => findX(chart, i, sheets) !== null);
    out.push(
      finding(chart, "absent-categories", "error", text, {
        title: "Scatter X cells hold text, so the points sit at 1, 2, 3…",
        explanation:
          "Excel can only place points by number. These X cells hold text (numbers typed as text, or labels), so Excel numbers the points 1..n instead.",
        cells: refsOf(chart, text, "x"),
        values: valuesOf(chart.series[text[0]].x, sheets)?.slice(0, 6),
        fix: ok
          ? `Link the X values to cells that hold numbers.${link}`
          : "Turn the X cells into numbers (Data > Text to Columns, or retype them) and check again.",
        fixable: ok,
        dimension: "x",
      })
    );
  }
  const absent = indexes(chart, (s) => s.x.kind === "none");
  if (absent.length) {
    const ok = absent.every((i) => findX(chart, i, sheets) !== null);
    out.push(
      finding(chart, "absent-categories", "error", absent, {
        title: "Scatter series without X values: the points sit at 1, 2, 3…",
        explanation:
          "These series have no X values, so Excel places their points at 1..n instead of at their x.",
        cells: refsOf(chart, absent, "y"),
        fix: ok ? `Link the X values to the x cells.${link}` : NO_CELLS,
        fixable: ok,
        dimension: "x",
      })
    );
  }
  return out;
}

/** Column and bar charts: numbers as category labels are fine for values per category; a note at most. */
function barNote(chart: ChartModel, sheets: SheetContext[]): Finding[] {
  const numeric = indexes(chart, (s) => s.x.kind === "ref" && isNumericList(valuesOf(s.x, sheets)));
  const lists = numeric.map((i) => valuesOf(chart.series[i].x, sheets) ?? []);
  if (!numeric.length || lists.every(isCount)) return [];
  const what = chart.type === "bar" ? "bars" : "columns";
  return [
    finding(chart, "numeric-categories", "note", numeric, {
      title: `${typeName(chart)} labels its ${what} with numbers`,
      explanation:
        `A ${chart.type} chart draws one of its ${what} per category, evenly spaced in row order, with the numbers as labels. ` +
        "That is right for values per category (per run, per learning rate). If the numbers are the x of a function y = f(x), an XY scatter chart places each point at its x instead.",
      cells: refsOf(chart, numeric, "x"),
      values: lists[0].slice(0, 6),
      fix: "Nothing to change for values per category. For a function of x, insert an XY scatter chart of the same cells (Insert > Scatter).",
      fixable: false,
      dimension: "x",
    }),
  ];
}
