/** Crafted chart models and sheet windows for the doctor's unit tests. */
import type {
  AxisModel,
  CellValue,
  ChartModel,
  SeriesModel,
  SheetContext,
} from "../../../src/doctor";

/** The forum's sheet: A1 "x", B1 "y", rows 2..22 hold x = −80..120 step 10 and y = 2x + 30. */
export function forumSheet(): SheetContext {
  const values: CellValue[][] = [["x", "y"]];
  for (let x = -80; x <= 120; x += 10) values.push([x, 2 * x + 30]);
  return { name: "Sheet1", top: 0, left: 0, values };
}

export const ONE_TO_21: CellValue[] = Array.from({ length: 21 }, (_, i) => i + 1);

export function axes(kind: "category" | "value", extra: Partial<AxisModel>[] = []): AxisModel[] {
  return [
    { group: "primary", direction: "horizontal", kind, visible: true, scale: "linear" },
    { group: "primary", direction: "vertical", kind: "value", visible: true, scale: "linear" },
    ...extra.map(
      (a) =>
        ({
          group: "secondary",
          direction: "vertical",
          kind: "value",
          visible: true,
          scale: "linear",
          ...a,
        }) as AxisModel
    ),
  ];
}

export function series(p: Partial<SeriesModel>): SeriesModel {
  return {
    nameSource: { kind: "none" },
    x: { kind: "none" },
    y: { kind: "none" },
    axisGroup: "primary",
    ...p,
  };
}

/** The forum's mistake: a line chart of y whose categories are the literal list 1..21. */
export function forumLineChart(): ChartModel {
  return {
    id: "chart1",
    title: "y = 2x + 30",
    type: "line",
    series: [
      series({
        name: "y",
        nameSource: { kind: "ref", ref: "Sheet1!$B$1" },
        x: { kind: "literal", values: ONE_TO_21 },
        y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
        color: "1F77B4",
      }),
    ],
    axes: axes("category"),
  };
}

/** A scatter chart ("c", value axes) with one series of these X and Y sources. */
export function scatterChart(x: SeriesModel["x"], y: SeriesModel["y"]): ChartModel {
  return { id: "c", type: "scatter", axes: axes("value"), series: [series({ x, y })] };
}

/** A category chart ("c": line, area, column…) with one series of these category and Y sources. */
export function categoryChart(
  type: ChartModel["type"],
  x: SeriesModel["x"],
  y: SeriesModel["y"]
): ChartModel {
  return { id: "c", type, axes: axes("category"), series: [series({ x, y })] };
}

/** A window on sheet "S" from A1 holding `values`, row by row. */
export function sheetS(values: CellValue[][]): SheetContext {
  return { name: "S", top: 0, left: 0, values };
}

/** The forum's scatter chart of y against x (Sheet1!A2:A22, B2:B22), its value axis logarithmic. */
export function logScatterChart(): ChartModel {
  const chart = scatterChart(
    { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
    { kind: "ref", ref: "Sheet1!$B$2:$B$22" }
  );
  chart.axes = chart.axes.map((a) =>
    a.direction === "vertical" ? { ...a, scale: "log", logBase: 10 } : a
  );
  return chart;
}

/** Sheet "S": x in A, the same numbers typed as text in B, y in C, rows 2..3. */
export function textXSheet(): SheetContext {
  return {
    name: "S",
    top: 0,
    left: 0,
    values: [
      ["x", "x as text", "y"],
      [-80, "-80", -130],
      [-70, "-70", -110],
    ],
  };
}
