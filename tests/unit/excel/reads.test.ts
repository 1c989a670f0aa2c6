import { describe, expect, it } from "vitest";
import { scanCharts } from "../../../src/excel/doctor";
import { createWorkbook, writePlan } from "../../../src/excel";
import { cellKey } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { fakeHost } from "./helpers";

describe("reads under Excel on the web's 5 MB response limit", () => {
  it("Rebuild's check of edited cells reads a 7 MB table of formulas in blocks", async () => {
    const { fake, host } = fakeHost();
    const plan = sgdPlan({ steps: 16_000, name: "Big", extraColumns: 8 });
    await writePlan(host, plan, { record: { options: {} } });
    fake.userEdit("Big", 12_000, 4, 1);
    expect(await createWorkbook(host).editedCells("Big", plan)).toEqual(["E12001"]);
  });

  it("the chart doctor reads the cells around a long series in blocks", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.15" });
    const s = fake.state.sheets[0];
    for (let r = 0; r < 19_000; r++)
      for (let c = 0; c < 20; c++)
        s.cells.set(cellKey(r, c), {
          value: r === 0 ? `column ${c}` : r * 1.0000000001 + c / 7,
          format: {},
        });
    userChart(fake, "Sheet1", {
      type: "Line",
      title: "t",
      series: [
        { name: "y", x: Array.from({ length: 5 }, (_, i) => i + 1), y: "Sheet1!$T$2:$T$19000" },
      ],
      props: {},
    });
    const scan = await scanCharts(host, "active");
    expect(scan.limitations).toEqual([]);
    expect(scan.model.charts).toHaveLength(1);
  });
});
