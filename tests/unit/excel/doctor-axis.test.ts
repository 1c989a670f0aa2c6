/**
 * The Excel doctor reads a line chart's x axis as Excel draws it: ChartAxis.categoryType
 * (ExcelApi 1.7) "DateAxis" places points by value, as the .xlsx doctor reads a c:dateAx, so a
 * date axis is not reported as evenly spaced categories; a text or automatic axis still is.
 */
import { describe, expect, it } from "vitest";
import { scanCharts } from "../../../src/excel/doctor";
import { cellKey } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { fakeHost } from "./helpers";

/** A line chart of y over typed-in categories 1..3 whose x axis is `categoryType`, through Microsoft's runtime. */
async function scan(categoryType: string) {
  const { fake, host } = fakeHost({ apiVersion: "1.15", runtime: true });
  const s = fake.state.sheets[0];
  [
    ["x", "y"],
    [1, 32],
    [2, 34],
    [3, 36],
  ].forEach((row, i) =>
    row.forEach((v, j) => s.cells.set(cellKey(i, j), { value: v, format: {} }))
  );
  userChart(fake, s.name, {
    type: "Line",
    title: "y",
    series: [{ name: "y", x: [1, 2, 3], y: `${s.name}!$B$2:$B$4` }],
    props: { "axes.categoryAxis.categoryType": categoryType },
  });
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
