/**
 * Co-editing (issue 21): a seeded property test interleaving a learner's edits (notes beside a run,
 * own charts — some of them broken the way the forum's were — and shapes, renames, sorting the log,
 * inserted rows, an own sheet called Runs, a run deleted and recreated under its name) with
 * GradSheet's actions as the pane does them, through src/run and src/excel: Generate, Apply,
 * Rebuild (asking first), Rerun, Compare, Sweep, landscape, and the chart doctor's fix of a
 * learner's chart. It runs directly on the fake and again under Microsoft's Office.js runtime
 * driving the fake, whose formulas a real engine calculates (HyperFormula, as Excel would).
 * After every GradSheet action:
 * (a) not one cell, chart, shape, name or sheet the learner made has changed (but the chart the
 *     doctor was asked to fix, which it changes on purpose);
 * (b) every GradSheet sheet still checks equal to the core: Excel's check (the gateway's `check`)
 *     reads what the engine calculated and compares it with the core's numbers.
 * A failing seed prints a replayable script. GRADSHEET_COEDIT_SEEDS=1000 runs the full count on
 * both paths (the default is a small fixed one, so `npm test` stays fast).
 */
import { describe, expect, it } from "vitest";
import type { ModelId, RunOptions } from "../../../src/core";
import { applyDoctorFixes, createWorkbook, scanCharts, writeChecked } from "../../../src/excel";
import {
  planRun,
  runExperiment,
  runOptionsFromMeta,
  type ExperimentRequest,
  type SheetPlan,
} from "../../../src/run";
import { cellKey, type FakeChart, type FakeExcel, type FakeSheet } from "../../../fake-excel";
import { chartId, userChart } from "../../../fake-excel/charts-doctor";
import { moveIndex, type Shift } from "../../../fake-excel/edits";
import { a1 } from "../../../src/sheet/address";
import { workbookEngine } from "../../../fake-excel/engine";
import { AREA_PREFIX, planAreas } from "../../../src/excel/sheet-slots";
import { fakeHost } from "./helpers";

const FULL = Number(process.env.GRADSHEET_COEDIT_SEEDS ?? 0);
const SEEDS = FULL || 3;
const RUNTIME_SEEDS = FULL || 1;
const STEPS = FULL ? 60 : 40;
/** Live GradSheet sheets beyond which GradSheet adds no sheet and the learner tends to delete one. */
const CROWD = 5;

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

/** Excel actions that only reach an object or read: the fake's own list (fake-excel/context). */
const NAVIGATION =
  /^(get\w*|series\.getItemAt|axes\.getItem|on\w+\.(add|remove)|suspend\w*|calculate)$/;

/** A GradSheet sheet as the test follows it (by object, so renames do not lose it). */
interface Tracked {
  sheet: FakeSheet;
  /** A run: its settings now (the learning rate last applied) and the plan the core makes of them. */
  run?: { options: RunOptions; plan: SheetPlan };
  /** Experiment sheets whose formulas read this run (a Compare sheet, a landscape). */
  readers: Tracked[];
  /** Why the sheet no longer holds what the core computed when it was written (then it is not checked). */
  stale?: string;
}

/** What the learner made, tracked by object so renames do not lose it. */
interface Mine {
  cells: { sheet: FakeSheet; row: number; col: number; value: string | number }[];
  sheets: FakeSheet[];
  charts: { sheet: FakeSheet; chart: unknown }[];
  names: string[];
}

/**
 * The learner's things as JSON: `rest` (cells, sheets without their charts, names, shapes) and each
 * chart apart, so a chart the doctor fixes on purpose can be left out of the comparison.
 */
