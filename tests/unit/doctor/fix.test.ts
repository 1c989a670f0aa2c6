import { describe, expect, it } from "vitest";
import {
  checkChart,
  fixChart,
  fixWorkbook,
  type ChartModel,
  type SheetContext,
} from "../../../src/doctor";
import {
  axes,
  categoryChart,
  forumLineChart,
  forumSheet,
  logScatterChart,
  scatterChart,
  series,
  textXSheet,
} from "./fixtures";

const fixableLeft = (chart: ChartModel, sheets: SheetContext[]) =>
  checkChart(chart, sheets).filter((f) => f.fixable);

describe("fixChart: x values", () => {
  it("turns the forum's line chart into an XY scatter chart whose X values reference the x cells", () => {
    const input = forumLineChart();
    const before = JSON.stringify(input);
    const { chart, applied, skipped } = fixChart(input, [forumSheet()]);
    expect(JSON.stringify(input)).toBe(before); // the input model is untouched
    expect(chart.type).toBe("scatter");
    expect(chart.series[0].x).toMatchObject({ kind: "ref", ref: "Sheet1!$A$2:$A$22" });
    expect(chart.series[0].x.kind === "ref" && chart.series[0].x.values?.slice(0, 3)).toEqual([
      -80, -70, -60,
    ]);
    expect(chart.axes.find((a) => a.direction === "horizontal")?.kind).toBe("value");
    expect(applied.map((a) => a.code)).toEqual(["literal-categories"]);
    expect(applied[0].change).toContain("XY scatter");
    expect(skipped).toEqual([]);
    expect(checkChart(chart, [forumSheet()])).toEqual([]);
  });

  it("keeps series names, name sources, colours, Y values and the chart title", () => {
    const { chart } = fixChart(forumLineChart(), [forumSheet()]);
    const [s] = chart.series;
    expect([chart.title, s.name, s.nameSource, s.color, s.y]).toEqual([
      "y = 2x + 30",
      "y",
      { kind: "ref", ref: "Sheet1!$B$1" },
      "1F77B4",
      { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
    ]);
  });

  it("keeps the chart's own numeric category cells as the X values", () => {
    const chart = categoryChart(
      "area",
      { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
      { kind: "ref", ref: "Sheet1!$B$2:$B$22" }
    );
    const fixed = fixChart(chart, [forumSheet()]).chart;
    expect(fixed.type).toBe("scatter");
    expect(fixed.series[0].x).toMatchObject({ ref: "Sheet1!$A$2:$A$22" });
  });

  it("prefers the column headed x over a nearer numeric column, and skips columns the chart plots", () => {
    const values = [
      ["x", "noise", "target", "pred"],
      ...[3, 1, 2].map((x) => [x, 0.37, 2 * x + 30, 2 * x + 29]),
    ];
    const sheet: SheetContext = { name: "S", top: 0, left: 0, values };
    const chart: ChartModel = {
      id: "c",
      type: "line",
      axes: axes("category"),
      series: [
        series({
          x: { kind: "literal", values: [1, 2, 3] },
          y: { kind: "ref", ref: "S!$C$2:$C$4" },
        }),
        series({
          x: { kind: "literal", values: [1, 2, 3] },
          y: { kind: "ref", ref: "S!$D$2:$D$4" },
        }),
      ],
    };
    const fixed = fixChart(chart, [sheet]).chart;
    expect(fixed.series.map((s) => s.x.kind === "ref" && s.x.ref)).toEqual([
      "S!$A$2:$A$4",
      "S!$A$2:$A$4",
    ]);
  });

  it("leaves a chart whose x values are in no cell as it is, and says what to do", () => {
    const sheet: SheetContext = {
      name: "basic",
      top: 36,
      left: 2,
      values: [["rmse"], [104.7], [104.5]],
    };
    const chart: ChartModel = {
      id: "c",
      type: "line",
      axes: axes("category"),
      series: [series({ y: { kind: "ref", ref: "basic!$C$38:$C$39" } })],
    };
    const r = fixChart(chart, [sheet]);
    expect(r.chart).toEqual(chart);
    expect(r.applied).toEqual([]);
    expect(r.skipped).toEqual([]); // a note: nothing to fix
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([["absent-categories", "note"]]);
  });

  it("links typed-in scatter X values to the cells holding the same numbers", () => {
    const xs = forumSheet()
      .values.slice(1)
      .map((r) => r[0]);
    const chart = scatterChart(
      { kind: "literal", values: xs },
      { kind: "ref", ref: "Sheet1!$B$2:$B$22" }
    );
    const r = fixChart(chart, [forumSheet()]);
    expect(r.chart.series[0].x).toMatchObject({ kind: "ref", ref: "Sheet1!$A$2:$A$22" });
    expect(r.applied[0].change).toContain("Linked the X values");
  });

  it("relinks scatter X cells that hold text to the numeric x column", () => {
    const sheet = textXSheet();
    const chart = scatterChart(
      { kind: "ref", ref: "S!$B$2:$B$3" },
      { kind: "ref", ref: "S!$C$2:$C$3" }
    );
    const r = fixChart(chart, [sheet]);
    expect(r.chart.series[0].x).toMatchObject({ ref: "S!$A$2:$A$3", values: [-80, -70] });
    expect(checkChart(r.chart, [sheet])).toEqual([]);
  });

  it("does not pretend to fix typed-in Y values", () => {
    const chart = scatterChart(
      { kind: "ref", ref: "Sheet1!$A$2:$A$4" },
      { kind: "literal", values: [1, 2, 3] }
    );
    const r = fixChart(chart, [forumSheet()]);
    expect(r.chart).toEqual(chart);
    expect(r.skipped.map((s) => s.code)).toEqual(["literal-values"]);
  });
});

describe("fixChart: ranges, axes and scales", () => {
  it("takes X from the same rows as Y when the ranges do not pair up", () => {
    const chart = scatterChart(
      { kind: "ref", ref: "Sheet1!$A$3:$A$22" },
      { kind: "ref", ref: "Sheet1!$B$2:$B$21" }
    );
    const r = fixChart(chart, [forumSheet()]);
    expect(r.chart.series[0].x).toMatchObject({ ref: "Sheet1!$A$2:$A$21" });
    expect(fixableLeft(r.chart, [forumSheet()])).toEqual([]);
  });

  const secondary = (y2: string, sheet: SheetContext, sec: object): ChartModel => ({
    id: "c",
    type: "line",
    axes: axes("category", [sec, { direction: "horizontal", kind: "category", visible: false }]),
    series: [
      series({
        name: "target",
        x: { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
        y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
        color: "FF0000",
      }),
      series({
        name: "loss",
        x: { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
        y: { kind: "ref", ref: y2 },
        axisGroup: "secondary",
        color: "00AA00",
      }),
    ],
  });

  it("moves series of the same size back to the primary axis and drops the secondary axes", () => {
    const r = fixChart(secondary("Sheet1!$B$2:$B$22", forumSheet(), { visible: false }), [
      forumSheet(),
    ]);
    expect(r.chart.series.map((s) => [s.axisGroup, s.color])).toEqual([
      ["primary", "FF0000"],
      ["primary", "00AA00"],
    ]);
    expect(r.chart.axes.every((a) => a.group === "primary")).toBe(true);
    expect(r.chart.type).toBe("scatter");
    expect(checkChart(r.chart, [forumSheet()])).toEqual([]);
  });

  it("shows and titles a secondary axis that carries numbers of a very different size", () => {
    const sheet = forumSheet();
    sheet.values.forEach((row, i) => i > 0 && row.push((row[1] as number) * 1e4));
    const r = fixChart(secondary("Sheet1!$C$2:$C$22", sheet, { visible: false }), [sheet]);
    const axis = r.chart.axes.find((a) => a.group === "secondary" && a.direction === "vertical");
    expect(axis).toMatchObject({ visible: true, title: "loss (right axis)" });
    expect(r.chart.series[1].axisGroup).toBe("secondary");
    expect(checkChart(r.chart, [sheet])).toEqual([]);
  });

  it("switches a log axis over non-positive values to linear", () => {
    const chart = logScatterChart();
    const r = fixChart(chart, [forumSheet()]);
    const v = r.chart.axes.find((a) => a.direction === "vertical");
    expect(v?.scale).toBe("linear");
    expect(v?.logBase).toBeUndefined();
    expect(r.chart.axes.find((a) => a.direction === "horizontal")?.scale).toBe("linear");
  });
});

describe("fixWorkbook", () => {
  it("fixes every chart and sets a manual workbook to automatic", () => {
    const r = fixWorkbook({
      charts: [forumLineChart()],
      sheets: [forumSheet()],
      calcMode: "manual",
    });
    expect(r.workbook.calcMode).toBe("automatic");
    expect(r.workbook.charts[0].type).toBe("scatter");
    expect(r.applied.map((a) => a.code)).toEqual(["literal-categories", "manual-calculation"]);
  });
});
