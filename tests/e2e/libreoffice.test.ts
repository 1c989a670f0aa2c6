/**
 * Exported workbooks in a real spreadsheet application: headless LibreOffice (Python-UNO) opens
 * each preset's export with recalculation forced, and every formula cell must recalculate to the
 * value the core cached in the file.
 *
 * Tolerance. Most cells match bit for bit. LibreOffice differs from IEEE/JS arithmetic in three
 * documented ways (shared/reference/oracles.md §3.4, §4), so numbers may also differ by a relative
 * 1e-10 (measured worst case over the presets: 5.9e-12):
 *  - `^` and POWER use glibc pow(), which is not correctly rounded (1 ulp off x·x in ~0.1% of
 *    cases); finite differences divide that by h and the update carries it down the chain;
 *  - SUM/SUMSQ/AVERAGE use compensated (Neumaier) summation where the core adds naively;
 *  - a − b snaps to 0 when |a − b| is below ~2⁻⁴⁸ of the operands (no preset hits this; it would
 *    show as a mismatch with got = 0).
 * Relative gaps ABS(p − q)/|q| between nearly equal numbers (forward vs analytic derivative, about
 * 1e-4 apart) amplify their inputs' differences by |q|/|p − q| (about 1e4), on top of the forward
 * difference's own division by h, so they get a relative 1e-6 (measured worst: 4.3e-8, i.e. an
 * absolute 6e-12 on a gap of 1.4e-4). Where the two derivatives agree to rounding (central
 * differences on the linear model: gaps of 1e-15..1e-14), LibreOffice's approximate "=" and its
 * subtraction snap give 0 or other noise, so a gap within an absolute 1e-12 also passes.
 * Errors (#NUM!, #N/A), text and booleans must match exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS, resolveConfig, train, type RunOptions } from "../../src/core";
import { rangeA1 } from "../../src/sheet/address";
import type { SheetPlan } from "../../src/sheet/plan";
import { buildWorkbookPlan } from "../../src/sheet/workbook";
import { writeWorkbook } from "../../src/xlsx";
import { notesOf } from "../../src/xlsx/comments-xml";
import { compareWithEngine, LO_TOLERANCE } from "./helpers/compare";
import { loRecalc, requireLibreOffice, type LoDump } from "./helpers/libreoffice";

/** One LibreOffice session per hook; on a busy 2-core machine a start alone has taken 20 s. */
const LO_HOOK_MS = 300_000;

/** The new learning rate typed into the LearningRate cell: half the preset's. */
const NEW_RATE = (lr: number) => lr / 2;

