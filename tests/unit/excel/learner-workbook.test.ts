/**
 * The learner's workbook is theirs (issue 21): GradSheet knows its sheets by the marks they carry,
 * touches only what it wrote, and keeps its index small. Each case is a learner's edit made
 * through the fake's host rules, then a GradSheet action, on ExcelApi 1.12 (custom properties)
 * and 1.9 (names, header and ids only).
 */
import { describe, expect, it } from "vitest";
import { createWorkbook, writePlan } from "../../../src/excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { cellKey } from "../../../fake-excel";
import { DATA_NAMESPACE } from "../../../src/excel/run-data";
import { LR_CELL, sgdPlan } from "../../helpers/sgd-plan";
import { content, expectSheetEqualsPlan, fakeHost, sheetNamed, storedIndex } from "./helpers";

/** The writers' one hand-built run (tests/helpers/sgd-plan), `steps` rows, named like a learner's first run. */
const runPlan = (steps: number, name = "Run 1") => sgdPlan({ steps, name });
const points = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i + 1, y: 2 * i + 32 }));
const options = (n = 3) => ({ gradsheet: 1, kind: "run", settings: { lr: 1e-4, data: points(n) } });

async function withRun(apiVersion = "1.12", rows = 20, n = 3) {
  const { fake, host } = fakeHost({ apiVersion });
  const plan = runPlan(rows);
  await writePlan(host, plan, { record: { options: options(n), lrCell: LR_CELL } });
  return { fake, host, plan, wb: createWorkbook(host) };
}

describe.each(["1.12", "1.9"])("the learner's workbook on ExcelApi %s", (api) => {
  it("Rebuild keeps the learner's note beside the run, their chart, shape and name, and clears only GradSheet's cells", async () => {
    const { fake, host, plan } = await withRun(api);
    fake.userEdit("Run 1", 2, 30, "my note: lr too big?"); // AE3, right of the run
    const theirs = userChart(fake, "Run 1", {
      type: "XYScatter",
      series: [{ name: "mine", y: "'Run 1'!$B$7:$B$9" }],
    });
    fake.learner.shape("Run 1", "my arrow");
    fake.learner.defineName("MyCell", "Run 1", "AE3", "Run 1");
    const mine = sheetNamed(fake, "Run 1").cells.get(cellKey(2, 30));
    await writePlan(host, plan, { record: { options: options() }, replace: "Run 1" });
    const sheet = sheetNamed(fake, "Run 1");
    expect(sheet.cells.get(cellKey(2, 30))).toEqual(mine);
    expect(sheet.charts.map((c) => c.name)).toContain(theirs.name);
    expect(sheet.charts.filter((c) => c.series[0].name === "mine")).toHaveLength(1);
    expect(sheet.shapes.map((s) => s.name)).toEqual(["my arrow"]);
    expect(fake.state.names.some((n) => n.name === "MyCell")).toBe(true);
    expectSheetEqualsPlan(sheet, plan);
    expect(sheet.charts).toHaveLength(plan.charts.length + 1);
  });

  it("a renamed run is still the run; a sheet the learner made under its old name is not, and Apply leaves it alone", async () => {
    const { fake, wb } = await withRun(api);
    fake.rename("Run 1", "Mine");
    fake.learner.addSheet("Run 1");
    fake.userEdit("Run 1", 1, 1, "the learner's cell");
    await fake.activate("Run 1");
    expect((await wb.status()).activeRun).toBeNull();
    await expect(wb.setLearningRate("Run 1", 0.5, options())).rejects.toThrow(
      /not a GradSheet run/
    );
    expect(content(sheetNamed(fake, "Run 1"), 1, 1)).toBe("the learner's cell");
    expect(content(sheetNamed(fake, "Run 1"), LR_CELL.row, LR_CELL.col)).toBeUndefined();
    await fake.activate("Mine");
    expect((await wb.status()).activeRun).toMatchObject({ sheet: "Mine", role: "run" });
    await wb.setLearningRate("Mine", 0.5, options());
    expect(content(sheetNamed(fake, "Mine"), LR_CELL.row, LR_CELL.col)).toBe(0.5);
  });

  it("Apply writes through the LearningRate name, wherever inserted rows moved the cell", async () => {
    const { fake, wb } = await withRun(api);
    fake.learner.rows("Run 1", 0, 2); // two rows inserted above the settings
    await wb.setLearningRate("Run 1", 0.25, options());
    const sheet = sheetNamed(fake, "Run 1");
    expect(content(sheet, LR_CELL.row + 2, LR_CELL.col)).toBe(0.25); // C3 moved to C5
    expect(content(sheet, LR_CELL.row, LR_CELL.col)).toBeUndefined();
  });

  it("before a Rebuild after inserted rows, names the learner's cells the new run would write over; the rebuild leaves nothing of the old run behind", async () => {
    const { fake, host, plan, wb } = await withRun(api);
    fake.learner.rows("Run 1", 0, 2);
    fake.userEdit("Run 1", 0, 0, "my heading");
    fake.userEdit("Run 1", 2, 1, "my remark");
    expect(await wb.cellsUnder("Run 1", plan, plan)).toEqual(expect.arrayContaining(["A1", "B3"]));
    await writePlan(host, plan, { record: { options: options() }, replace: "Run 1" });
    const sheet = sheetNamed(fake, "Run 1");
    expectSheetEqualsPlan(sheet, plan);
    // the old table, moved two rows down, is cleared: no row after the plan's last
    const last = plan.tables[0].row + plan.tables[0].rows;
    expect(content(sheet, last + 1, 0)).toBeUndefined();
  });

  it("names no cell when the learner's additions are outside where the new run writes", async () => {
    const { fake, plan, wb } = await withRun(api);
    fake.userEdit("Run 1", 2, 30, "note far right");
    expect(await wb.cellsUnder("Run 1", plan, plan)).toEqual([]);
  });
});

