/**
 * The real-Excel scenario as plain steps on an ExcelHost, shared by the in-Excel runner
 * (tests/excel/in-excel.ts, run by `npm run test:excel` through Microsoft's test server) and by
 * `npm test` against the fake (tests/unit/excel/scenario.test.ts). Steps only use GradSheet's
 * Excel layer and Office.js through the host, and fail by throwing a sentence, so they run the
 * same in Excel's web view and in Node. Only what differs between the two is in the environment:
 * who calculates (real Excel does; the fake is told the core's values) and how a user's line
 * chart with unlinked categories is made.
 */
import { initForModel, resolveConfig, train, type RunOptions } from "../../src/core";
import {
  checkSheet,
  checkSheets,
  createWorkbook,
  scanCharts,
  writePlan,
  writePlans,
  type ExcelHost,
} from "../../src/excel";
import { buildRunSheet } from "../../src/sheet";
import { quoteSheet } from "../../src/sheet/address";
import { buildCompareWorkbook } from "../../src/sheet/experiments";
import type { SheetPlan } from "../../src/sheet/plan";

/** What differs between real Excel and the fake. */
export interface ScenarioEnv {
  host: ExcelHost;
  /** `plan` is now on sheet `sheet` and Excel calculates it: nothing to do in real Excel; the fake is given the core's values. */
  calculated(sheet: string, plan: SheetPlan): void;
  /** A new active sheet with x in A2:A4, y in B2:B4 and a line chart of y whose x axis is not linked to the x cells. */
  addUnlinkedLineChart(): Promise<void>;
}

/** One step's outcome, as sent to Microsoft's test server (`sendTestResults`) and asserted by the unit test. */
export interface StepResult {
  step: string;
  ok: boolean;
  detail: string;
}

/** The 2-neuron run (linear, SGD, 3 epochs) at learning rate `lr`. */
export const scenarioOptions = (lr: number): RunOptions => ({
  model: "two-linear",
  optimizer: "sgd",
  lr,
  epochs: 3,
  gradient: "forward",
  h: 0.01,
  init: initForModel(1, "two-linear"),
});
const runPlan = (lr: number, name = "2 neurons") =>
  buildRunSheet(train(resolveConfig(scenarioOptions(lr)), { rows: true }), { name });

/** Rows and columns from A1 that hold everything `plan` writes. */
function extent(plan: SheetPlan): { rows: number; cols: number } {
  const rects = [
    ...plan.blocks.map((b) => ({
      end: b.row + b.cells.length,
      right: b.col + Math.max(0, ...b.cells.map((r) => r.length)),
    })),
    ...plan.tables.map((t) => ({ end: t.row + t.rows + 1, right: t.col + t.columns.length })),
  ];
  return {
    rows: Math.max(1, ...rects.map((r) => r.end)),
    cols: Math.max(1, ...rects.map((r) => r.right)),
  };
}

function must(ok: boolean, sentence: string): void {
  if (!ok) throw new Error(sentence);
}
const AGREES = /^Excel agrees with the core's numbers on \d+ cells\.$/;

/** What the steps pass on: the run sheet's name in the workbook. */
interface ScenarioState {
  sheet: string;
}

type Step = [name: string, run: (env: ScenarioEnv, s: ScenarioState) => Promise<string>];

