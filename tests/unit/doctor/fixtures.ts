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
