/**
 * Rebuild and Apply of an exercise on the fake Excel (calculated by HyperFormula): the learner's
 * formulas in the blank columns are theirs. Rebuild does not count them as edits and does not
 * clear them; a longer table gets their formula copied down (so `check` grades the new rows
 * right); a shorter one names the cells below it, and clears only those. Apply writes only the
 * learning rate, so their formulas stay too.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig, train, type RunOptions } from "../../../src/core";
import { createWorkbook } from "../../../src/excel/gateway";
import {
  exercisePlanOfRecord,
  gradedArea,
  gradeSheetValues,
  learnerColumns,
  learnerRebuild,
  runWorkbookPlan,
} from "../../../src/run";
import { a1, formulaAt } from "../../../src/sheet/address";
import { stepsTable } from "../../../src/sheet/exercise";
import type { SheetPlan } from "../../../src/sheet/plan";
import { createFakeExcel } from "../../../fake-excel";
import { workbookEngine } from "../../../fake-excel/engine";
import { columnRect, keepLearner } from "../../../src/taskpane/exercise-rebuild";
import { content, hostOf, sheetNamed } from "../excel/helpers";

const options = (epochs: number): RunOptions => ({
  model: "two-linear",
  epochs,
  data: { x: { kind: "list", x: [14, 86, 28, 51, 28] } },
});
const fullPlan = (epochs: number): SheetPlan =>
  runWorkbookPlan(train(resolveConfig(options(epochs)), { rows: true }), { name: "Run 1" })
    .sheets[0];
const BLANK = ["pred", "err"];
const record = { exercise: { columns: BLANK, headers: ["ŷ", "e"] } };
const exerciseOf = (epochs: number) => {
  const full = fullPlan(epochs);
  return exercisePlanOfRecord(full, { ...full.meta, ...record });
};

/** An exercise of `epochs` epochs whose ŷ and e the learner wrote (the run's own formulas, filled down). */
async function handedIn(epochs: number) {
  const fake = createFakeExcel({ calculate: (s, r, c) => engine.calculate(s, r, c) });
  const engine = workbookEngine(fake.state);
  const { host } = hostOf(fake);
  const gateway = createWorkbook(host);
  const plan = exerciseOf(epochs);
  await gateway.write(plan, { record: { options: plan.meta } });
  const full = stepsTable(fullPlan(epochs));
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Run 1");
    for (const key of BLANK) {
      const j = full.columns.findIndex((c) => c.key === key);
      ws.getRangeByIndexes(full.row + 1, full.col + j, full.rows, 1).formulas = Array.from(
        { length: full.rows },
        (_, i) => [formulaAt(full.columns[j].formula!, i)]
      );
    }
    await ctx.sync();
  });
  engine.changed();
  return { fake, host, gateway, plan, engine };
}

/** The pane's Rebuild from `from` epochs to `to`, as active-run does it; returns what it asked about. */
async function rebuild(h: Awaited<ReturnType<typeof handedIn>>, from: number, to: number) {
  const before = exerciseOf(from);
  const after = exerciseOf(to);
  const edited = await h.gateway.editedCells("Run 1", before);
  const mine = await h.gateway.cellsUnder("Run 1", before, after);
  const columns = learnerColumns(before, after);
  const learner = learnerRebuild(
    columns,
    await h.gateway.exercise!.formulas("Run 1", columns.map(columnRect))
  );
  await h.gateway.write(after, { record: { options: after.meta }, replace: "Run 1" });
  const note = await keepLearner(h.gateway.exercise!, "Run 1", columns, learner);
  h.engine.changed();
  return { edited, mine, below: learner.below, note, after };
}

const grade = async (h: Awaited<ReturnType<typeof handedIn>>, meta: Record<string, unknown>) =>
  gradeSheetValues(
    "Run 1",
    meta,
    await h.gateway.exercise!.values("Run 1", gradedArea(meta).rows, gradedArea(meta).cols)
  );

const colOf = (key: string) => {
  const t = stepsTable(fullPlan(1));
  return t.col + t.columns.findIndex((c) => c.key === key);
};

