/**
 * Co-editing (issue 21): a seeded property test interleaving a learner's edits (notes beside a run,
 * own charts and shapes, renames, sorting the log, inserted rows, an own sheet called Runs, a run
 * deleted and recreated under its name) with GradSheet's actions (Generate, Apply, Rebuild, Rerun,
 * experiments, a chart scan), directly on the fake and again under Microsoft's Office.js runtime.
 * After every GradSheet action nothing the learner made has changed, and every GradSheet run sheet
 * still holds its plan (at the learning rate last applied). A failing seed prints a replayable
 * script. GRADSHEET_COEDIT_SEEDS=1000 runs the full count (the default is a small fixed one).
 */
import { describe, expect, it } from "vitest";
import { createWorkbook, writePlan, writePlans } from "../../../src/excel";
import { scanCharts } from "../../../src/excel/doctor";
import { cellKey, type FakeExcel, type FakeSheet } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { moveIndex } from "../../../fake-excel/edits";
import { runPlan } from "./fixtures";
import { expectSheetEqualsPlan, fakeHost } from "./helpers";

const FULL = Number(process.env.GRADSHEET_COEDIT_SEEDS ?? 0);
const SEEDS = FULL || 4;
const RUNTIME_SEEDS = FULL || 1;
const STEPS = FULL ? 200 : 60;

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const row = (sheet: string, change: string, lr = 1e-4) => ({
  sheet,
  model: "1 neuron",
  optimizer: "SGD",
  lr,
  epochs: 3,
  finalRootSse: 1,
  divergedAt: "",
  change,
});

interface Run {
  sheet: FakeSheet;
  rows: number;
  lr: number;
  /** Rows the learner inserted or deleted on it: its plan no longer sits where it was written. */
  shifted: boolean;
}

/** What the learner made, tracked by object so renames do not lose it. */
interface Mine {
  cells: { sheet: FakeSheet; row: number; col: number; value: string }[];
  sheets: FakeSheet[];
  charts: { sheet: FakeSheet; chart: unknown }[];
  names: string[];
}

function learnerSnapshot(fake: FakeExcel, mine: Mine): string {
  const alive = (s: FakeSheet) => fake.state.sheets.includes(s);
  return JSON.stringify({
    cells: mine.cells
      .filter((c) => alive(c.sheet))
      .map((c) => [c.sheet.id, c.row, c.col, c.sheet.cells.get(cellKey(c.row, c.col))]),
    sheets: mine.sheets
      .filter(alive)
      .map((s) => [s.id, s.name, [...s.cells.entries()], s.charts, s.shapes]),
    charts: mine.charts
      .filter((c) => alive(c.sheet))
      .map((c) => [c.sheet.id, c.sheet.charts.includes(c.chart as never), c.chart]),
    names: fake.state.names.filter((n) => mine.names.includes(n.name)),
  });
}