describe("GradSheet's index", () => {
  it("holds settings only: a 5,000-point run's data points live in their own part, and the pane still gets them", async () => {
    const { fake, wb } = await withRun("1.12", 20, 5000);
    const meta = fake.state.customXmlParts.find((p) => p.xml.includes("urn:gradsheet:meta:1"))!;
    expect(meta.xml.length).toBeLessThan(2000);
    expect(JSON.stringify(storedIndex(fake))).not.toContain('"data"');
    expect(fake.state.customXmlParts.filter((p) => p.xml.includes(DATA_NAMESPACE))).toHaveLength(1);
    expect(fake.state.settings.size).toBe(0);
    const st = await wb.status();
    expect((st.activeRun?.options?.settings as { data: unknown[] }).data).toHaveLength(5000);
  });

  it("is pruned of a sheet the learner deleted, with its data part, at the next write", async () => {
    const { fake, host } = await withRun();
    await writePlan(host, runPlan(5, "Run 2"), { record: { options: options() } });
    fake.learner.deleteSheet("Run 1");
    await writePlan(host, runPlan(5, "Run 3"), { record: { options: options() } });
    expect(
      Object.values(storedIndex(fake))
        .map((r) => r.sheet)
        .sort()
    ).toEqual(["Run 2", "Run 3"]);
    expect(fake.state.customXmlParts.filter((p) => p.xml.includes(DATA_NAMESPACE))).toHaveLength(2);
  });

  it("is counted in the request byte budget: with a small budget no request passes it", async () => {
    const { fake, host } = fakeHost();
    for (let i = 0; i < 6; i++)
      await writePlan(host, runPlan(30, `Run ${i + 1}`), { record: { options: options() } });
    const budget = 40_000;
    const before = fake.requests.length;
    await writePlan(host, runPlan(400, "Big"), { record: { options: options() }, budget });
    for (const r of fake.requests.slice(before)) expect(r.bytes).toBeLessThanOrEqual(budget);
  });
});