function learnerSnapshot(
  fake: FakeExcel,
  mine: Mine
): { rest: string; charts: Map<unknown, string> } {
  const alive = (s: FakeSheet) => fake.state.sheets.includes(s);
  const charts = new Map<unknown, string>();
  const sheets = mine.sheets.filter(alive);
  for (const s of sheets) for (const c of s.charts) charts.set(c, JSON.stringify([s.id, c]));
  for (const c of mine.charts)
    if (alive(c.sheet))
      charts.set(
        c.chart,
        JSON.stringify([
          c.sheet.id,
          (c.sheet.charts as unknown[]).includes(c.chart) ||
            (c.sheet.shapes as unknown[]).includes(c.chart),
          c.chart,
        ])
      );
  const rest = JSON.stringify({
    cells: mine.cells
      .filter((c) => alive(c.sheet))
      .map((c) => [c.sheet.id, c.row, c.col, c.sheet.cells.get(cellKey(c.row, c.col))]),
    sheets: sheets.map((s) => [s.id, s.name, [...s.cells.entries()], s.charts.length, s.shapes]),
    names: fake.state.names.filter((n) => mine.names.includes(n.name)),
  });
  return { rest, charts };
}

/** Expect the learner's things unchanged since `before`, but the chart `fixed` (changed on purpose). */
function expectKept(
  before: ReturnType<typeof learnerSnapshot>,
  after: ReturnType<typeof learnerSnapshot>,
  fixed: unknown
): void {
  expect(after.rest, "the learner's cells, sheets, shapes and names").toBe(before.rest);
  for (const [chart, was] of before.charts)
    if (chart !== fixed) expect(after.charts.get(chart), "a learner's chart").toBe(was);
}

/** Small runs, so a seed of hundreds of steps stays fast: 3 to 5 points, 1 or 2 epochs. */
const XS = [14, 86, 28, 51, 9, 62];
const MODELS: ModelId[] = ["linear", "two-linear", "two-relu"];

