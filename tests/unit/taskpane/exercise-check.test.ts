/**
 * "Check my formulas" on the fake Excel, calculated by HyperFormula: the learner's formulas typed
 * into the exercise's blank columns give the same verdicts as `gradsheet check` on a saved file;
 * marks come and go; "Show me this formula" writes the core's formula into one cell.
 */
import { describe, expect, it } from "vitest";
import { fiveStepRun } from "../../helpers/five-step-run";
import { createWorkbook } from "../../../src/excel/gateway";
import { MARK } from "../../../src/excel/exercise-check";
import {
  exerciseWorkbookPlan,
  gradedArea,
  gradeSheetValues,
  runWorkbookPlan,
} from "../../../src/run";
import { formulaAt } from "../../../src/sheet/address";
import { stepsTable } from "../../../src/sheet/exercise";
import { createFakeExcel } from "../../../fake-excel";
import { workbookEngine } from "../../../fake-excel/engine";
import { hostOf, sheetNamed } from "../excel/helpers";

const result = fiveStepRun();

async function handedIn(slip?: { key: string; row: number }) {
  const fake = createFakeExcel({ calculate: (s, r, c) => engine.calculate(s, r, c) });
  const engine = workbookEngine(fake.state);
  const { host } = hostOf(fake);
  const gateway = createWorkbook(host);
  const plan = exerciseWorkbookPlan(result, { name: "Run 1", blank: ["prediction", "error"] })
    .sheets[0];
  await gateway.write(plan, { record: { options: plan.meta } });
  // the learner types the first row's formulas and fills them down
  const full = stepsTable(runWorkbookPlan(result, { name: "Run 1" }).sheets[0]);
  const keys = (plan.meta.exercise as { columns: string[] }).columns;
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Run 1");
    for (const key of keys) {
      const j = full.columns.findIndex((c) => c.key === key);
      const f = full.columns[j].formula!;
      const formulas = Array.from({ length: full.rows }, (_, i) => {
        const text = formulaAt(f, i);
        return [slip?.key === key && slip.row === i ? `=(${text.slice(1)})*1.01` : text];
      });
      ws.getRangeByIndexes(full.row + 1, full.col + j, full.rows, 1).formulas = formulas;
    }
    await ctx.sync();
  });
  engine.changed();
  return { fake, host, gateway, plan, full, engine };
}

const gradeOf = async (
  gateway: ReturnType<typeof createWorkbook>,
  meta: Record<string, unknown>
) => {
  const area = gradedArea(meta);
  const rows = await gateway.exercise!.values("Run 1", area.rows, area.cols);
  return gradeSheetValues("Run 1", meta, rows);
};

describe("Check my formulas on the fake Excel", () => {
  it("says every cell is right when the learner's formulas are the run's", async () => {
    const { gateway, plan } = await handedIn();
    const g = await gradeOf(gateway, plan.meta);
    expect(g).toMatchObject({ kind: "exercise", cells: 15, right: 15, wrong: 0, empty: 0 });
  });

  it("names the slipped cell first, with the formula Show me this formula would write", async () => {
    const { gateway, plan, full, engine } = await handedIn({ key: "pred", row: 2 });
    const g = await gradeOf(gateway, plan.meta);
    const j = full.columns.findIndex((c) => c.key === "pred");
    expect(g.firstWrong).toMatchObject({ cell: `K${full.row + 4}`, step: 3, column: "ŷ" });
    expect(g.firstWrong!.formula).toBe(formulaAt(full.columns[j].formula!, 2));
    expect(g.wrongOnOwnInputs).toBe(1);
    await gateway.exercise!.writeFormula(
      "Run 1",
      full.row + 3,
      full.col + j,
      g.firstWrong!.formula!
    );
    engine.changed(); // the fake's HyperFormula recalculates on the next read, as Excel would
    expect((await gradeOf(gateway, plan.meta)).wrong).toBe(0);
  });

  it("marks right cells green and wrong ones red, and a second call removes only the marks", async () => {
    const { fake, host, gateway, full } = await handedIn();
    const j = full.columns.findIndex((c) => c.key === "pred");
    const col = { row: full.row + 1, col: full.col + j, rows: full.rows, cols: 1 };
    // the learner's own conditional format on the blank column: big predictions in bold red
    await host.run(async (ctx) => {
      const cf = ctx.workbook.worksheets
        .getItem("Run 1")
        .getRangeByIndexes(col.row, col.col, col.rows, 1)
        .conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = "=K22>100";
      cf.custom.format.fill.color = "#FF0000";
      await ctx.sync();
    });
    const sheet = sheetNamed(fake, "Run 1");
    const formats = () => sheet.conditionalFormats.map((cf) => JSON.stringify(cf.props));
    const marks = (fill: string) =>
      formats().filter((p) => p.includes('"=TRUE"') && p.includes(fill)).length;
    const before = formats();
    // the sheet's own: the exercise's shading, the diverged-row flag (over every step column) and the learner's
    expect(marks(MARK.blank)).toBe(1);
    expect(before.some((p) => p.includes("=1"))).toBe(true);
    expect(before.some((p) => p.includes("=K22>100"))).toBe(true);
    await gateway.exercise!.mark(
      "Run 1",
      [col],
      [{ ...col, rows: 2 }],
      [{ ...col, row: col.row + 2, rows: 1 }]
    );
    expect([marks(MARK.right), marks(MARK.wrong)]).toEqual([1, 1]);
    // a second check replaces the marks rather than piling them up
    await gateway.exercise!.mark("Run 1", [col], [col], []);
    expect([marks(MARK.right), marks(MARK.wrong)]).toEqual([1, 0]);
    await gateway.exercise!.unmark("Run 1", [col]);
    expect(formats()).toEqual(before);
  });
});

describe("Apply on an exercise sheet", () => {
  it("keeps the exercise record when the sheet's record is rewritten", async () => {
    const { keepExercise } = await import("../../../src/run");
    const ex = { columns: ["pred"], headers: ["ŷ"] };
    expect(keepExercise({ kind: "run" }, { kind: "run", exercise: ex })).toEqual({
      kind: "run",
      exercise: ex,
    });
    expect(keepExercise({ kind: "run" }, { kind: "run" })).toEqual({ kind: "run" });
  });
});
