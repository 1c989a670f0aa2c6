import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../../src/doctor";
import {
  autoFixTargets,
  evidenceText,
  findingRows,
  reportLines,
  summaryText,
} from "../../../src/taskpane/doctor-findings";
import { forumLineChart, forumSheet } from "./fixtures";

const findings = checkWorkbook({
  charts: [{ ...forumLineChart(), name: "Chart 1", sheet: "Sheet1" }],
  sheets: [forumSheet()],
  calcMode: "manual",
});

describe("the doctor panel's view", () => {
  it("lists errors before warnings, each with where it is, its evidence and its fix", () => {
    const rows = findingRows([...findings].reverse());
    expect(rows.map((r) => [r.severity, r.target, r.where, r.fixable])).toEqual([
      ["error", "chart1", "Chart 1 on Sheet1", true],
      ["warning", "workbook", "Workbook", true],
    ]);
    expect(rows[0].evidence).toBe('Series "y"; cells Sheet1!$B$2:$B$22; values 1, 2, 3, 4, 5, 6');
  });

  it("names series without a name by number", () => {
    expect(evidenceText({ ...findings[0], evidence: { series: [{ index: 2 }], cells: [] } })).toBe(
      "Series #3"
    );
  });

  it("sums up a check in one line, with what this Excel could not check", () => {
    expect(summaryText(findings, 1, [])).toBe("2 findings in 1 chart.");
    expect(summaryText([], 3, ["Needs 1.15."])).toBe("No problems found in 3 charts. Needs 1.15.");
    expect(summaryText([], 0, [])).toBe("No charts here.");
  });

  it("reports what a fix changed and what it left", () => {
    expect(
      reportLines({
        applied: [
          { code: "literal-categories", change: "Turned it." },
          { code: "numeric-categories", change: "Turned it." },
        ],
        skipped: [{ code: "literal-values", reason: "Type them in cells." }],
      })
    ).toEqual(["Fixed: Turned it.", "Not fixed: Type them in cells."]);
    expect(reportLines({ applied: [], skipped: [] })).toEqual(["Nothing to fix."]);
  });

  it("fixes automatically only charts (and the workbook) with something fixable", () => {
    expect(autoFixTargets(findings)).toEqual(["chart1", "workbook"]);
    expect(autoFixTargets(findings.map((f) => ({ ...f, fixable: false })))).toEqual([]);
  });
});