let dir = "";
beforeAll(() => {
  requireLibreOffice();
  dir = mkdtempSync(join(tmpdir(), "gradsheet-lo-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A preset's run at `lr`, as a plan and as a file. */
function exportAt(
  options: Parameters<typeof resolveConfig>[0],
  name: string,
  lr?: number
): { plan: SheetPlan; file: string } {
  const result = train(resolveConfig(lr === undefined ? options : { ...options, lr }), {
    rows: true,
  });
  const plan = buildWorkbookPlan([{ result, name }]);
  const file = join(dir, `${name}-${lr ?? "preset"}.xlsx`);
  writeFileSync(file, writeWorkbook(plan));
  return { plan: plan.sheets[0], file };
}

/** "$'Run 1'.$A$7:$A$93" (LibreOffice) and "'Run 1'!$A$7:$A$93" (A1) both become "Run 1!A7:A93". */
const plainRange = (r: string | undefined) =>
  (r ?? "")
    .replace(/\$/g, "")
    .replace(/'/g, "")
    .replace(/^([^!.]+)\./, "$1!");

/** Every preset, and the optimizers and gradient kinds the presets do not use. */
const RUNS: [string, { options: RunOptions }][] = [
  ...PRESETS.map((p) => [p.id, p] as [string, { options: RunOptions }]),
  [
    "linear-momentum-central",
    {
      options: {
        model: "linear",
        optimizer: "momentum",
        gradient: "central",
        lr: 1e-4,
        epochs: 3,
        init: 1,
      },
    },
  ],
  [
    "two-linear-rmsprop-analytic",
    {
      options: {
        model: "two-linear",
        optimizer: "rmsprop",
        gradient: "analytic",
        lr: 1e-3,
        epochs: 2,
        init: 1,
      },
    },
  ],
  [
    "two-relu-adam-forward",
    {
      options: {
        model: "two-relu",
        optimizer: "adam",
        gradient: "forward",
        lr: 1e-2,
        epochs: 3,
        init: 1,
      },
    },
  ],
  // mini-batches (IF(update=1, …) state and weights) and a wide ReLU layer (8 neurons, 25 weights)
  [
    "two-linear-momentum-batch-5",
    {
      options: {
        model: "two-linear",
        optimizer: "momentum",
        gradient: "central",
        lr: 1e-4,
        epochs: 2,
        batch: 5,
        init: 1,
      },
    },
  ],
  [
    "relu-8-sgd-forward",
    { options: { model: "relu-8", optimizer: "sgd", gradient: "forward", lr: 1e-5, epochs: 2 } },
  ],
  [
    "relu-3-rmsprop-batch-4",
    {
      options: {
        model: "relu-3",
        optimizer: "rmsprop",
        gradient: "analytic",
        lr: 1e-3,
        epochs: 2,
        batch: 4,
      },
    },
  ],
];

describe.each(RUNS)("the export of %s, in LibreOffice", (id, preset) => {
  let plan: SheetPlan;
  let lo: LoDump;
  let lr = 0;
  beforeAll(() => {
    const exported = exportAt(preset.options, id);
    plan = exported.plan;
    lr = resolveConfig(preset.options).lr;
    lo = loRecalc(exported.file, { set: { LearningRate: NEW_RATE(lr) } });
  }, LO_HOOK_MS);

  it("opens as the same sheet with its defined names", () => {
    expect(lo.sheets.map((s) => s.name)).toEqual([plan.name]);
    // the print area is a name too (Excel's _xlnm.Print_Area); it is checked by render-workbooks.test.ts
    expect(lo.names.filter((n) => n.name.startsWith("_xlnm.")).map((n) => n.name)).toEqual(
      plan.print ? ["_xlnm.Print_Area"] : []
    );
    const names = lo.names
      .filter((n) => !n.name.startsWith("_xlnm."))
      .map((n) => [n.name, plainRange(n.content)])
      .sort();
    const expected = plan.names
      .map((n) => [
        n.name,
        plainRange(rangeA1({ sheet: plan.name, row: n.row, col: n.col, rows: 1, cols: 1 })),
      ])
      .sort();
    expect(names).toEqual(expected);
  });

  it("has every chart as an XY scatter whose series read the planned cell ranges", () => {
    const charts = lo.sheets[0].charts;
    expect(charts).toHaveLength(plan.charts.length);
    const got = charts.flatMap((c) =>
      c.series.map((s) => [s.type, plainRange(s.x), plainRange(s.y)])
    );
    const want = plan.charts.flatMap((c) =>
      c.series.map((s) => [
        "com.sun.star.chart2.ScatterChartType",
        plainRange(rangeA1(s.x)),
        plainRange(rangeA1(s.y)),
      ])
    );
    expect(got).toEqual(want);
  });

  it("shows the plan's cell notes", () => {
    const byCell = (n: { row: number; col: number }) => n.row * 1e5 + n.col;
    expect(lo.sheets[0].notes.sort((p, q) => byCell(p) - byCell(q))).toEqual(
      notesOf(plan.blocks).sort((p, q) => byCell(p) - byCell(q))
    );
    expect(lo.sheets[0].notes.length).toBeGreaterThan(0);
  });

  it("recalculates every formula cell to the value cached in the file", () => {
    const c = compareWithEngine(plan, lo.baseline![0].rows, LO_TOLERANCE);
    expect(c.mismatches.slice(0, 5)).toEqual([]);
    expect(c.cells).toBeGreaterThan(100);
    expect(c.exact / c.cells).toBeGreaterThan(0.5);
  });

  it("follows a new LearningRate typed into its cell exactly as an export made at that rate", () => {
    const { plan: atNewRate } = exportAt(preset.options, `${id}-half`, NEW_RATE(lr));
    const c = compareWithEngine({ ...atNewRate, name: plan.name }, lo.sheets[0].rows, LO_TOLERANCE);
    expect(c.mismatches.slice(0, 5)).toEqual([]);
    const before = compareWithEngine(plan, lo.sheets[0].rows, LO_TOLERANCE);
    expect(before.mismatches.length, "the new rate changed the sheet").toBeGreaterThan(0);
  });
});
