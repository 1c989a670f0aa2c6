/** Glue between the fake Excel and the writer, and a cell-by-cell comparison with a SheetPlan. */
import { expect } from "vitest";
import type { ExcelHost } from "../../../src/excel/host";
import { formulaAt } from "../../../src/sheet/address";
import type { CachedValue, SheetPlan } from "../../../src/sheet/plan";
import { cellKey, createFakeExcel, type FakeExcel, type FakeSheet } from "../../../fake-excel";
import { userChart } from "../../../fake-excel/charts-doctor";
import { runtimeRun, type WireRequest } from "../../../fake-excel/office-runtime";
import { META_NAMESPACE, parsePart, type RunIndex } from "../../../src/excel/meta";
import { AREA_PREFIX } from "../../../src/excel/sheet-slots";

/**
 * An ExcelHost backed by a fake (ExcelApi `apiVersion`). With `runtime`, the code under test runs
 * on Microsoft's Office.js runtime and the fake is its host (`wire` lists the real request sizes).
 */
export function fakeHost(
  opts: Parameters<typeof createFakeExcel>[0] & { runtime?: boolean } = {},
  syncTimeoutMs = 2000
): { fake: FakeExcel; host: ExcelHost; wire: WireRequest[] } {
  return hostOf(createFakeExcel(opts), opts.runtime, syncTimeoutMs);
}

/** An ExcelHost for an existing fake (e.g. one opened from an .xlsx file). */
export function hostOf(
  fake: FakeExcel,
  runtime = false,
  syncTimeoutMs = 2000
): { fake: FakeExcel; host: ExcelHost; wire: WireRequest[] } {
  const real = runtime ? runtimeRun(fake) : null;
  const host: ExcelHost = {
    run: real
      ? real.run
      : (fn) => fake.Excel.run((ctx) => fn(ctx as unknown as Excel.RequestContext)),
    supports: (v) => fake.Office.context.requirements.isSetSupported("ExcelApi", v),
    syncTimeoutMs,
  };
  return { fake, host, wire: real?.requests ?? [] };
}

/** GradSheet's index as stored in the workbook's custom XML part (the only place it is written). */
export function storedIndex(fake: FakeExcel): RunIndex {
  const part = fake.state.customXmlParts.find((p) => p.xml.includes(`xmlns="${META_NAMESPACE}"`));
  return part ? parsePart(part.xml) : {};
}

/** The names GradSheet defined on a sheet for its cells, without its area names. */
export const withoutAreas = (names: string[]): string[] =>
  names.filter((n) => !n.startsWith(AREA_PREFIX));

export function sheetNamed(fake: FakeExcel, name: string): FakeSheet {
  const s = fake.state.sheets.find((x) => x.name === name);
  if (!s)
    throw new Error(`no sheet ${name}; sheets: ${fake.state.sheets.map((x) => x.name).join(", ")}`);
  return s;
}

/** What a cell holds as Excel shows it in the formula bar: its formula, or its constant. */
export function content(sheet: FakeSheet, row: number, col: number): unknown {
  const c = sheet.cells.get(cellKey(row, col));
  return c?.formula ?? c?.value;
}

/** Every cell the plan writes holds exactly the plan's constant or formula (row by row for tables). */
export function expectSheetEqualsPlan(sheet: FakeSheet, plan: SheetPlan): void {
  const unquote = (v: unknown) => (typeof v === "string" && /^[=+\-@']/.test(v) ? v : v);
  for (const b of plan.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (!cell) return expect(content(sheet, b.row + i, b.col + j)).toBeUndefined();
        expect(
          content(sheet, b.row + i, b.col + j),
          `block cell (${b.row + i},${b.col + j})`
        ).toEqual(cell.formula ?? (cell.value === "" ? undefined : unquote(cell.value))); // "" is an empty cell in Excel
      })
    );
  for (const t of plan.tables) {
    t.columns.forEach((c, j) => {
      expect(content(sheet, t.row, t.col + j)).toBe(c.header);
      for (let r = 0; r < t.rows; r++) {
        const want = c.formula ? formulaAt(c.formula, r) : c.values?.[r];
        const got = content(sheet, t.row + 1 + r, t.col + j);
        if (got !== want) expect(got, `table ${c.key} row ${r}`).toEqual(want);
      }
    });
  }
}

/** Excel's calculation stood in by the core: every formula cell of `plan` reads its cached result (errors as Excel spells them). */
export function coreCalculation(plan: SheetPlan): (row: number, col: number) => unknown {
  const m = new Map<number, CachedValue>();
  for (const b of plan.blocks)
    b.cells.forEach((r, i) =>
      r.forEach((c, j) => c?.cached !== undefined && m.set(cellKey(b.row + i, b.col + j), c.cached))
    );
  for (const t of plan.tables)
    t.columns.forEach((c, j) =>
      c.cached?.forEach((v, r) => m.set(cellKey(t.row + 1 + r, t.col + j), v))
    );
  return (row, col) => {
    const v = m.get(cellKey(row, col));
    return v !== null && typeof v === "object" ? v.error : v;
  };
}

/**
 * The fake's first sheet, made active, with x in A2:A4, y in B2:B4 and a line chart of y over
 * typed-in categories 1, 2, 3: its x axis is not linked to the x cells. `props` sets chart props.
 */
export function unlinkedLineChart(fake: FakeExcel, props: Record<string, unknown> = {}): void {
  const s = fake.state.sheets[0];
  [
    ["x", "y"],
    [1, 32],
    [2, 34],
    [3, 36],
  ].forEach((row, i) =>
    row.forEach((v, j) => s.cells.set(cellKey(i, j), { value: v, format: {} }))
  );
  userChart(fake, s.name, {
    type: "Line",
    title: "y",
    series: [{ name: "y", x: [1, 2, 3], y: `${s.name}!$B$2:$B$4` }],
    props,
  });
  fake.state.activeSheetId = s.id;
}
