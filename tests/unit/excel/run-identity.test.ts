import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../../src/core";
import { createWorkbook, writePlan } from "../../../src/excel";
import { META_NAMESPACE as EXCEL_NAMESPACE } from "../../../src/excel/meta";
import { buildRunSheet } from "../../../src/sheet";
import { META_NAMESPACE, runWorkbook } from "../../../src/xlsx";
import { openXlsx } from "../../../fake-excel/open-xlsx";
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
});
