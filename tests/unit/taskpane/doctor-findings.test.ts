import { describe, expect, it } from "vitest";
import { evidenceText } from "../../../src/taskpane/doctor-findings";
import type { Finding } from "../../../src/doctor";
import { presetById } from "../../../src/core";
import { scanCharts } from "../../../src/excel/doctor";
import { createWorkbook } from "../../../src/excel/gateway";
import { lrCellOf, planFor, runFor } from "../../../src/taskpane/runs";
import { fakeHost } from "../excel/helpers";
import "../../../fake-excel/charts-doctor";

const finding = (cells: string[]): Finding =>
  ({
    code: "absent-categories",
    severity: "error",
    title: "t",
    explanation: "e",
    fix: "f",
    fixable: false,
    evidence: { series: [{ index: 0, name: "√SSE" }], cells, values: [1, 2] },
  }) as Finding;

describe("a finding's evidence line", () => {
  it("names the cells when Excel gives them", () => {
    expect(evidenceText(finding(["Run!$B$2:$B$30"]))).toBe(
      'Series "√SSE"; cells Run!$B$2:$B$30; values 1, 2'
    );
  });

  it("leaves the cells out when Excel gives values but not their cells (ExcelApi 1.12 to 1.14), instead of 'cells ;'", () => {
    expect(evidenceText(finding([""]))).toBe('Series "√SSE"; values 1, 2');
  });
});

describe("the chart doctor on GradSheet's own fresh charts in Excel 2019 (ExcelApi 1.9)", () => {
  it("reports no problem it cannot see, and says which Excel can check the X values", async () => {
    const { host } = fakeHost({ apiVersion: "1.9" });
    const plan = planFor(runFor(presetById("one-neuron")!.options), "1 neuron lr 1e-4");
    await createWorkbook(host).write(plan, {
      record: { options: plan.meta, lrCell: lrCellOf(plan) },
    });
    const scan = await scanCharts(host, "active");
    expect(scan.model.charts.length).toBeGreaterThan(0);
    expect(scan.findings).toEqual([]);
    expect(scan.cantCheck).toEqual([
      expect.stringMatching(
        /^Checking whether a chart's X values are linked to your x cells needs Excel 2021 or Microsoft 365\.$/
      ),
    ]);
  });
});