async function coedit(seed: number, runtime: boolean): Promise<void> {
  const r = rng(seed);
  const { fake, host } = fakeHost({ runtime, apiVersion: r.next() < 0.5 ? "1.12" : "1.9" });
  const wb = createWorkbook(host);
  const runs: Run[] = [];
  const mine: Mine = { cells: [], sheets: [fake.state.sheets[0]], charts: [], names: [] };
  const script: string[] = [
    `// seed ${seed}${runtime ? " (runtime)" : ""}, ExcelApi ${host.supports("1.12") ? "1.12" : "1.9"}`,
  ];
  let n = 0;
  const live = () => runs.filter((x) => fake.state.sheets.includes(x.sheet));
  const fresh = (base: string) => {
    let name = base;
    for (let i = 2; fake.state.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); i++)
      name = `${base} ${i}`;
    return name;
  };

  const learner = async () => {
    const kind = r.int(8);
    const targets = [
      ...live().map((x) => x.sheet),
      ...mine.sheets.filter((s) => fake.state.sheets.includes(s)),
    ];
    if (!targets.length) return;
    const sheet = r.pick(targets);
    if (kind === 0) {
      const cell = { sheet, row: r.int(30), col: 40 + r.int(10), value: `note ${n++}` };
      script.push(
        `fake.userEdit(${JSON.stringify(sheet.name)}, ${cell.row}, ${cell.col}, ${JSON.stringify(cell.value)});`
      );
      mine.cells = mine.cells.filter(
        (c) => !(c.sheet === sheet && c.row === cell.row && c.col === cell.col)
      );
      fake.userEdit(sheet.name, cell.row, cell.col, cell.value);
      mine.cells.push(cell);
    } else if (kind === 1) {
      script.push(`userChart(fake, ${JSON.stringify(sheet.name)}, …mine…);`);
      const chart = userChart(fake, sheet.name, {
        type: "XYScatter",
        series: [{ name: `mine ${n++}`, y: `'${sheet.name.replace(/'/g, "''")}'!$AP$1:$AP$5` }],
      });
      mine.charts.push({ sheet, chart });
    } else if (kind === 2) {
      const to = fresh(`Mine ${n++}`);
      script.push(`fake.rename(${JSON.stringify(sheet.name)}, ${JSON.stringify(to)});`);
      fake.rename(sheet.name, to);
    } else if (kind === 3) {
      const log = fake.state.sheets.find(
        (s) => s.name.startsWith("Runs") && !mine.sheets.includes(s)
      );
      if (!log) return;
      const rows = Math.max(...[...log.cells.keys()].map((k) => Math.floor(k / 16384))) + 1;
      script.push(`fake.learner.sort(${JSON.stringify(log.name)}, "A1:I${rows}", 4, false, true);`);
      fake.learner.sort(log.name, `A1:I${rows}`, 4, false, true);
    } else if (kind === 4) {
      const run = r.pick(live());
      if (!run) return;
      const at = r.int(40),
        count = 1 + r.int(2);
      script.push(`fake.learner.rows(${JSON.stringify(run.sheet.name)}, ${at}, ${count});`);
      fake.learner.rows(run.sheet.name, at, count);
      run.shifted = true;
      const shift = { sheet: run.sheet.name, axis: "rows" as const, at, count, insert: true };
      for (const c of mine.cells) if (c.sheet === run.sheet) c.row = moveIndex(c.row, shift)!;
    } else if (kind === 5) {
      if (fake.state.sheets.some((s) => s.name.toLowerCase() === "runs")) {
        const s = fake.state.sheets.find((x) => x.name.toLowerCase() === "runs")!;
        if (mine.sheets.includes(s) || fake.state.sheets.length < 2) return;
        script.push(`fake.learner.deleteSheet("Runs");`);
        fake.learner.deleteSheet("Runs");
      }
      script.push(`fake.learner.addSheet("Runs"); fake.userEdit("Runs", 2, 0, "my own runs");`);
      await fake.learner.addSheet("Runs");
      fake.userEdit("Runs", 2, 0, "my own runs");
      mine.sheets.push(fake.state.sheets[fake.state.sheets.length - 1]);
    } else if (kind === 6) {
      const run = r.pick(live());
      if (!run || fake.state.sheets.length < 2) return;
      const name = run.sheet.name;
      script.push(
        `fake.learner.deleteSheet(${JSON.stringify(name)}); fake.learner.addSheet(${JSON.stringify(name)});`
      );
      fake.learner.deleteSheet(name);
      await fake.learner.addSheet(name);
      const made = fake.state.sheets[fake.state.sheets.length - 1];
      fake.userEdit(name, 0, 0, "the learner's own sheet");
      mine.sheets.push(made);
    } else {
      script.push(`fake.learner.shape(${JSON.stringify(sheet.name)}, "mine");`);
      fake.learner.shape(sheet.name, `shape ${n++}`);
      if (!mine.sheets.includes(sheet))
        mine.charts.push({ sheet, chart: sheet.shapes[sheet.shapes.length - 1] });
    }
  };

  const gradsheet = async () => {
    const kind = r.int(6);
    const run = r.pick(live());
    if (kind === 0 || kind === 3 || !run) {
      const rows = 3 + r.int(8);
      const name = fresh(kind === 3 ? "Rerun" : "Run");
      script.push(`await writePlan(host, runPlan(${rows}, ${JSON.stringify(name)}), …, runsRow);`);
      const report = await writePlan(host, runPlan(rows, name), {
        record: { options: {} },
        runsRow: row(name, "new run"),
      });
      runs.push({
        sheet: fake.state.sheets.find((s) => s.name === report.sheet)!,
        rows,
        lr: 1e-4,
        shifted: false,
      });
    } else if (kind === 1) {
      const lr = r.pick([1e-3, 1e-5, 0.02]);
      script.push(`await wb.setLearningRate(${JSON.stringify(run.sheet.name)}, ${lr}, {}, row);`);
      await wb.setLearningRate(run.sheet.name, lr, {}, row(run.sheet.name, "Apply", lr));
      run.lr = lr;
    } else if (kind === 2) {
      const plan = runPlan(run.rows, run.sheet.name);
      const next = runPlan(3 + r.int(8), run.sheet.name);
      const edited = await wb.editedCells(run.sheet.name, plan);
      const under = await wb.cellsUnder(run.sheet.name, plan, next);
      script.push(
        `// Rebuild ${JSON.stringify(run.sheet.name)}: the pane asks about ${[...edited, ...under].join(", ") || "nothing"}`
      );
      if (edited.length || under.length) return; // the learner answers "Keep my edits"
      script.push(
        `await writePlan(host, runPlan(${next.tables[0].rows}, ${JSON.stringify(run.sheet.name)}), { replace });`
      );
      await writePlan(host, next, {
        record: { options: {} },
        replace: run.sheet.name,
        runsRow: row(run.sheet.name, "rebuilt"),
      });
      Object.assign(run, { rows: next.tables[0].rows, lr: 1e-4, shifted: false });
    } else if (kind === 4) {
      const name = fresh("Compare");
      script.push(`await writePlans(host, [compare ${JSON.stringify(name)}], …);`);
      const compare = { ...runPlan(3, name), meta: { gradsheet: 1, kind: "compare", runs: ["a"] } };
      await writePlans(host, [compare], { records: [{ role: "experiment", options: {} }] });
    } else {
      script.push(`await scanCharts(host, "workbook");`);
      await scanCharts(host, "workbook");
    }
  };

  try {
    for (let step = 0; step < STEPS; step++) {
      if (r.next() < 0.5) {
        await learner();
        continue;
      }
      const before = learnerSnapshot(fake, mine);
      await gradsheet();
      expect(
        learnerSnapshot(fake, mine),
        "the learner's cells, charts, shapes, names and sheets"
      ).toBe(before);
      for (const run of live()) {
        if (run.shifted) continue;
        const plan = runPlan(run.rows, run.sheet.name);
        plan.blocks = plan.blocks.map((b) => ({
          ...b,
          cells: b.cells.map((line, i) =>
            line.map((c, j) =>
              b.row + i === 1 && b.col + j === 1 && c ? { ...c, value: run.lr } : c
            )
          ),
        }));
        expectSheetEqualsPlan(run.sheet, plan);
      }
    }
  } catch (e) {
    throw new Error(`${(e as Error).message}\nReplay:\n${script.join("\n")}`);
  }
}

describe("co-editing: the learner and GradSheet in one workbook", () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))("seed %i on the fake", async (seed) => {
    await coedit(seed, false);
  });
  it.each(Array.from({ length: RUNTIME_SEEDS }, (_, i) => i + 1))(
    "seed %i under Microsoft's Office.js runtime",
    async (seed) => {
      await coedit(seed, true);
    }
  );
});
