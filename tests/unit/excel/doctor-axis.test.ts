/**
 * The Excel doctor reads a line chart's x axis as Excel draws it: ChartAxis.categoryType
 * (ExcelApi 1.7) "DateAxis" places points by value, as the .xlsx doctor reads a c:dateAx, so a
 * date axis is not reported as evenly spaced categories; a text or automatic axis still is.
 */
import { describe, expect, it } from "vitest";
import { scanCharts } from "../../../src/excel/doctor";
import { fakeHost, unlinkedLineChart } from "./helpers";

/** A line chart of y over typed-in categories 1..3 whose x axis is `categoryType`, through Microsoft's runtime. */
async function scan(categoryType: string) {
  const { fake, host } = fakeHost({ apiVersion: "1.15", runtime: true });
  unlinkedLineChart(fake, { "axes.categoryAxis.categoryType": categoryType });
  return scanCharts(host, "active");
}

describe("scanCharts: a line chart's x axis", () => {
  it("reads a DateAxis as a date axis (placed by value) and reports no category finding on it", async () => {
    const result = await scan("DateAxis");
    expect(result.model.charts[0].axes.find((a) => a.direction === "horizontal")?.kind).toBe(
      "date"
    );
    expect(result.findings.map((f) => f.code)).not.toContain("literal-categories");
  });

  it.each(["TextAxis", "Automatic"])(
    "reads a %s as categories and reports the typed-in x values",
    async (categoryType) => {
      const result = await scan(categoryType);
      expect(result.model.charts[0].axes.find((a) => a.direction === "horizontal")?.kind).toBe(
        "category"
      );
      expect(result.findings.map((f) => f.code)).toContain("literal-categories");
    }
  );
});
