import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../../src/core";
import { buildWorkbookPlan } from "../../../src/sheet/workbook";
import { writeWorkbook } from "../../../src/xlsx";
import { diagnoseFile, fixFile } from "../../../src/xlsx/doctor";

describe("the doctor on the workbooks GradSheet writes", () => {
  const result = train(resolveConfig(presetById("two-relu")!.options), { rows: true });
  const bytes = writeWorkbook(buildWorkbookPlan([{ result, name: "Run 1" }]));

  it("reads every chart as an XY scatter chart linked to cells and finds nothing wrong", () => {
    const { model, findings } = diagnoseFile(bytes);
    expect(model.charts.length).toBeGreaterThan(0);
    for (const c of model.charts) {
      expect(c.type).toBe("scatter");
      for (const s of c.series) {
        expect(s.x.kind).toBe("ref");
        expect(s.y.kind).toBe("ref");
      }
    }
    expect(findings).toEqual([]);
  });

  it("leaves such a workbook byte-identical when asked to fix it", () => {
    const r = fixFile(bytes);
    expect(r.changedParts).toEqual([]);
    expect(Buffer.from(r.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});
