import { describe, expect, it } from "vitest";
import {
  checkChart,
  checkWorkbook,
  type CellValue,
  type ChartModel,
  type SheetContext,
} from "../../../src/doctor";
import {
  axes,
  categoryChart,
  forumLineChart,
  forumSheet,
  logScatterChart,
  ONE_TO_21,
  scatterChart,
  series,
  sheetS,
  textXSheet,
} from "./fixtures";

const codes = (chart: ChartModel, sheets: SheetContext[] = []) =>
  checkChart(chart, sheets).map((f) => f.code);

describe("checkChart: x values on a category axis", () => {
  it("reports the forum's line chart whose categories are a typed-in 1..21 as an error it can fix from the x column", () => {
    const [f, ...rest] = checkChart(forumLineChart(), [forumSheet()]);
    expect(rest).toEqual([]);
    expect(f.code).toBe("literal-categories");
    expect(f.severity).toBe("error");
    expect(f.fixable).toBe(true);
    expect(f.evidence.series).toEqual([{ index: 0, name: "y" }]);
    expect(f.evidence.cells).toEqual(["Sheet1!$B$2:$B$22"]);
    expect(f.evidence.values).toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.explanation).toContain("1, 2, 3, 4, …, 21");
    expect(f.fix).toContain("Sheet1!$A$2:$A$22");
  });

  it("reports numeric category cells that are not evenly spaced as an error", () => {
    const sheet = sheetS([
      ["x", "y"],
      [14, 58],
      [86, 202],
      [28, 86],
    ]);
    const chart = categoryChart(
      "line",
      { kind: "ref", ref: "S!$A$2:$A$4" },
      { kind: "ref", ref: "S!$B$2:$B$4" }
    );
    const [f] = checkChart(chart, [sheet]);
    expect(f.code).toBe("numeric-categories");
    expect(f.severity).toBe("error");
    expect(f.evidence.values).toEqual([14, 86, 28]);
    expect(f.fixable).toBe(true);
  });

  it("downgrades evenly spaced, sorted numeric categories to a warning: right today, wrong when x changes", () => {
    const chart = categoryChart(
      "line",
      { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
      { kind: "ref", ref: "Sheet1!$B$2:$B$22" }
    );
    const [f] = checkChart(chart, [forumSheet()]);
    expect(f.code).toBe("numeric-categories");
    expect(f.severity).toBe("warning");
  });

  it("leaves a chart of text categories alone (a real category chart)", () => {
    const sheet = sheetS([
      ["SGD", 3],
      ["Adam", 1],
    ]);
    const chart = categoryChart(
      "bar",
      { kind: "ref", ref: "S!$A$1:$A$2" },
      { kind: "ref", ref: "S!$B$1:$B$2" }
    );
    expect(codes(chart, [sheet])).toEqual([]);
  });

  it("reports graddesc's Error by epoch chart (no categories, no other x) as a note: its x is the row number by design", () => {
    const values: CellValue[][] = [["rmse"], ...[104.7, 104.5, 104.3].map((v) => [v])];
    const sheet: SheetContext = { name: "basic", top: 36, left: 2, values };
    const chart: ChartModel = {
      id: "c",
      title: "Error by epoch",
      type: "line",
      axes: axes("category"),
      series: [series({ y: { kind: "ref", ref: "basic!$C$38:$C$40" } })],
    };
    const [f, ...rest] = checkChart(chart, [sheet]);
    expect(rest).toEqual([]);
    expect(f.code).toBe("absent-categories");
    expect(f.severity).toBe("note");
    expect(f.fixable).toBe(false);
    expect(f.explanation).toMatch(/nothing is wrong/);
    expect(f.fix).toMatch(/column/);
  });

  it("keeps it a note when the epoch column beside the values counts 1..n, exactly what the axis shows", () => {
    const sheet: SheetContext = {
      name: "basic",
      top: 36,
      left: 1,
      values: [
        ["epoch", "rmse"],
        [1, 104.7],
        [2, 104.5],
        [3, 104.3],
      ],
    };
    const chart: ChartModel = {
      id: "c",
      type: "line",
      axes: axes("category"),
      series: [series({ y: { kind: "ref", ref: "basic!$C$38:$C$40" } })],
    };
    expect(checkChart(chart, [sheet]).map((f) => [f.code, f.severity, f.fixable])).toEqual([
      ["absent-categories", "note", false],
    ]);
  });

  it("warns, and offers the link, when an x column beside the values holds other x values", () => {
    const chart: ChartModel = {
      id: "c",
      type: "line",
      axes: axes("category"),
      series: [series({ y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" } })],
    };
    const [f] = checkChart(chart, [forumSheet()]);
    expect([f.code, f.severity, f.fixable]).toEqual(["absent-categories", "warning", true]);
    expect(f.fix).toContain("Sheet1!$A$2:$A$22");
  });

  it("calls category cells that count 1, 2, 3… (epochs) a note, not a warning", () => {
    const sheet: SheetContext = {
      name: "log",
      top: 0,
      left: 0,
      values: [
        ["epoch", "sse"],
        [1, 9],
        [2, 5],
        [3, 4],
      ],
    };
    const chart = categoryChart(
      "line",
      { kind: "ref", ref: "log!$A$2:$A$4" },
      { kind: "ref", ref: "log!$B$2:$B$4" }
    );
    expect(checkChart(chart, [sheet]).map((f) => [f.code, f.severity, f.fixable])).toEqual([
      ["numeric-categories", "note", false],
    ]);
  });

  it("does not look at x values of chart types it does not understand (pie, radar…)", () => {
    const chart: ChartModel = {
      id: "c",
      type: "other",
      axes: [],
      series: [series({ y: { kind: "ref", ref: "S!$B$1:$B$2" } })],
    };
    expect(codes(chart)).toEqual([]);
  });
});

describe("checkChart: scoped to a function's x axis", () => {
  const uneven: SheetContext = {
    name: "D",
    top: 0,
    left: 0,
    values: [
      ["x", "y"],
      [14, 58],
      [86, 202],
      [28, 86],
    ],
  };
  const linked = (
    type: ChartModel["type"],
    kind: "category" | "date" = "category"
  ): ChartModel => ({
    id: "c",
    type,
    axes: axes(kind as "category"),
    series: [
      series({
        x: { kind: "ref", ref: "D!$A$2:$A$4" },
        y: { kind: "ref", ref: "D!$B$2:$B$4" },
        axisGroup: "primary",
      }),
    ],
  });

  it("treats a date axis as a value axis: dates are placed by value, so there is nothing to report", () => {
    expect(codes(linked("line", "date"), [uneven])).toEqual([]);
    expect(codes(linked("area", "date"), [uneven])).toEqual([]);
  });

  it("acts on line and area charts with numeric categories out of order", () => {
    for (const t of ["line", "area"] as const)
      expect(checkChart(linked(t), [uneven]).map((f) => [f.severity, f.fixable])).toEqual([
        ["error", true],
      ]);
  });

  it.each(["column", "bar"] as const)(
    "gives a %s chart with numeric categories one note and no fix",
    (type) => {
      const f = checkChart(linked(type), [uneven]);
      expect(f.map((x) => [x.code, x.severity, x.fixable])).toEqual([
        ["numeric-categories", "note", false],
      ]);
      expect(f[0].explanation).toMatch(/values per category/);
    }
  );

  it("gives a column chart nothing beyond that note, even with typed-in values or a log axis over zero", () => {
    const chart: ChartModel = {
      id: "c",
      type: "column",
      axes: axes("category").map((a) =>
        a.direction === "vertical" ? { ...a, scale: "log" as const } : a
      ),
      series: [
        series({ x: { kind: "literal", values: [1, 2] }, y: { kind: "literal", values: [0, 3] } }),
      ],
    };
    expect(codes(chart)).toEqual([]);
  });
});

describe("checkChart: values typed in rather than linked", () => {
  it("reports typed-in Y values, which it cannot link", () => {
    const chart = scatterChart(
      { kind: "ref", ref: "Sheet1!$A$2:$A$4" },
      { kind: "literal", values: [1, 2, 3] }
    );
    const [f] = checkChart(chart, [forumSheet()]);
    expect(f.code).toBe("literal-values");
    expect(f.evidence.dimension).toBe("y");
    expect(f.fixable).toBe(false);
  });

  it("reports typed-in scatter X values, fixable only when cells beside the values hold the same numbers", () => {
    const same = forumSheet()
      .values.slice(1)
      .map((r) => r[0]);
    const chart = (x: CellValue[]): ChartModel => ({
      id: "c",
      type: "scatter",
      axes: axes("value"),
      series: [
        series({ x: { kind: "literal", values: x }, y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" } }),
      ],
    });
    const linkable = checkChart(chart(same), [forumSheet()]);
    expect(linkable.map((f) => [f.code, f.evidence.dimension, f.fixable])).toEqual([
      ["literal-values", "x", true],
    ]);
    const different = checkChart(chart(ONE_TO_21), [forumSheet()]);
    expect(different.map((f) => f.fixable)).toEqual([false]);
  });

  it("reports a scatter series with no X values as an error (its points sit at 1..n)", () => {
    const chart: ChartModel = {
      id: "c",
      type: "scatter",
      axes: axes("value"),
      series: [series({ y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" } })],
    };
    const [f] = checkChart(chart, [forumSheet()]);
    expect([f.code, f.severity, f.fixable]).toEqual(["absent-categories", "error", true]);
  });
});

describe("checkChart: scatter X cells holding text", () => {
  it("reports numbers typed as text (Excel plots them at 1..n) and links the numeric column instead", () => {
    const sheet = textXSheet();
    const chart = scatterChart(
      { kind: "ref", ref: "S!$B$2:$B$3" },
      { kind: "ref", ref: "S!$C$2:$C$3" }
    );
    const [f] = checkChart(chart, [sheet]);
    expect([f.code, f.severity, f.fixable, f.evidence.cells]).toEqual([
      "absent-categories",
      "error",
      true,
      ["S!$B$2:$B$3"],
    ]);
    expect(f.fix).toContain("S!$A$2:$A$3");
  });
});

describe("checkChart: X and Y ranges that do not pair up", () => {
  const scatter = (x: string, y: string): ChartModel => ({
    id: "c",
    type: "scatter",
    axes: axes("value"),
    series: [series({ x: { kind: "ref", ref: x }, y: { kind: "ref", ref: y } })],
  });

  it("reports ranges of different lengths as an error", () => {
    const [f] = checkChart(scatter("Sheet1!$A$2:$A$22", "Sheet1!$B$2:$B$20"), [forumSheet()]);
    expect(f.code).toBe("length-mismatch");
    expect(f.severity).toBe("error");
    expect(f.title).toBe("X has 21 cells but Y has 19");
    expect(f.evidence.cells).toEqual(["Sheet1!$A$2:$A$22", "Sheet1!$B$2:$B$20"]);
  });

  it("reports equal-length ranges that start on different rows", () => {
    const [f] = checkChart(scatter("Sheet1!$A$3:$A$22", "Sheet1!$B$2:$B$21"), [forumSheet()]);
    expect([f.code, f.severity, f.fixable]).toEqual(["length-mismatch", "warning", true]);
  });

  it("accepts a well-formed scatter chart", () => {
    expect(codes(scatter("Sheet1!$A$2:$A$22", "Sheet1!$B$2:$B$22"), [forumSheet()])).toEqual([]);
  });
});

describe("checkChart: secondary axes", () => {
  const twoSeries = (
    secAxis: object | null,
    y2 = "Sheet1!$B$2:$B$22",
    sheet = forumSheet()
  ): [ChartModel, SheetContext[]] => [
    {
      id: "c",
      type: "scatter",
      axes: secAxis ? axes("value", [secAxis]) : axes("value"),
      series: [
        series({
          name: "target",
          x: { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
          y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
        }),
        series({
          name: "prediction",
          x: { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
          y: { kind: "ref", ref: y2 },
          axisGroup: "secondary",
        }),
      ],
    },
    [sheet],
  ];

  it("reports a hidden secondary axis and the rescaling of the same numbers (the forum's green line)", () => {
    const [chart, sheets] = twoSeries({ visible: false });
    const found = checkChart(chart, sheets);
    expect(found.map((f) => [f.code, f.severity])).toEqual([
      ["secondary-axis-hidden", "error"],
      ["secondary-axis-rescaled", "error"],
    ]);
    expect(found[0].evidence.series).toEqual([{ index: 1, name: "prediction" }]);
    expect(found[0].fix).toMatch(/primary axis/);
  });

  it("reports a visible but untitled secondary axis", () => {
    const [chart, sheets] = twoSeries({ visible: true });
    expect(checkChart(chart, sheets)[0].explanation).toContain("untitled");
  });

  it("accepts two axes locked to the same scale and titled", () => {
    const [chart, sheets] = twoSeries({ title: "prediction", min: -200, max: 300 });
    chart.axes[1] = { ...chart.axes[1], min: -200, max: 300 };
    expect(codes(chart, sheets)).toEqual([]);
  });

  it("accepts a titled secondary axis for numbers of a very different size", () => {
    const sheet = forumSheet();
    sheet.values.forEach((r, i) => i > 0 && r.push((r[1] as number) * 1000));
    const [chart, sheets] = twoSeries({ title: "loss (right axis)" }, "Sheet1!$C$2:$C$22", sheet);
    expect(codes(chart, sheets)).toEqual([]);
  });

  it("says when it cannot compare sizes (values unknown) with a warning", () => {
    const [chart] = twoSeries({ title: "prediction" });
    expect(checkChart(chart, []).map((f) => [f.code, f.severity])).toEqual([
      ["secondary-axis-rescaled", "warning"],
    ]);
  });
});

describe("checkChart: logarithmic axes", () => {
  it("reports a log axis over zero or negative values, naming the cells", () => {
    const chart = logScatterChart();
    const [f] = checkChart(chart, [forumSheet()]);
    expect(f.code).toBe("log-axis-nonpositive");
    expect(f.evidence.cells).toEqual([
      "Sheet1!B2",
      "Sheet1!B3",
      "Sheet1!B4",
      "Sheet1!B5",
      "Sheet1!B6",
    ]);
    expect(f.evidence.values).toEqual([-130, -110, -90, -70, -50]);
    expect(f.evidence.axis).toEqual({ group: "primary", direction: "vertical" });
  });

  it("accepts a log axis over positive values", () => {
    const sheet = sheetS([
      [1, 0.5],
      [2, 0.1],
    ]);
    const chart: ChartModel = {
      id: "c",
      type: "scatter",
      axes: axes("value").map((a) => ({ ...a, scale: "log" })),
      series: [
        series({ x: { kind: "ref", ref: "S!$A$1:$A$2" }, y: { kind: "ref", ref: "S!$B$1:$B$2" } }),
      ],
    };
    expect(codes(chart, [sheet])).toEqual([]);
  });
});

describe("checkWorkbook", () => {
  it("reports manual calculation once for the workbook", () => {
    const found = checkWorkbook({ charts: [], sheets: [], calcMode: "manual" });
    expect(found.map((f) => [f.code, f.chartId])).toEqual([["manual-calculation", undefined]]);
  });

  it("is silent for an automatic workbook with good charts", () => {
    expect(checkWorkbook({ charts: [], sheets: [], calcMode: "automatic" })).toEqual([]);
  });
});
