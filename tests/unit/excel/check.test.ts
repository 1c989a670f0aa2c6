import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../../src/core";
import { checkSheet, sampleCells } from "../../../src/excel/check";
import { writePlan } from "../../../src/excel";
import { buildRunSheet } from "../../../src/sheet";
import { workbookEngine } from "../../../fake-excel/engine";
import { coreCalculation, fakeHost } from "./helpers";

describe("checkSheet (Excel as the oracle)", () => {
  const plan = buildRunSheet(
    train(resolveConfig(presetById("two-relu")!.options), { rows: true }),
    { name: "Run" }
  );
  const excel = coreCalculation(plan);

  it("samples the final weights, each epoch's √SSE and the last row of every formula column", () => {
    const cells = sampleCells(plan);
    const last = plan.tables[0].row + plan.tables[0].rows;
    expect(cells.filter((c) => c.row === last)).toHaveLength(
      plan.tables[0].columns.filter((c) => c.formula).length
    );
    expect(cells.length).toBeGreaterThan(30);
  });

  it("says Excel agrees with the core's numbers on N cells when Excel calculates what the core did", async () => {
    const { host } = fakeHost({ calculate: (_s, r, c) => excel(r, c) });
    await writePlan(host, plan, { record: { options: plan.meta } });
    const result = await checkSheet(host, "Run", plan);
    expect(result.differs).toBeUndefined();
    expect(result.message).toBe(`Excel agrees with the core's numbers on ${result.cells} cells.`);
  });

  it("names the first cell Excel calculated differently, with both numbers", async () => {
    const [wrong] = sampleCells(plan)
      .filter((c) => typeof c.core === "number" && c.core !== 0)
      .slice(3);
    const { host } = fakeHost({
      calculate: (_s, r, c) =>
        r === wrong.row && c === wrong.col ? (wrong.core as number) * (1 + 1e-6) : excel(r, c),
    });
    await writePlan(host, plan, { record: { options: plan.meta } });
    const result = await checkSheet(host, "Run", plan);
    expect(result.differs).toMatchObject({
      core: wrong.core,
      excel: (wrong.core as number) * (1 + 1e-6),
    });
    expect(result.message).toMatch(
      new RegExp(`^${result.differs!.address} differs: Excel calculated .+, the core .+\\.$`)
    );
  });

  it("says a cell Excel has not calculated yet (blank) is not compared, instead of calling it a difference", async () => {
    const { host } = fakeHost({ calculate: () => "" });
    await writePlan(host, plan, { record: { options: plan.meta } });
    const result = await checkSheet(host, "Run", plan);
    expect(result.differs).toBeUndefined();
    expect(result.cells).toBe(0);
    expect(result.message).toMatch(
      /^Excel has not calculated Run![A-Z]+\d+ yet, so nothing was compared/
    );
  });
});

describe("checkSheet's message", () => {
  it("quotes a sheet name with spaces as Excel writes it ('Run 1'!B5)", async () => {
    const plan = buildRunSheet(
      train(resolveConfig(presetById("two-relu")!.options), { rows: true }),
      { name: "Run 1" }
    );
    const { host } = fakeHost({ calculate: () => -1 });
    await writePlan(host, plan, { record: { options: plan.meta } });
    const result = await checkSheet(host, "Run 1", plan);
    expect(result.differs!.address).toMatch(/^'Run 1'![A-Z]+\d+$/);
    expect(result.message).toMatch(/^'Run 1'![A-Z]+\d+ differs: /);
  });
});

describe("checkSheet after the learner moved GradSheet's cells", () => {
  /** A small run written into a fake whose formulas HyperFormula calculates, as Excel would. */
  async function written() {
    let engine: ReturnType<typeof workbookEngine> | null = null;
    const { fake, host } = fakeHost({ calculate: (s, r, c) => engine!.calculate(s, r, c) });
    engine = workbookEngine(fake.state);
    const result = train(
      resolveConfig({
        model: "two-relu",
        epochs: 2,
        data: { x: { kind: "list", x: [14, 86, 28] } },
      }),
      { rows: true }
    );
    const plan = buildRunSheet(result, { name: "Run" });
    await writePlan(host, plan, { record: { options: plan.meta } });
    return { fake, host, plan, engine };
  }

  it("finds every cell where rows inserted above the step table moved it (through GradSheet's area names)", async () => {
    const { fake, host, plan, engine } = await written();
    fake.learner.rows("Run", plan.tables[0].row - 1, 3);
    engine.changed();
    const result = await checkSheet(host, "Run", plan);
    expect(result.differs).toBeUndefined();
    expect(result.cells).toBe(sampleCells(plan).length);
    expect(result.message).toBe(`Excel agrees with the core's numbers on ${result.cells} cells.`);
  });

  it("finds the first and last rows of an area the learner inserted rows into, and says how many cells it could not place", async () => {
    const { fake, host, plan, engine } = await written();
    // two rows inside the parameter block: its first and last rows are found, a middle one is not
    const block = plan.blocks.find(
      (b) => b.cells.length > 2 && b.cells.some((r) => r.some((c) => c?.formula))
    )!;
    fake.learner.rows("Run", block.row + 1, 2);
    engine.changed();
    const result = await checkSheet(host, "Run", plan);
    expect(result.differs).toBeUndefined();
    expect(result.message).toMatch(
      /^Excel agrees with the core's numbers on \d+ cells\. \d+ more could not be found \(rows or columns were inserted or deleted inside GradSheet's cells\), so they were not compared\.$/
    );
  });
});
