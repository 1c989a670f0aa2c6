/**
 * Excel's check after each experiment (writeChecked) and Check this sheet on an experiment sheet
 * (the sample stored with its record): the fake stands in Excel's calculation with the core's values,
 * and one wrong value must be named with its sheet, cell and both numbers.
 */
import { describe, expect, it } from "vitest";
import { BASE_MODEL_IDS, presetById, type RunOptions } from "../../../src/core";
import { checkSheets, createWorkbook, writeChecked, writePlans } from "../../../src/excel";
import { cellAddress, sampleCells, storedCells, storedSample } from "../../../src/excel/check";
import { parsePart, partXml } from "../../../src/excel/meta";
import type { SheetPlan } from "../../../src/sheet/plan";
import {
  compareExperiment,
  landscapeExperiment,
  sweepExperiment,
  sweepRates,
  type Experiment,
} from "../../../src/run";
import { coreCalculation, fakeHost } from "./helpers";

const base: RunOptions = { ...presetById("two-relu")!.options, epochs: 4 };
const experiments: [string, () => Experiment][] = [
  ["Compare", () => compareExperiment(base, [...BASE_MODEL_IDS])],
  ["Sweep", () => sweepExperiment(base, sweepRates("1e-6", "1e-3", "4"))],
  ["landscape", () => landscapeExperiment(base)],
];

/** Excel stood in by the core on every sheet of `plans`, except `wrong` (sheet, row, col) reads `value`. */
function calculation(
  plans: SheetPlan[],
  wrong?: { sheet: string; row: number; col: number; value: unknown }
) {
  const bySheet = new Map(plans.map((p) => [p.name, coreCalculation(p)]));
  return (sheet: string, row: number, col: number) =>
    wrong && wrong.sheet === sheet && wrong.row === row && wrong.col === col
      ? wrong.value
      : bySheet.get(sheet)?.(row, col);
}

/** The experiment sheet (not a run) of `e` and a numeric cell of its stored sample (so of the full one too), past the first few. */
function experimentCell(e: Experiment) {
  const i = e.records.findIndex((r) => r.role === "experiment");
  const plan = e.workbook.sheets[i];
  const cells = storedCells(storedSample(plan)).filter(
    (c) => typeof c.core === "number" && c.core !== 0
  );
  return { plan, cell: cells[Math.min(2, cells.length - 1)] };
}

describe("Excel's check after each experiment", () => {
  it.each(experiments)(
    "%s: says Excel agrees with the core's numbers on every sampled cell of every sheet, in one read (through Microsoft's runtime)",
    async (_k, make) => {
      const e = make();
      const { host, wire } = fakeHost({
        runtime: true,
        calculate: calculation(e.workbook.sheets),
      });
      const written = await writePlans(host, e.workbook.sheets, { records: e.records });
      const before = wire.length;
      const check = await checkSheets(host, written.sheets, e.workbook.sheets);
      const total = e.workbook.sheets.reduce((n, p) => n + sampleCells(p).length, 0);
      expect(check.message).toBe(`Excel agrees with the core's numbers on ${total} cells.`);
      // one request, then only the runtime's release of the ranges it kept (as Excel.run does in Excel)
      expect(wire.slice(before).filter((r) => !r.release)).toHaveLength(1);
    }
  );

  it.each(experiments)(
    "%s: names the one cell the fake computes wrongly on the experiment sheet, with both numbers",
    async (_k, make) => {
      const e = make();
      const { plan, cell } = experimentCell(e);
      const value = (cell.core as number) * (1 + 1e-6);
      const { host } = fakeHost({
        calculate: calculation(e.workbook.sheets, {
          sheet: plan.name,
          row: cell.row,
          col: cell.col,
          value,
        }),
      });
      const report = await writeChecked(host, e.workbook.sheets, { records: e.records });
      const address = cellAddress(plan.name, cell.row, cell.col);
      expect(report.check!.differs).toEqual({ address, excel: value, core: cell.core });
      expect(report.check!.message).toBe(
        `${address} differs: Excel calculated ${value}, the core ${cell.core}.`
      );
    }
  );

  it("reads nothing under manual calculation (Excel has not calculated yet)", async () => {
    const e = experiments[1][1]();
    const { fake, host } = fakeHost({ calculate: calculation(e.workbook.sheets) });
    fake.state.calculationMode = "Manual";
    const report = await writeChecked(host, e.workbook.sheets, { records: e.records });
    expect(report.check).toBeNull();
  });
});

describe("Check this sheet on an experiment sheet (the sample stored with its record)", () => {
  it.each(experiments)(
    "%s: agrees, then names the cell Excel computes wrongly once it does",
    async (_k, make) => {
      const e = make();
      const { plan, cell } = experimentCell(e);
      let wrong = false;
      const right = calculation(e.workbook.sheets);
      const { host } = fakeHost({
        calculate: (s, r, c) =>
          wrong && s === plan.name && r === cell.row && c === cell.col ? 42 : right(s, r, c),
      });
      await writeChecked(host, e.workbook.sheets, { records: e.records });
      const wb = createWorkbook(host);
      expect((await wb.check(plan.name)).message).toMatch(
        /^Excel agrees with the core's numbers on \d+ cells\.$/
      );
      wrong = true;
      expect((await wb.check(plan.name)).differs).toEqual({
        address: cellAddress(plan.name, cell.row, cell.col),
        excel: 42,
        core: cell.core,
      });
      const status = await wb.status();
      expect(status.activeRole).toBe(e.records[0].role);
    }
  );

  it("says an experiment sheet written without a stored sample (an exported file) cannot be checked, in one sentence", async () => {
    const e = experiments[1][1]();
    const { fake, host } = fakeHost();
    await writeChecked(host, e.workbook.sheets, { records: e.records });
    // as an exported file has it: the records without their samples, and no setting
    const [part] = fake.state.customXmlParts;
    const index = parsePart(part.xml);
    for (const r of Object.values(index)) delete r.check;
    part.xml = partXml(index);
    fake.state.settings.clear();
    await expect(createWorkbook(host).check("Sweep")).rejects.toThrow(
      "“Sweep” keeps no sample of the core's values"
    );
  });

  it("refuses a sheet GradSheet did not write with one sentence", async () => {
    const { host } = fakeHost();
    await expect(createWorkbook(host).check("Sheet1")).rejects.toThrow(
      "“Sheet1” is not a sheet GradSheet computed, so there is nothing to check."
    );
  });
});