async function coedit(seed: number, runtime: boolean): Promise<void> {
  const r = rng(seed);
  const api = r.pick(["1.9", "1.12", "1.15"]);
  let engine: ReturnType<typeof workbookEngine> | null = null;
  let seen = 0;
  const { fake, host } = fakeHost({
    runtime,
    apiVersion: api,
    // Excel's calculation: a real engine over the workbook, rebuilt after any request that wrote
    calculate: (s, row, col) => {
      for (; seen < fake.requests.length; seen++)
        if (fake.requests[seen].actions.some((a) => !NAVIGATION.test(a.name))) engine!.changed();
      return engine!.calculate(s, row, col);
    },
  });
  engine = workbookEngine(fake.state);
  const gw = createWorkbook(host);
  const tracked: Tracked[] = [];
  const mine: Mine = { cells: [], sheets: [fake.state.sheets[0]], charts: [], names: [] };
  const script: string[] = [`// seed ${seed}${runtime ? " (runtime)" : ""}, ExcelApi ${api}`];
  let n = 0;
  const alive = (s: FakeSheet) => fake.state.sheets.includes(s);
  const live = () => tracked.filter((t) => alive(t.sheet));
  const runs = () => live().filter((t) => t.run);
  const fresh = (base: string) => {
    let name = base;
    for (let i = 2; fake.state.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); i++)
      name = `${base} ${i}`;
    return name;
  };
  const sheetNamed = (name: string) => fake.state.sheets.find((s) => s.name === name)!;
  const options = (): RunOptions => ({
    model: r.pick(MODELS),
    optimizer: r.pick(["sgd", "momentum", "adam"]),
    gradient: r.pick(["analytic", "forward"]),
    lr: r.pick([1e-4, 1e-3]),
    epochs: 1 + r.int(2),
    data: { x: { kind: "list", x: XS.slice(0, 3 + r.int(3)) } },
  });
  const show = (o: unknown) => JSON.stringify(o);
  /** A sheet's tracked run, replanned at `options` (the pane's planOf). */
  const plan = (o: RunOptions, name: string, change = "check") => planRun(o, { name, change });
  /** Experiment sheets reading a run that changed no longer match the sample stored with them. */
  const changed = (t: Tracked, why: string) => {
    for (const x of t.readers) x.stale ??= why;
  };
  /** Whether row `at` of `t`'s sheet is strictly inside the data rows of one of its tables (found by their area names). */
  const insideTable = (t: Tracked, at: number) => {
    const areas = planAreas(t.run!.plan);
    const tables = areas.length - t.run!.plan.tables.length;
    return areas.slice(tables).some((_, k) => {
      const name = `${AREA_PREFIX}${tables + k + 1}`;
      const ref = fake.state.names.find(
        (x) => x.scopeSheetId === t.sheet.id && x.name === name
      )?.ref;
      return !!ref && at > ref.row + 1 && at < ref.row + ref.rows;
    });
  };
  /** Whether partial shift `s` moves any of GradSheet's own cells on `t`'s sheet (by its area names). */
  const touches = (t: Tracked, s: Shift) =>
    fake.state.names.some((x) => {
      if (x.scopeSheetId !== t.sheet.id || !x.name.startsWith(AREA_PREFIX) || !x.ref) return false;
      const [first, size, end] =
        s.axis === "rows"
          ? [x.ref.col, x.ref.cols, x.ref.row + x.ref.rows - 1]
          : [x.ref.row, x.ref.rows, x.ref.col + x.ref.cols - 1];
      return first <= s.band![1] && first + size - 1 >= s.band![0] && s.at <= end;
    });
  const typeNote = (sheet: FakeSheet, row: number, col: number, value: string | number) => {
    script.push(`fake.userEdit(${show(sheet.name)}, ${row}, ${col}, ${show(value)});`);
    mine.cells = mine.cells.filter((c) => !(c.sheet === sheet && c.row === row && c.col === col));
    fake.userEdit(sheet.name, row, col, value);
    mine.cells.push({ sheet, row, col, value });
  };

  const learner = async () => {
    // a learner tidies up: with many GradSheet sheets about, they often delete one
    const kind = live().length > CROWD && r.next() < 0.5 ? 9 : r.int(12);
    const targets = [...live().map((t) => t.sheet), ...mine.sheets.filter(alive)];
    if (!targets.length) return;
    const sheet = r.pick(targets);
    if (kind === 0) {
      // a note right of GradSheet's cells (its widest run table ends before column 70), on a run mostly
      const on = runs().length && r.next() < 0.7 ? r.pick(runs()).sheet : sheet;
      typeNote(on, r.int(30), 100 + r.int(10), `note ${n++}`);
    } else if (kind === 1) {
      const q = `'${sheet.name.replace(/'/g, "''")}'!`;
      script.push(`userChart(fake, ${show(sheet.name)}, XYScatter of ${q}$CW$1:$CW$5);`);
      const chart = userChart(fake, sheet.name, {
        type: "XYScatter",
        series: [{ name: `mine ${n++}`, y: `${q}$CW$1:$CW$5` }],
      });
      mine.charts.push({ sheet, chart });
    } else if (kind === 2) {
      const to = fresh(`Mine ${n++}`);
      script.push(`fake.rename(${show(sheet.name)}, ${show(to)});`);
      fake.rename(sheet.name, to);
    } else if (kind === 3) {
      const log = fake.state.sheets.find(
        (s) => s.name.startsWith("Runs") && !mine.sheets.includes(s)
      );
      if (!log) return;
      const rows = Math.max(...[...log.cells.keys()].map((k) => Math.floor(k / 16384))) + 1;
      script.push(`fake.learner.sort(${show(log.name)}, "A1:I${rows}", 4, false, true);`);
      fake.learner.sort(log.name, `A1:I${rows}`, 4, false, true);
    } else if (kind === 4) {
      // whole rows inserted into a run sheet: GradSheet's cells, names and charts move down
      const run = r.pick(runs());
      if (!run) return;
      const at = r.int(30),
        count = 1 + r.int(2);
      script.push(`fake.learner.rows(${show(run.sheet.name)}, ${at}, ${count});`);
      // Blank rows inside a step table change what it computes (an epoch's ROWS() counts them):
      // the learner's to make, so that run (and what reads it) is no longer checked.
      if (insideTable(run, at)) {
        run.stale = "the learner inserted rows inside its step table";
        changed(run, "the learner inserted rows inside a run it reads");
      }
      fake.learner.rows(run.sheet.name, at, count);
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
      const own = fake.state.sheets[fake.state.sheets.length - 1];
      fake.userEdit("Runs", 2, 0, "my own runs");
      mine.sheets.push(own);
    } else if (kind === 6) {
      const run = r.pick(live());
      if (!run || fake.state.sheets.length < 2) return;
      const name = run.sheet.name;
      script.push(`fake.learner.deleteSheet(${show(name)}); fake.learner.addSheet(${show(name)});`);
      fake.learner.deleteSheet(name);
      // the learner's deletion breaks the experiment sheets that read it (#REF!): theirs to break
      changed(run, `the learner deleted “${name}”, which it reads`);
      await fake.learner.addSheet(name);
      const made = fake.state.sheets[fake.state.sheets.length - 1];
      fake.userEdit(name, 0, 0, "the learner's own sheet");
      mine.sheets.push(made);
    } else if (kind === 7) {
      // the forum's chart: a line chart over the learner's own x cells (numbers as categories)
      const k = 3 + r.int(3);
      for (let i = 0; i < k; i++) {
        typeNote(sheet, i, 110, XS[i]);
        typeNote(sheet, i, 111, 2 * XS[i] + 30);
      }
      const q = `'${sheet.name.replace(/'/g, "''")}'!`;
      const spec = {
        type: "Line",
        series: [{ name: `forum ${n++}`, x: `${q}$DG$1:$DG$${k}`, y: `${q}$DH$1:$DH$${k}` }],
      };
      script.push(`userChart(fake, ${show(sheet.name)}, ${show(spec)});`);
      mine.charts.push({ sheet, chart: userChart(fake, sheet.name, spec) });
    } else if (kind === 10) {
      // cells inserted into part of a sheet (Insert Cells…, shift down or right): most often among
      // the learner's notes, sometimes across GradSheet's cells
      const down = r.next() < 0.5;
      const mineOnly = r.next() < 0.6;
      const from = mineOnly ? 100 + r.int(10) : r.int(70);
      const at = mineOnly ? r.int(30) : r.int(70);
      const count = 1 + r.int(2);
      const across = down ? [from, from + r.int(3)] : [r.int(30), 0];
      if (!down) across[1] = across[0] + r.int(3);
      const ref = down
        ? `${a1(at, across[0])}:${a1(at + count - 1, across[1])}`
        : `${a1(across[0], at)}:${a1(across[1], at + count - 1)}`;
      const shift: Shift = {
        sheet: sheet.name,
        axis: down ? "rows" : "cols",
        at,
        count,
        insert: true,
        band: [across[0], across[1]],
      };
      script.push(
        `fake.learner.cells(${show(sheet.name)}, ${show(ref)}, ${show(down ? "Down" : "Right")});`
      );
      fake.learner.cells(sheet.name, ref, down ? "Down" : "Right");
      for (const c of mine.cells)
        if (c.sheet === sheet) {
          const [along, side] = down ? [c.row, c.col] : [c.col, c.row];
          if (side < across[0] || side > across[1]) continue;
          if (down) c.row = moveIndex(along, shift)!;
          else c.col = moveIndex(along, shift)!;
        }
      // GradSheet's cells shifted against each other: its check reads where they were written
      // (through area names that did not follow), so that sheet is legitimately not checked
      const t = live().find((x) => x.sheet === sheet);
      if (t && touches(t, shift)) {
        t.stale = "the learner shifted part of its cells";
        changed(t, "the learner shifted part of a run it reads");
      }
    } else if (kind === 11) {
      // a name of the learner's own, on a note of theirs (scoped to its sheet, or workbook-wide)
      const note = r.pick(mine.cells.filter((c) => alive(c.sheet)));
      if (!note) return;
      const name = `My_${n++}`;
      const scope = r.next() < 0.5 ? note.sheet.name : undefined;
      const at = a1(note.row, note.col);
      script.push(
        `fake.learner.defineName(${show(name)}, ${show(note.sheet.name)}, ${show(at)}${scope ? `, ${show(scope)}` : ""});`
      );
      fake.learner.defineName(name, note.sheet.name, at, scope);
      mine.names.push(name);
    } else if (kind === 9) {
      const gone = r.pick(live());
      if (!gone || fake.state.sheets.length < 2) return;
      script.push(`fake.learner.deleteSheet(${show(gone.sheet.name)});`);
      fake.learner.deleteSheet(gone.sheet.name);
      changed(gone, `the learner deleted “${gone.sheet.name}”, which it reads`);
    } else {
      script.push(`fake.learner.shape(${show(sheet.name)}, "shape ${n}");`);
      fake.learner.shape(sheet.name, `shape ${n++}`);
      if (!mine.sheets.includes(sheet))
        mine.charts.push({ sheet, chart: sheet.shapes[sheet.shapes.length - 1] });
    }
    engine!.changed();
  };

  /** A GradSheet action; answers the learner's chart it changes on purpose, if any. */
  const gradsheet = async (): Promise<unknown> => {
    // new sheets only while the workbook is not crowded (it keeps each seed fast)
    // Rebuild twice as often as the others: it is where most of the learner's work is at stake
    const kind = live().length > CROWD ? r.pick([1, 2, 2, 7]) : r.pick([0, 1, 2, 2, 3, 4, 5, 6, 7]);
    const run = r.pick(runs());
    if (kind === 0 || ((kind === 1 || kind === 2 || kind === 3) && !run)) {
      // Generate: the run form's settings, named by the rule
      const o = options();
      script.push(`// Generate ${show(o)}`);
      const p = planRun(o, { change: "new run" });
      const report = await gw.write(p.plan, { record: p.record, runsRow: p.runsRow });
      script.push(`await gw.write(planRun(…).plan → ${show(report.sheet)});`);
      tracked.push({
        sheet: sheetNamed(report.sheet),
        run: { options: o, plan: plan(o, report.sheet).plan },
        readers: [],
      });
    } else if (kind === 1) {
      // Apply: the LearningRate cell only, through its name
      const lr = r.pick([1e-3, 1e-5, 3e-4]);
      const o = { ...run!.run!.options, lr };
      const p = plan(o, run!.sheet.name, `learning rate → ${lr} (Apply)`);
      script.push(`await gw.setLearningRate(${show(run!.sheet.name)}, ${lr}, meta, runsRow);`);
      await gw.setLearningRate(run!.sheet.name, lr, p.plan.meta, p.runsRow);
      run!.run = { options: o, plan: p.plan };
      changed(run!, "Apply changed a run it reads");
    } else if (kind === 2) {
      // Rebuild, as the pane does it: ask first about edited cells and the learner's cells under the new run
      const next = { ...run!.run!.options, epochs: 1 + r.int(2), lr: r.pick([1e-4, 1e-3]) };
      const name = run!.sheet.name;
      const before = plan(run!.run!.options, name).plan;
      const edited = await gw.editedCells(name, before);
      const under = await gw.cellsUnder(name, before, plan(next, name).plan);
      script.push(
        `// Rebuild ${show(name)} with ${show(next)}: the pane asks about ${[...edited, ...under].join(", ") || "nothing"}`
      );
      if (edited.length || under.length) return; // the learner answers "Keep my edits"
      const p = planRun(next, { name, change: "rebuilt" });
      await gw.write(p.plan, { record: p.record, replace: name, runsRow: p.runsRow });
      script.push(`await gw.write(planRun(next).plan, { replace: ${show(name)} });`);
      run!.run = { options: next, plan: p.plan };
      changed(run!, "Rebuild changed a run it reads");
    } else if (kind === 3) {
      // Rerun as new sheet: the card's settings, a new sheet named by the rule
      const o = { ...run!.run!.options, lr: r.pick([1e-4, 1e-3, 1e-5]) };
      const p = planRun(o, { change: `rerun of “${run!.sheet.name}”` });
      const report = await gw.write(p.plan, { record: p.record, runsRow: p.runsRow });
      script.push(`// Rerun ${show(o)} → ${show(report.sheet)}`);
      tracked.push({
        sheet: sheetNamed(report.sheet),
        run: { options: o, plan: plan(o, report.sheet).plan },
        readers: [],
      });
    } else if (kind === 4 || kind === 5 || kind === 6) {
      const base = options();
      const request: ExperimentRequest =
        kind === 4
          ? {
              kind: "compare",
              options: base,
              models: MODELS.filter(() => r.next() < 0.6).slice(0, 2),
            }
          : kind === 5
            ? { kind: "sweep", options: base, lrs: [1e-4, 1e-3, 1e-2] }
            : { kind: "landscape", options: base, points: 5 };
      if (request.kind === "compare" && !request.models.length) request.models = ["linear"];
      script.push(`// ${request.kind} ${show(request)}`);
      const e = runExperiment(request);
      const report = await writeChecked(host, e.workbook.sheets, { records: e.records });
      script.push(`await writeChecked(host, …) → ${show(report.sheets)}`);
      const sheets = report.sheets.map((name, i) => {
        const t: Tracked = { sheet: sheetNamed(name), readers: [] };
        if (e.records[i].role === "run") {
          // the pane's card reads a run's settings back from its record, as here
          const o = runOptionsFromMeta(e.records[i].options)!;
          t.run = { options: o, plan: plan(o, name).plan };
        }
        return t;
      });
      const experiments = sheets.filter((t) => !t.run);
      for (const t of sheets) if (t.run) t.readers.push(...experiments);
      tracked.push(...sheets);
    } else {
      // the chart doctor: scan the workbook, fix one of the learner's charts (as its Fix button)
      script.push(`const scan = await scanCharts(host, "workbook");`);
      const scan = await scanCharts(host, "workbook");
      const theirs = mine.charts.filter(
        (c) => alive(c.sheet) && c.sheet.charts.includes(c.chart as FakeChart)
      );
      const fixable = theirs.filter((c) =>
        scan.findings.some((f) => f.fixable && f.chartId === chartId(c.chart as FakeChart))
      );
      if (!fixable.length) return;
      const target = r.pick(fixable).chart as FakeChart;
      const id = chartId(target);
      script.push(`await applyDoctorFixes(host, scan, (id) => id === ${show(id)});`);
      const done = await applyDoctorFixes(host, scan, (c) => c === id);
      expect(done.applied.length, "the doctor fixed the learner's chart").toBeGreaterThan(0);
      return target;
    }
    return undefined;
  };

  try {
    for (let step = 0; step < STEPS; step++) {
      if (r.next() < 0.5) {
        await learner();
        continue;
      }
      const before = learnerSnapshot(fake, mine);
      const fixed = await gradsheet();
      // (a) The doctor changes the chart it was asked to fix, on purpose: that chart is left out
      // of this comparison (its new state is the learner's from the next step on); nothing else
      // of the learner's changes.
      expectKept(before, learnerSnapshot(fake, mine), fixed);
      // (b) Every GradSheet sheet, as Excel's check finds it (through its area names when the
      // learner's rows moved its cells).
      for (const t of live()) {
        if (t.stale) continue; // its reason says why it no longer holds what the core computed
        const result = t.run
          ? await gw.check(t.sheet.name, { ...t.run.plan, name: t.sheet.name })
          : await gw.check(t.sheet.name);
        expect(result.differs, `“${t.sheet.name}”: ${result.message}`).toBeUndefined();
        expect(result.cells, `“${t.sheet.name}”: ${result.message}`).toBeGreaterThan(0);
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
