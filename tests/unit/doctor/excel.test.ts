import { describe, expect, it } from "vitest";
import {
  chartFamily,
  scanCharts,
  scatterTypeFor,
  type DoctorScan,
} from "../../../src/excel/doctor";
import { watchCharts } from "../../../src/excel/doctor-watch";
import { applyDoctorFixes } from "../../../src/excel/doctor-fix";
import { cellKey, type FakeExcel } from "../../../fake-excel";
import { chartHandlerCount, fireChartEvent, userChart } from "../../../fake-excel/charts-doctor";
import { fakeHost } from "../excel/helpers";

/** Put rows of values on a sheet from A1 down. */
function fill(fake: FakeExcel, sheet: string, rows: (number | string)[][]): void {
  const s = fake.state.sheets.find((x) => x.name === sheet)!;
  rows.forEach((r, i) => r.forEach((v, j) => s.cells.set(cellKey(i, j), { value: v, format: {} })));
}

const XS = Array.from({ length: 21 }, (_, i) => -80 + 10 * i);

/** The forum's sheet and its line chart with typed-in categories 1..21. */
function forum(apiVersion = "1.15") {
  const { fake, host } = fakeHost({ apiVersion });
  fill(fake, "Sheet1", [["x", "y"], ...XS.map((x) => [x, 2 * x + 30])]);
  const chart = userChart(fake, "Sheet1", {
    type: "LineMarkers",
    title: "y = 2x + 30",
    series: [{ name: "y", x: XS.map((_, i) => i + 1), y: "Sheet1!$B$2:$B$22" }],
    props: { "axes.categoryAxis.title.text": "x" },
  });
  return { fake, host, chart };
}

describe("chartFamily / scatterTypeFor", () => {
  it("maps Excel's chart types to the doctor's families and keeps markers when turning to scatter", () => {
    expect(
      [
        "Line",
        "LineMarkers",
        "ColumnClustered",
        "BarClustered",
        "Area",
        "XYScatterLines",
        "LineStacked",
        "Pie",
      ].map(chartFamily)
    ).toEqual(["line", "line", "column", "bar", "area", "scatter", "other", "other"]);
    expect(["Line", "LineMarkers", "ColumnClustered"].map(scatterTypeFor)).toEqual([
      "XYScatterLinesNoMarkers",
      "XYScatterLines",
      "XYScatter",
    ]);
  });
});

describe("scanCharts in Excel (ExcelApi 1.15)", () => {
  it("reads the forum's chart: typed-in categories, the y cells, the titles", async () => {
    const { host } = forum();
    const scan = await scanCharts(host, "active");
    expect(scan.limitations).toEqual([]);
    const [c] = scan.model.charts;
    expect(c).toMatchObject({
      name: "Chart 1",
      sheet: "Sheet1",
      title: "y = 2x + 30",
      type: "line",
    });
    expect(c.series[0].x).toEqual({ kind: "literal", values: XS.map((_, i) => i + 1) });
    expect(c.series[0].y).toMatchObject({ kind: "ref", ref: "Sheet1!$B$2:$B$22" });
    expect(c.axes[0]).toMatchObject({ direction: "horizontal", kind: "category", title: "x" });
    expect(scan.findings.map((f) => [f.code, f.fixable])).toEqual([["literal-categories", true]]);
    expect(scan.excelTypes[c.id]).toBe("LineMarkers");
  });

  it("degrades on ExcelApi 1.12: says what it cannot check and offers no fix it cannot make", async () => {
    const { host } = forum("1.12");
    const scan = await scanCharts(host, "active");
    expect(scan.limitations[0]).toMatch(/ExcelApi 1.15/);
    expect(scan.model.charts[0].series[0].x).toEqual({
      kind: "ref",
      ref: "",
      values: XS.map((_, i) => i + 1),
    });
    // Values 1..21 from cells Excel will not name: evenly spaced numbers it cannot relink.
    expect(scan.findings.map((f) => [f.code, f.severity, f.fixable])).toEqual([
      ["numeric-categories", "warning", false],
    ]);
  });

  it("falls back to values for a chart whose data sources Excel will not report", async () => {
    const { fake, host } = forum();
    fake.failOn("getDimensionDataSourceString", "GeneralException");
    const scan = await scanCharts(host, "active");
    expect(scan.limitations).toEqual([
      expect.stringMatching(/did not say which cells chart "Chart 1"/),
    ]);
    expect(scan.model.charts[0].series[0].x).toMatchObject({ kind: "ref", ref: "" });
  });
});

