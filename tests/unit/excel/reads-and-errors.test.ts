/**
 * Smaller gaps of issue 21 (fault 8): the selection read is cut to the used range, Excel's size and
 * edit-mode errors reach the learner as sentences, and the chart watch follows new sheets.
 */
import { describe, expect, it } from "vitest";
import { createWorkbook } from "../../../src/excel";
import { watchCharts } from "../../../src/excel/doctor-watch";
import type { DoctorScan } from "../../../src/excel/doctor";
import { excelErrorSentence } from "../../../src/excel/errors";
import { fireChartEvent, userChart } from "../../../fake-excel/charts-doctor";
import { plainError } from "../../../src/taskpane/actions";
import { fakeHost } from "./helpers";

describe("Use selected cells", () => {
  it.each([false, true])(
    "reads only the used part of a whole-column selection, under the 5 MB response limit (runtime %s)",
    async (runtime) => {
      const { fake, host } = fakeHost({ runtime });
      for (let r = 0; r < 5; r++) fake.userEdit("Sheet1", r, 0, r * 10);
      fake.state.selection = { sheet: "Sheet1", row: 0, col: 0, rows: 1_048_576, cols: 2 };
      const sel = await createWorkbook(host).readSelection();
      expect(sel.address).toBe("Sheet1!A1:A5");
      expect(sel.values).toEqual([[0], [10], [20], [30], [40]]);
    }
  );

  it("reads nothing from an empty selection", async () => {
    const { fake, host } = fakeHost();
    fake.state.selection = { sheet: "Sheet1", row: 0, col: 3, rows: 1_048_576, cols: 1 };
    expect((await createWorkbook(host).readSelection()).values).toEqual([]);
  });
});

describe("Excel's refusals in plain words", () => {
  it("says what to do when a response is over the limit or the learner is typing in a cell", () => {
    expect(excelErrorSentence({ code: "ResponsePayloadSizeLimitExceeded" })).toMatch(
      /Select fewer cells/
    );
    expect(plainError({ code: "InvalidOperationInCellEditMode", message: "raw" })).toMatch(
      /Press Enter or Esc to finish the cell/
    );
    expect(excelErrorSentence(new Error("other"))).toBeNull();
  });

  it("a write while the learner types in a cell changes nothing and gives that sentence", async () => {
    const { fake, host } = fakeHost();
    fake.learner.editMode(true);
    const e = await createWorkbook(host)
      .switchToAutomatic()
      .catch((x: unknown) => x);
    expect(plainError(e)).toMatch(/Press Enter or Esc/);
  });
});

describe("Check charts as I add them", () => {
  it("also watches a sheet added after the watch started", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.15" });
    fake.userEdit("Sheet1", 0, 0, 1);
    const scans: DoctorScan[] = [];
    const watch = await watchCharts(host, (s) => scans.push(s));
    if ("unsupported" in watch) throw new Error(watch.unsupported);
    await fake.learner.addSheet("Later");
    await new Promise((r) => setTimeout(r, 20));
    const chart = userChart(fake, "Later", {
      type: "Line",
      series: [{ name: "s", y: "Later!$A$1:$A$3" }],
    });
    await fireChartEvent(fake, "ChartAdded", "Later", chart);
    await new Promise((r) => setTimeout(r, 20));
    expect(scans).toHaveLength(1);
    await watch.stop();
  });
});