/** The steps, in order; each returns what it saw in one sentence. */
export const STEPS: Step[] = [
  [
    "Generate the 2-neuron sheet and compare it with the core",
    async (env, s) => {
      const plan = runPlan(1e-4);
      s.sheet = (await writePlan(env.host, plan, { record: { options: plan.meta } })).sheet;
      env.calculated(s.sheet, plan);
      const check = await checkSheet(env.host, s.sheet, plan);
      must(AGREES.test(check.message), check.message);
      return check.message;
    },
  ],
  [
    "Change LearningRate and compare again",
    async (env, s) => {
      const next = runPlan(1e-5);
      await createWorkbook(env.host).setLearningRate(s.sheet, 1e-5, next.meta);
      env.calculated(s.sheet, next);
      const check = await checkSheet(env.host, s.sheet, next);
      must(AGREES.test(check.message), check.message);
      // The check can fail: the old rate's numbers are no longer what Excel shows.
      const stale = await checkSheet(env.host, s.sheet, runPlan(1e-4));
      must(!!stale.differs, `The check did not notice the new rate: ${stale.message}`);
      return check.message;
    },
  ],
  [
    "Rebuild a run, and the Compare sheet still reads it",
    async (env) => {
      const plans = buildCompareWorkbook([
        train(resolveConfig(scenarioOptions(1e-4)), { rows: true }),
      ]).sheets;
      const written = await writePlans(env.host, plans, {
        records: plans.map((p, i) => ({ role: i ? "run" : "experiment", options: p.meta })),
      });
      written.sheets.forEach((name, i) => env.calculated(name, plans[i]));
      const [compare, run] = written.sheets;
      await writePlan(env.host, plans[1], { record: { options: plans[1].meta }, replace: run });
      const formulas = await env.host.run(async (context) => {
        const { rows, cols } = extent(plans[0]);
        const range = context.workbook.worksheets
          .getItem(compare)
          .getRangeByIndexes(0, 0, rows, cols)
          .load("formulas");
        await context.sync();
        return ([] as unknown[])
          .concat(...range.formulas)
          .filter((f): f is string => typeof f === "string" && f.startsWith("="));
      });
      must(
        formulas.some((f) => f.includes(`${quoteSheet(run)}!`)),
        `No formula on ${compare} reads ${run} any more.`
      );
      const broken = formulas.find((f) => f.includes("#REF!"));
      must(!broken, `${compare} has a broken reference after the rebuild: ${broken}`);
      const check = await checkSheets(env.host, written.sheets, plans);
      must(AGREES.test(check.message), check.message);
      return check.message;
    },
  ],
  [
    "A note beside the run, then Rebuild: the note stays and the run still agrees",
    async (env, s) => {
      const note = "my note: is 1e-5 too small?";
      const at = { row: 2, col: 60 }; // far right of the run's cells
      await env.host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(s.sheet);
        ws.getRangeByIndexes(at.row, at.col, 1, 1).values = [[note]];
        await context.sync();
      });
      const plan = runPlan(1e-5, s.sheet);
      await writePlan(env.host, plan, { record: { options: plan.meta }, replace: s.sheet });
      env.calculated(s.sheet, plan);
      const kept = await env.host.run(async (context) => {
        const cell = context.workbook.worksheets
          .getItem(s.sheet)
          .getRangeByIndexes(at.row, at.col, 1, 1)
          .load("values");
        await context.sync();
        return cell.values[0][0];
      });
      must(kept === note, `The learner's note became ${JSON.stringify(kept)} after Rebuild.`);
      const check = await checkSheet(env.host, s.sheet, plan);
      must(AGREES.test(check.message), check.message);
      return `The note stayed. ${check.message}`;
    },
  ],
  [
    "A sorted Runs log, then Apply: every sorted row stays and one row is appended",
    async (env, s) => {
      const wb = createWorkbook(env.host);
      const logged = (lr: number, change: string) => ({
        sheet: s.sheet,
        model: "2 neurons",
        optimizer: "SGD",
        lr,
        epochs: 3,
        finalRootSse: 1,
        divergedAt: "",
        change,
      });
      await wb.setLearningRate(s.sheet, 1e-4, runPlan(1e-4).meta, logged(1e-4, "Apply 1e-4"));
      await wb.setLearningRate(s.sheet, 1e-3, runPlan(1e-3).meta, logged(1e-3, "Apply 1e-3"));
      const read = () =>
        env.host.run(async (context) => {
          const log = context.workbook.worksheets.getItem("Runs");
          const used = log.getUsedRange(true).load("values");
          await context.sync();
          return used.values.map((r) => [r[4], r[8]]);
        });
      await env.host.run(async (context) => {
        const log = context.workbook.worksheets.getItem("Runs");
        log.getUsedRange(true).sort.apply([{ key: 4, ascending: false }], false, true);
        await context.sync();
      });
      const sorted = await read();
      must(sorted[1][0] === 1e-3, `The log did not sort: ${JSON.stringify(sorted)}`);
      await wb.setLearningRate(s.sheet, 1e-5, runPlan(1e-5).meta, logged(1e-5, "Apply 1e-5"));
      const after = await read();
      must(
        JSON.stringify(after.slice(0, sorted.length)) === JSON.stringify(sorted),
        `Apply rewrote a sorted row: ${JSON.stringify(after)}`
      );
      must(
        after.length === sorted.length + 1,
        `Apply did not append one row: ${JSON.stringify(after)}`
      );
      must(
        after[after.length - 1][1] === "Apply 1e-5",
        `The new row says ${JSON.stringify(after[after.length - 1])}`
      );
      return `${after.length - 1} rows, the last appended after the sort.`;
    },
  ],
  [
    "The chart doctor finds a line chart whose x axis is not linked",
    async (env) => {
      await env.addUnlinkedLineChart();
      const scan = await scanCharts(env.host, "active");
      const codes = scan.findings.map((f) => f.code);
      must(
        codes.includes("literal-categories") || codes.includes("absent-categories"),
        `The doctor found ${codes.join(", ") || "nothing"} (limitations: ${scan.limitations.join(" ") || "none"}).`
      );
      return `Findings: ${codes.join(", ")}.`;
    },
  ],
];

/** Run every step in order, stopping at the first that fails (later steps build on it). */
export async function runScenario(env: ScenarioEnv): Promise<StepResult[]> {
  const state: ScenarioState = { sheet: "" };
  const out: StepResult[] = [];
  for (const [step, run] of STEPS) {
    try {
      out.push({ step, ok: true, detail: await run(env, state) });
    } catch (e) {
      out.push({ step, ok: false, detail: e instanceof Error ? e.message : String(e) });
      break;
    }
  }
  return out;
}
