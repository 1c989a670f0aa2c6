import { describe, expect, it } from "vitest";
import { BASE_MODEL_IDS, presetById, resolveConfig, train } from "../../../src/core";
import { createWorkbook, writePlan } from "../../../src/excel";
import { META_NAMESPACE as EXCEL_NAMESPACE } from "../../../src/excel/meta";
import { buildRunSheet } from "../../../src/sheet";
import { META_NAMESPACE, runWorkbook } from "../../../src/xlsx";
import { workbookEngine } from "../../../fake-excel/engine";
import { openXlsx } from "../../../fake-excel/open-xlsx";
import { writeWorkbook } from "../../../src/xlsx/write-workbook";
import {
  compareExperiment,
  landscapeExperiment,
  sweepExperiment,
  sweepRates,
} from "../../../src/run";
import { content, expectSheetEqualsPlan, fakeHost, hostOf, sheetNamed } from "./helpers";

const result = () => train(resolveConfig(presetById("two-relu")!.options), { rows: true });

describe("a run's identity in the workbook", () => {
  it("is the custom XML part the .xlsx writer also writes", () => {
    expect(EXCEL_NAMESPACE).toBe(META_NAMESPACE);
  });

  it("survives Office losing the workbook settings: the run is still recognised, applied and rebuilt", async () => {
    for (const runtime of [false, true]) {
      const { fake, host } = fakeHost({ runtime });
      const plan = buildRunSheet(result(), { name: "Run" });
      await writePlan(host, plan, { record: { options: plan.meta } });
      fake.state.settings.clear();
      const wb = createWorkbook(host);
      expect((await wb.status()).activeRun).toMatchObject({
        role: "run",
        sheet: "Run",
        options: plan.meta,
      });
      await wb.setLearningRate("Run", 0.002, plan.meta);
      expect((await wb.status()).learningRate).toBe(0.002);
      await writePlan(host, plan, { record: { options: plan.meta }, replace: "Run" });
      expectSheetEqualsPlan(sheetNamed(fake, "Run"), plan);
    }
  });

  it("makes a workbook from gradsheet export, opened in Excel, a run that Apply and Rebuild work on", async () => {
    const r = result();
    const { fake, host } = hostOf(openXlsx(runWorkbook(r, { name: "Exported" })));
    const wb = createWorkbook(host);
    const st = await wb.status();
    expect(st.activeSheet).toBe("Exported");
    expect(st.activeRun).toMatchObject({ role: "run", sheet: "Exported" });
    expect(st.learningRate).toBe(r.config.lr);
    await wb.setLearningRate("Exported", r.config.lr / 2, st.activeRun!.options!);
    expect((await wb.status()).learningRate).toBe(r.config.lr / 2);
    const plan = buildRunSheet(r, { name: "Exported" });
    await writePlan(host, plan, { record: { options: plan.meta }, replace: "Exported" });
    expectSheetEqualsPlan(sheetNamed(fake, "Exported"), plan);
    expect(content(sheetNamed(fake, "Exported"), 0, 0)).toBe(plan.blocks[0].cells[0][0]?.value);
  });

  it.each([
    ["Compare", () => compareExperiment(base, [...BASE_MODEL_IDS])],
    ["Sweep", () => sweepExperiment(base, sweepRates("1e-6", "1e-3", "3"))],
    ["landscape", () => landscapeExperiment(base)],
  ])(
    "makes an exported %s sheet, opened in Excel, one that Check this sheet compares with what a spreadsheet engine calculates in the file",
    async (_kind, make) => {
      const e = make();
      const bytes = writeWorkbook(e.workbook);
      // HyperFormula calculates the opened file's formulas: the cached values written are not read
      const fake = openXlsx(bytes, { calculate: (s, r, c) => engine.calculate(s, r, c) });
      const engine = workbookEngine(fake.state);
      const { host } = hostOf(fake);
      const sheet = e.workbook.sheets.find((p) => p.meta.kind !== "run")!.name;
      const check = await createWorkbook(host).check(sheet);
      expect(check.differs).toBeUndefined();
      expect(check.cells).toBeGreaterThan(5);
      expect(check.message).toBe(`Excel agrees with the core's numbers on ${check.cells} cells.`);
    }
  );
});

const base = { ...presetById("two-relu")!.options, epochs: 3 };