describe("applyDoctorFixes in Excel", () => {
  it("turns the forum's chart into an XY scatter chart in place, linked to the x cells, without deleting it", async () => {
    const { fake, host, chart } = forum();
    const scan = await scanCharts(host, "active");
    const r = await applyDoctorFixes(host, scan);
    expect(r.applied.map((a) => a.code)).toEqual(["literal-categories"]);
    expect(r.skipped).toEqual([]);
    const charts = fake.state.sheets[0].charts;
    expect(charts).toEqual([chart]); // same chart, changed in place
    expect(chart.type).toBe("XYScatterLines");
    expect(chart.series[0].x).toEqual({ sheet: "Sheet1", row: 1, col: 0, rows: 21, cols: 1 });
    expect(chart.series[0].name).toBe("y");
    expect(chart.props["title.text"]).toBe("y = 2x + 30");
    expect((await scanCharts(host, "active")).findings).toEqual([]);
  });

  it("links X explicitly when a line chart's numeric category cells become the scatter's X values", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.15" });
    fill(fake, "Sheet1", [
      ["x", "y"],
      [14, 58],
      [86, 202],
      [28, 86],
    ]);
    const chart = userChart(fake, "Sheet1", {
      type: "Line",
      series: [{ name: "y", x: "Sheet1!$A$2:$A$4", y: "Sheet1!$B$2:$B$4" }],
    });
    const scan = await scanCharts(host, "active");
    expect(scan.findings.map((f) => [f.code, f.severity])).toEqual([
      ["numeric-categories", "error"],
    ]);
    await applyDoctorFixes(host, scan);
    expect(chart.type).toBe("XYScatterLinesNoMarkers");
    const actions = fake.requests.flatMap((r) => r.actions.map((a) => a.name));
    expect(actions.indexOf("chartType")).toBeLessThan(actions.indexOf("setXAxisValues"));
    expect(chart.series[0].x).toEqual({ sheet: "Sheet1", row: 1, col: 0, rows: 3, cols: 1 });
  });

  it("moves a secondary series of the same size back to the primary axis", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.15" });
    fill(fake, "Sheet1", [
      ["x", "target", "pred"],
      ...XS.map((x) => [x, 2 * x + 30, 2.5 * x + 10]),
    ]);
    const chart = userChart(fake, "Sheet1", {
      type: "XYScatterLines",
      series: [
        { name: "target", x: "Sheet1!$A$2:$A$22", y: "Sheet1!$B$2:$B$22" },
        { name: "pred", x: "Sheet1!$A$2:$A$22", y: "Sheet1!$C$2:$C$22", axisGroup: "Secondary" },
      ],
      props: { "axes.Value.Secondary.visible": false },
    });
    const scan = await scanCharts(host, "workbook");
    expect(scan.findings.map((f) => f.code)).toEqual([
      "secondary-axis-hidden",
      "secondary-axis-rescaled",
    ]);
    await applyDoctorFixes(host, scan);
    expect(chart.series.map((s) => s.props.axisGroup)).toEqual([undefined, "Primary"]);
    expect((await scanCharts(host, "workbook")).findings).toEqual([]);
  });

  it("switches a log axis over negative values to linear, and manual calculation to automatic", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.15" });
    fill(fake, "Sheet1", [["x", "y"], ...XS.map((x) => [x, 2 * x + 30])]);
    const chart = userChart(fake, "Sheet1", {
      type: "XYScatter",
      series: [{ name: "y", x: "Sheet1!$A$2:$A$22", y: "Sheet1!$B$2:$B$22" }],
      props: { "axes.valueAxis.scaleType": "Logarithmic" },
    });
    fake.state.calculationMode = "Manual";
    const scan = await scanCharts(host, "active");
    expect(scan.findings.map((f) => f.code)).toEqual([
      "log-axis-nonpositive",
      "manual-calculation",
    ]);
    const r = await applyDoctorFixes(host, scan);
    expect(r.applied.map((a) => a.code)).toEqual(["log-axis-nonpositive", "manual-calculation"]);
    expect(chart.props["axes.valueAxis.scaleType"]).toBe("Linear");
    expect(fake.state.calculationMode).toBe("Automatic");
  });

  it("reports, rather than throws, when Excel refuses to switch calculation", async () => {
    const { fake, host } = forum();
    fake.state.calculationMode = "Manual";
    fake.failOn("calculationMode", "GeneralException", "not now");
    const r = await applyDoctorFixes(host, await scanCharts(host, "active"));
    expect(r.applied.map((a) => a.code)).toEqual(["literal-categories"]);
    expect(r.skipped).toEqual([
      {
        code: "manual-calculation",
        reason: expect.stringMatching(/not now.*Calculation Options > Automatic/),
      },
    ]);
    expect(fake.state.calculationMode).toBe("Manual");
  });

  it("applies only the chosen chart's fix", async () => {
    const { fake, host, chart } = forum();
    fake.state.calculationMode = "Manual";
    const scan = await scanCharts(host, "active");
    await applyDoctorFixes(host, scan, (id) => id === "workbook");
    expect(chart.type).toBe("LineMarkers");
    expect(fake.state.calculationMode).toBe("Automatic");
  });
});

describe("watchCharts", () => {
  it("checks a chart the user adds at once and stops when asked", async () => {
    const { fake, host } = forum();
    const scans: DoctorScan[] = [];
    const watch = await watchCharts(host, (s) => scans.push(s));
    if ("unsupported" in watch) throw new Error(watch.unsupported);
    expect(chartHandlerCount(fake)).toBe(3);
    const added = userChart(fake, "Sheet1", {
      type: "Line",
      series: [{ name: "again", y: "Sheet1!$B$2:$B$22" }],
    });
    await fireChartEvent(fake, "ChartAdded", "Sheet1", added);
    await new Promise((r) => setTimeout(r, 20));
    expect(scans).toHaveLength(1);
    expect(scans[0].model.charts.map((c) => c.name)).toEqual(["Chart 2"]);
    expect(scans[0].findings.map((f) => [f.code, f.fixable])).toEqual([
      ["absent-categories", true],
    ]);
    await watch.stop();
    expect(chartHandlerCount(fake)).toBe(0);
  });

  it("explains that it needs ExcelApi 1.8", async () => {
    const { host } = fakeHost({ apiVersion: "1.7" });
    expect(await watchCharts(host, () => undefined)).toEqual({
      unsupported: expect.stringMatching(/ExcelApi 1.8/),
    });
  });
});
