import { describe, expect, it } from "vitest";
import { diagnoseFile, fixFile } from "../../../src/xlsx/doctor";
import { corpus } from "./corpus";
import { expectOnlyChartsChanged } from "./package-diff";

/** Findings as [code, severity, fixable], one list per chart in the order the charts were read. */
function perChart(bytes: Uint8Array): { types: string[]; findings: unknown[][] } {
  const { model, findings } = diagnoseFile(bytes);
  return {
    types: model.charts.map((c) => c.type),
    findings: model.charts.map((c) =>
      findings.filter((f) => f.chartId === c.id).map((f) => [f.code, f.severity, f.fixable])
    ),
  };
}

describe("the doctor on workbooks in the shapes other tools write", () => {
  for (const c of corpus()) {
    describe(c.name, () => {
      it("finds every chart and reports what the case expects", () => {
        expect(perChart(c.bytes)).toEqual({ types: c.types, findings: c.findings });
      });

      it("fixes a copy in which only the converted charts' parts change and only notes remain", () => {
        const before = Buffer.from(c.bytes);
        const r = fixFile(c.bytes);
        expect(Buffer.from(c.bytes).equals(before)).toBe(true);
        expectOnlyChartsChanged(c.bytes, r.bytes, r.changedParts);
        expect(r.changedParts).toHaveLength(c.fixedTypes.filter((t, k) => t !== c.types[k]).length);
        expect(r.remaining.filter((f) => f.severity !== "note")).toEqual([]);
        expect(perChart(r.bytes).types).toEqual(c.fixedTypes);
      });
    });
  }
});
