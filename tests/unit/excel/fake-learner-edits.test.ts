/**
 * The fake learns a learner's edits, each as Excel does them: expected results worked out by hand
 * from Excel's documented behaviour, through the same Office.js calls (and again under
 * Microsoft's runtime where the call shape matters).
 */
import { describe, expect, it } from "vitest";
import { cellKey, createFakeExcel, type FakeExcel } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { runtimeRun } from "../../../fake-excel/office-runtime";
import { content, sheetNamed } from "./helpers";

/** Run `fn` against the fake directly, or under Microsoft's runtime. */
async function run(
  fake: FakeExcel,
  runtime: boolean,
  fn: (c: Excel.RequestContext) => Promise<void>
) {
  if (runtime) return runtimeRun(fake).run(fn);
  return fn(fake.context() as unknown as Excel.RequestContext);
}

/** A run sheet with cells, a name, a chart and a formula on another sheet reading it. */
function workbook(): FakeExcel {
  const fake = createFakeExcel({ sheets: ["Run", "Notes"] });
  fake.userEdit("Run", 0, 0, 1); // A1
  fake.userEdit("Run", 4, 0, 2); // A5
  fake.userEdit("Run", 4, 1, "=A5*2"); // B5
  fake.userEdit("Run", 0, 2, "=SUM(A1:A5)+$C$3"); // C1
  fake.userEdit("Run", 2, 2, 0.001); // C3, the LearningRate cell
  fake.userEdit("Notes", 0, 0, "=Run!A5+'Run'!$A$5+Run!C1"); // Notes!A1
  fake.userEdit("Notes", 0, 1, '="Run!A5"'); // text that looks like a reference
  fake.learner.defineName("LearningRate", "Run", "C3", "Run");
  userChart(fake, "Run", {
    type: "XYScatter",
    series: [{ name: "a", x: "Run!$A$1:$A$5", y: "Run!$B$1:$B$5" }],
  });
  return fake;
}

