/**
 * The sheet plans' presentation reaches a live workbook: series dash, width and marker symbol
 * (ExcelApi 1.7), axis label number formats (1.8) and the page setup (1.9), each skipped, with the
 * sheet still written, on an Excel below its set.
 */
import { describe, expect, it } from "vitest";
import { writePlan } from "../../../src/excel/write-run";
import { presetById, resolveConfig, train } from "../../../src/core";
import { buildRunSheet } from "../../../src/sheet";
import type { SheetPlan } from "../../../src/sheet/plan";
import { expectSheetEqualsPlan, fakeHost, sheetNamed } from "./helpers";

const record = { options: {} };

/** The 2 neurons + ReLU preset's run sheet: its weights chart has series that lie on each other. */
function reluPlan(): SheetPlan {
  return buildRunSheet(train(resolveConfig(presetById("two-relu")!.options), { rows: true }), {
    name: "ReLU",
  });
}

/** What Excel should show for each DrawingML dash / symbol the plan names (Office.js spelling). */
const DASH = { dash: "Dash", sysDot: "RoundDot", lgDash: "DashDot", sysDash: "Dot" } as const;
const SYMBOL = {
  circle: "Circle",
  square: "Square",
  triangle: "Triangle",
  diamond: "Diamond",
} as const;

async function written(apiVersion: string, runtime = false) {
  const { fake, host } = fakeHost({ apiVersion, runtime });
  const plan = reluPlan();
  const report = await writePlan(host, plan, { record });
  const sheet = sheetNamed(fake, "ReLU");
  expectSheetEqualsPlan(sheet, plan);
  return { fake, plan, report, sheet };
}

describe("chart series look in Excel", () => {
  it("gives every series its plan's dash, width and marker symbol on ExcelApi 1.7", async () => {
    const { plan, sheet } = await written("1.7");
    const weights = plan.charts.find((c) => c.series.length > 2 && c.series.some((s) => s.dash))!;
    expect(new Set(weights.series.map((s) => s.dash)).size).toBeGreaterThan(1);
    plan.charts.forEach((spec, i) =>
      spec.series.forEach((s, j) => {
        const props = sheet.charts[i].series[j].props;
        expect(props["line.lineStyle"], `${spec.id} ${s.name}`).toBe(
          !s.lines ? "None" : s.dash ? DASH[s.dash] : undefined
        );
        expect(props["line.weight"]).toBe(s.lines ? (s.width ?? 1.5) : undefined);
        expect(props.markerStyle).toBe(s.markers ? SYMBOL[s.symbol ?? "circle"] : "None");
      })
    );
    const looks = sheet.charts[plan.charts.indexOf(weights)].series.map(
      (s) => `${s.props["line.lineStyle"]}/${s.props["line.weight"]}`
    );
    expect(new Set(looks).size).toBe(looks.length);
  });
});

describe("axis label number formats in Excel", () => {
  it("sets each axis's plan format on ExcelApi 1.8", async () => {
    const { plan, sheet, report } = await written("1.8");
    expect(report.axisWarning).toBeUndefined();
    expect(plan.charts.some((c) => c.yAxis.numberFormat)).toBe(true);
    plan.charts.forEach((spec, i) => {
      expect(sheet.charts[i].props["axes.categoryAxis.numberFormat"]).toBe(spec.xAxis.numberFormat);
      expect(sheet.charts[i].props["axes.valueAxis.numberFormat"]).toBe(spec.yAxis.numberFormat);
    });
  });

  it("leaves the labels General on ExcelApi 1.7, and still writes the log axes", async () => {
    const { fake, sheet, report } = await written("1.7");
    expect(report.axisWarning).toBeUndefined();
    expect(
      fake.requests
        .flatMap((r) => r.actions)
        .filter((a) => a.name === "numberFormat" && a.target.includes("axes"))
    ).toEqual([]);
    for (const c of sheet.charts)
      expect(Object.keys(c.props).filter((k) => k.endsWith("numberFormat"))).toEqual([]);
    expect(sheet.charts.some((c) => c.props["axes.valueAxis.scaleType"] === "Logarithmic")).toBe(
      true
    );
  });
});

describe("page setup in Excel", () => {
  it("sets the print areas, landscape, one page wide and the page breaks on ExcelApi 1.9, through Microsoft's runtime", async () => {
    const { plan, sheet, report } = await written("1.9", true);
    expect(report.axisWarning).toBeUndefined();
    const print = plan.print!;
    expect(print.areas.length).toBeGreaterThan(1);
    expect(sheet.print).toEqual({
      areas: print.areas.map((a) => ({ sheet: "ReLU", ...a })),
      orientation: print.landscape ? "Landscape" : "Portrait",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      rowBreaks: print.rowBreaks ?? [],
    });
  });

  it("keeps only the plan's page breaks when a sheet is rebuilt", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.9" });
    const plan = reluPlan();
    const broken = { ...plan, print: { ...plan.print!, rowBreaks: [40, 80] } };
    await writePlan(host, broken, { record });
    await writePlan(host, broken, { record, replace: "ReLU" });
    expect(sheetNamed(fake, "ReLU").print?.rowBreaks).toEqual([40, 80]);
  });

  it("a host refusing one-page-wide printing loses only that: print areas, log axes, notes and frozen panes stay", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.18" });
    fake.failOn("zoom", "InvalidArgument", "zoom is not supported here");
    const plan = reluPlan();
    const report = await writePlan(host, plan, { record });
    const sheet = sheetNamed(fake, "ReLU");
    expect(report.axisWarning).toBe(
      "The sheet and charts are written, but Excel refused printing one page wide (zoom is not supported here)."
    );
    expect(sheet.print?.zoom).toBeUndefined();
    expect(sheet.print?.areas).toHaveLength(plan.print!.areas.length);
    expect(sheet.notes.size).toBeGreaterThan(0);
    expect(sheet.freeze).not.toBeNull();
    const logged = plan.charts.filter((c) => c.yAxis.log).length;
    expect(logged).toBeGreaterThan(0);
    expect(
      sheet.charts.filter((c) => c.props["axes.valueAxis.scaleType"] === "Logarithmic")
    ).toHaveLength(logged);
  });

  it("gives a rebuilt sheet its new print areas, even when Excel refuses an axis scale in the same request", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.9" });
    const plan = (epochs: number) =>
      buildRunSheet(
        train(resolveConfig({ ...presetById("two-relu")!.options, epochs }), { rows: true }),
        { name: "ReLU" }
      );
    await writePlan(host, plan(3), { record });
    const longer = plan(30);
    fake.failOn("scaleType", "InvalidArgument");
    const report = await writePlan(host, longer, { record, replace: "ReLU" });
    expect(report.axisWarning).toMatch(/Excel refused a chart axis's logarithmic scale/);
    expect(sheetNamed(fake, "ReLU").print?.areas).toEqual(
      longer.print!.areas.map((a) => ({ sheet: "ReLU", ...a }))
    );
  });

  it("skips the page setup on ExcelApi 1.8, the sheet and charts still written", async () => {
    const { fake, sheet, report } = await written("1.8");
    expect(report.axisWarning).toBeUndefined();
    expect(sheet.print).toBeUndefined();
    expect(sheet.charts.length).toBeGreaterThan(0);
    expect(
      fake.requests.flatMap((r) => r.actions).filter((a) => a.target.includes("pageLayout"))
    ).toEqual([]);
  });
});