describe("Rebuild of an exercise", () => {
  it("neither asks about nor clears the learner's formulas, and copies them down over new rows", async () => {
    const h = await handedIn(1);
    const sheet = sheetNamed(h.fake, "Run 1");
    const top = stepsTable(h.plan).row + 1;
    const typed = BLANK.map((k) =>
      Array.from({ length: 5 }, (_, i) => content(sheet, top + i, colOf(k)))
    );
    const r = await rebuild(h, 1, 2);
    expect([r.edited, r.mine, r.below]).toEqual([[], [], []]);
    // rows 1-5 keep what the learner typed; rows 6-10 hold it filled down (the run's own formulas)
    const full = stepsTable(fullPlan(2));
    BLANK.forEach((k, n) => {
      const j = full.columns.findIndex((c) => c.key === k);
      for (let i = 0; i < 5; i++) expect(content(sheet, top + i, colOf(k))).toBe(typed[n][i]);
      for (let i = 5; i < 10; i++)
        expect(content(sheet, top + i, colOf(k))).toBe(formulaAt(full.columns[j].formula!, i));
    });
    expect(r.note).toContain(`${a1(top + 5, colOf("pred"))}:${a1(top + 9, colOf("pred"))}`);
    const g = await grade(h, r.after.meta);
    expect(g).toMatchObject({ kind: "exercise", cells: 20, right: 20, wrong: 0, empty: 0 });
    // the exercise's shading is there once, over the new table
    const shades = sheet.conditionalFormats.filter((cf) =>
      JSON.stringify(cf.props).includes("FFF2CC")
    );
    for (const k of BLANK) {
      const over = shades.filter(
        (cf) => cf.range.col <= colOf(k) && colOf(k) < cf.range.col + cf.range.cols
      );
      expect(over.map((cf) => [cf.range.row, cf.range.rows])).toEqual([[top, 10]]);
    }
  });

  it("leaves the new rows empty when the learner's formulas are not one formula filled down", async () => {
    const h = await handedIn(1);
    const top = stepsTable(h.plan).row + 1;
    await h.host.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Run 1")
        .getRangeByIndexes(top + 2, colOf("err"), 1, 1).values = [[7]];
      await ctx.sync();
    });
    await rebuild(h, 1, 2);
    const sheet = sheetNamed(h.fake, "Run 1");
    expect(content(sheet, top + 2, colOf("err"))).toBe(7); // theirs, kept
    for (let i = 5; i < 10; i++) expect(content(sheet, top + i, colOf("err"))).toBeUndefined();
    expect(content(sheet, top + 5, colOf("pred"))).toMatch(/^=/);
  });

  it("names the learner's cells below a shorter table and clears only those", async () => {
    const h = await handedIn(2);
    const sheet = sheetNamed(h.fake, "Run 1");
    const top = stepsTable(h.plan).row + 1;
    const typed = content(sheet, top + 4, colOf("pred"));
    const r = await rebuild(h, 2, 1);
    expect(r.below).toEqual(
      [5, 6, 7, 8, 9].flatMap((i) => BLANK.map((k) => a1(top + i, colOf(k))))
    );
    expect(content(sheet, top + 4, colOf("pred"))).toBe(typed);
    for (let i = 5; i < 10; i++)
      for (const k of BLANK) expect(content(sheet, top + i, colOf(k))).toBeUndefined();
    expect(await grade(h, r.after.meta)).toMatchObject({ cells: 10, right: 10, empty: 0 });
  });
});

describe("Rebuild of an exercise written before its blank columns were the learner's", () => {
  it("puts back the learner's formulas the old areas' clearing removed", async () => {
    const h = await handedIn(1);
    const sheet = sheetNamed(h.fake, "Run 1");
    const t = stepsTable(h.plan);
    // such a sheet named its whole step table as one GradSheet area, blank columns included
    const whole = `${a1(t.row, t.col)}:${a1(t.row + t.rows, t.col + t.columns.length - 1)}`;
    h.fake.learner.defineName("GradSheet_Area99", "Run 1", whole, "Run 1");
    const typed = BLANK.map((k) => content(sheet, t.row + 3, colOf(k)));
    const r = await rebuild(h, 1, 2);
    expect(BLANK.map((k) => content(sheet, t.row + 3, colOf(k)))).toEqual(typed);
    expect(await grade(h, r.after.meta)).toMatchObject({ cells: 20, right: 20, empty: 0 });
  });
});

describe("Apply on an exercise", () => {
  it("writes only the learning rate: the learner's formulas stay", async () => {
    const h = await handedIn(1);
    const sheet = sheetNamed(h.fake, "Run 1");
    const top = stepsTable(h.plan).row + 1;
    const before = BLANK.map((k) => content(sheet, top + 3, colOf(k)));
    await h.gateway.setLearningRate("Run 1", 0.0002, h.plan.meta);
    expect(BLANK.map((k) => content(sheet, top + 3, colOf(k)))).toEqual(before);
    expect(before.every((f) => typeof f === "string" && f.startsWith("="))).toBe(true);
  });
});