describe("the fake's learner edits", () => {
  it.each([false, true])(
    "inserts whole rows: cells move down and formulas, names and chart series follow (runtime %s)",
    async (runtime) => {
      const fake = workbook();
      await run(fake, runtime, async (c) => {
        c.workbook.worksheets.getItem("Run").getRange("A2:A3").getEntireRow().insert("Down");
        await c.sync();
      });
      const run1 = sheetNamed(fake, "Run");
      expect(content(run1, 6, 0)).toBe(2); // A5 → A7
      expect(content(run1, 6, 1)).toBe("=A7*2");
      expect(content(run1, 0, 2)).toBe("=SUM(A1:A7)+$C$5"); // a range across the insert grows
      expect(content(sheetNamed(fake, "Notes"), 0, 0)).toBe("=Run!A7+'Run'!$A$7+Run!C1");
      expect(content(sheetNamed(fake, "Notes"), 0, 1)).toBe('="Run!A5"');
      expect(fake.state.names[0].ref).toMatchObject({ sheet: "Run", row: 4, col: 2 });
      expect(run1.charts[0].series[0].x).toMatchObject({ row: 0, rows: 7 });
    }
  );

  it("deletes whole rows: a reference to a deleted cell becomes #REF!, a range loses the rows", async () => {
    const fake = workbook();
    const c = fake.context();
    c.workbook.worksheets.getItem("Run").getRange("A4:A5").getEntireRow().delete("Up");
    await c.sync();
    const run1 = sheetNamed(fake, "Run");
    expect(content(run1, 0, 2)).toBe("=SUM(A1:A3)+$C$3");
    expect(content(sheetNamed(fake, "Notes"), 0, 0)).toBe("=#REF!+#REF!+Run!C1");
    expect(run1.charts[0].series[0].y).toMatchObject({ row: 0, rows: 3 });
    expect(content(run1, 4, 1)).toBeUndefined();
  });

  it("inserts whole columns: cells move right and references follow", async () => {
    const fake = workbook();
    fake.learner.columns("Run", 1, 1); // a column before B
    const run1 = sheetNamed(fake, "Run");
    expect(content(run1, 4, 2)).toBe("=A5*2");
    expect(content(run1, 0, 3)).toBe("=SUM(A1:A5)+$D$3");
    expect(fake.state.names[0].ref).toMatchObject({ row: 2, col: 3 });
    expect(run1.charts[0].series[0].y).toMatchObject({ col: 2 });
  });

  it.each([false, true])(
    "inserts cells shifting down in one column: only that band moves, and only references wholly in its columns follow (runtime %s)",
    async (runtime) => {
      const fake = workbook();
      fake.userEdit("Notes", 1, 0, "=SUM(Run!A1:C5)"); // straddles the band's edge
      await run(fake, runtime, async (c) => {
        c.workbook.worksheets.getItem("Run").getRange("A2:A3").insert("Down");
        await c.sync();
      });
      const run1 = sheetNamed(fake, "Run");
      expect(content(run1, 6, 0)).toBe(2); // A5 → A7
      expect(content(run1, 4, 0)).toBeUndefined();
      expect(content(run1, 4, 1)).toBe("=A7*2"); // B5 stays, its reference into the band follows
      expect(content(run1, 0, 2)).toBe("=SUM(A1:A7)+$C$3"); // a range across the insert grows
      expect(content(run1, 2, 2)).toBe(0.001); // outside the band: nothing moves
      const notes = sheetNamed(fake, "Notes");
      expect(content(notes, 0, 0)).toBe("=Run!A7+'Run'!$A$7+Run!C1");
      expect(content(notes, 1, 0)).toBe("=SUM(Run!A1:C5)"); // not wholly in column A: stays
      expect(fake.state.names[0].ref).toMatchObject({ row: 2, col: 2 });
      expect(run1.charts[0].series[0].x).toMatchObject({ row: 0, rows: 7 });
      expect(run1.charts[0].series[0].y).toMatchObject({ row: 0, rows: 5 }); // column B: stays
    }
  );

  it("deletes cells shifting up in a band of two columns: a range wholly in it shrinks, cells beside it stay", async () => {
    const fake = workbook();
    fake.userEdit("Run", 4, 2, 7); // C5, beside the band
    fake.learner.cells("Run", "A1:B1", "Up");
    const run1 = sheetNamed(fake, "Run");
    expect(content(run1, 3, 0)).toBe(2); // A5 → A4
    expect(content(run1, 3, 1)).toBe("=A4*2"); // B5 → B4, reading A4
    expect(content(run1, 0, 0)).toBeUndefined(); // A1 deleted, A2 (empty) moved up
    expect(content(run1, 4, 2)).toBe(7);
    expect(content(run1, 0, 2)).toBe("=SUM(A1:A4)+$C$3");
    expect(run1.charts[0].series[0].y).toMatchObject({ row: 0, rows: 4 });
  });

  it("inserts cells shifting right in one row: that row's cells move, references to them follow", async () => {
    const fake = workbook();
    fake.userEdit("Notes", 2, 0, "=Run!B5");
    fake.learner.cells("Run", "B5", "Right");
    const run1 = sheetNamed(fake, "Run");
    expect(content(run1, 4, 2)).toBe("=A5*2"); // B5 → C5; A5 is left of the insert
    expect(content(run1, 4, 1)).toBeUndefined();
    expect(content(sheetNamed(fake, "Notes"), 2, 0)).toBe("=Run!C5");
    expect(run1.charts[0].series[0].y).toMatchObject({ col: 1 }); // B1:B5 is not wholly in row 5
  });

  it("refuses, as Excel does, an insert that would push nonblank cells off the sheet", async () => {
    const fake = workbook();
    fake.userEdit("Run", 1048575, 0, "last row");
    const c = fake.context();
    c.workbook.worksheets.getItem("Run").getRange("A2").insert("Down");
    await expect(c.sync()).rejects.toThrow(/cannot shift nonblank cells off of the worksheet/);
    expect(content(sheetNamed(fake, "Run"), 4, 0)).toBe(2);
  });

  it("renames a sheet: formulas on other sheets follow, quoted when the name needs it", async () => {
    const fake = workbook();
    const c = fake.context();
    c.workbook.worksheets.getItem("Run").name = "My run";
    await c.sync();
    expect(content(sheetNamed(fake, "Notes"), 0, 0)).toBe("='My run'!A5+'My run'!$A$5+'My run'!C1");
    expect(fake.state.names[0].ref?.sheet).toBe("My run");
  });

  it.each([false, true])(
    "sorts a range's rows by a column, keeping the header (runtime %s)",
    async (runtime) => {
      const fake = createFakeExcel({ sheets: ["Log"] });
      const rows: (string | number)[][] = [
        ["Sheet", "Rate"],
        ["a", 0.01],
        ["b", 0.0001],
        ["c", 0.001],
      ];
      rows.forEach((r, i) => r.forEach((v, j) => fake.userEdit("Log", i, j, v)));
      fake.userEdit("Log", 1, 2, "=B2*2");
      await run(fake, runtime, async (c) => {
        c.workbook.worksheets
          .getItem("Log")
          .getRange("A1:C4")
          .sort.apply([{ key: 1, ascending: true }], false, true);
        await c.sync();
      });
      const log = sheetNamed(fake, "Log");
      expect([1, 2, 3].map((r) => content(log, r, 0))).toEqual(["b", "c", "a"]);
      expect(content(log, 0, 0)).toBe("Sheet");
      expect(content(log, 3, 2)).toBe("=B4*2"); // moved two rows down with its row
    }
  );

  it("draws and lists a learner's shapes", async () => {
    const fake = workbook();
    fake.learner.shape("Run", "My arrow");
    const c = fake.context();
    c.workbook.worksheets.getItem("Run").shapes.addGeometricShape("Rectangle");
    const shapes = c.workbook.worksheets.getItem("Run").shapes.load("items/name");
    await c.sync();
    expect(shapes.items.map((s) => s.name)).toEqual(["My arrow", "Shape 2"]);
  });

  it("deletes a sheet and adds another under its name: references stay #REF!, the new sheet is another sheet", async () => {
    const fake = workbook();
    const oldId = sheetNamed(fake, "Run").id;
    fake.learner.deleteSheet("Run");
    fake.learner.addSheet("Run");
    expect(sheetNamed(fake, "Run").id).not.toBe(oldId);
    expect(sheetNamed(fake, "Run").cells.size).toBe(0);
    expect(content(sheetNamed(fake, "Notes"), 0, 0)).toBe("=#REF!+#REF!+#REF!");
    expect(fake.state.names).toEqual([]);
  });

  it("refuses writes while the learner types in a cell (InvalidOperationInCellEditMode), and reads still work", async () => {
    const fake = workbook();
    fake.learner.editMode(true);
    const c = fake.context();
    c.workbook.worksheets.getItem("Run").getRange("D1").values = [[1]];
    await expect(c.sync()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    const r = c.workbook.worksheets.getItem("Run").getRange("A1").load("values");
    await c.sync();
    expect(r.values).toEqual([[1]]);
    fake.learner.editMode(false);
    c.workbook.worksheets.getItem("Run").getRange("D1").values = [[1]];
    await c.sync();
    expect(sheetNamed(fake, "Run").cells.get(cellKey(0, 3))?.value).toBe(1);
  });

  it.each([false, true])(
    "moves the selection with the active sheet, and gives each sheet its own back (runtime %s)",
    async (runtime) => {
      const fake = workbook();
      await fake.select("Run", 4, 1); // B5 on Run
      let address = "";
      await run(fake, runtime, async (c) => {
        c.workbook.worksheets.getItem("Notes").activate();
        const sel = c.workbook.getSelectedRange().load("address");
        await c.sync();
        address = sel.address;
      });
      expect(address).toBe("Notes!A1");
      await run(fake, runtime, async (c) => {
        c.workbook.worksheets.getItem("Run").activate();
        const sel = c.workbook.getSelectedRange().load("address");
        await c.sync();
        address = sel.address;
      });
      expect(address).toBe("Run!B5");
    }
  );

  it("counts the charts it reads back against the 5 MB response limit", async () => {
    const fake = createFakeExcel({ responseLimit: 400 });
    for (let i = 0; i < 20; i++)
      userChart(fake, "Sheet1", {
        type: "XYScatter",
        title: `chart ${i}`,
        series: [{ name: "s", y: "Sheet1!$A$1:$A$3" }],
      });
    const c = fake.context();
    c.workbook.worksheets.getItem("Sheet1").charts.load("items/name,items/chartType,items/id");
    await expect(c.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});
