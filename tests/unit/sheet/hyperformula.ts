/**
 * Test helper: a SheetPlan evaluated by HyperFormula (GPL-3.0, test-only; never imported from src).
 * Blocks and tables become one 2D array (table columns expanded with `formulaAt`), plan.names
 * become named expressions, and every formula cell can be compared with its cached value.
 */
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { abs, formulaAt, quoteSheet } from "../../../src/sheet/address";
import type { CachedValue, SheetPlan, WorkbookPlan } from "../../../src/sheet/plan";

export const HF_CONFIG = {
  licenseKey: "gpl-v3",
  smartRounding: false,
  maxRows: 1_048_576,
} as const;

/** A formula cell of the plan: where it is, its formula and the cached value the plan gives it. */
export interface FormulaCell {
  row: number;
  col: number;
  formula: string;
  cached: CachedValue | undefined;
  /** Where it came from: "table steps, column newA, row 12" or "block cell". */
  origin: string;
}

/** Every formula cell of a plan, blocks first, then tables row by row. */
export function formulaCells(plan: SheetPlan): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const b of plan.blocks)
    b.cells.forEach((line, i) =>
      line.forEach((cell, j) => {
        if (cell?.formula)
          out.push({
            row: b.row + i,
            col: b.col + j,
            formula: cell.formula,
            cached: cell.cached,
            origin: "block",
          });
      })
    );
  for (const t of plan.tables)
    t.columns.forEach((c, j) => {
      if (!c.formula) return;
      for (let r = 0; r < t.rows; r++)
        out.push({
          row: t.row + 1 + r,
          col: t.col + j,
          formula: formulaAt(c.formula, r),
          cached: c.cached?.[r],
          origin: `table ${t.id ?? "?"}, column ${c.key}, row ${r + 1}`,
        });
    });
  return out;
}

/** The plan as HyperFormula input: literals as numbers/strings, formulas as "=..." text. */
export function toSheetArray(plan: SheetPlan): RawCellContent[][] {
  const grid: RawCellContent[][] = [];
  const put = (r: number, c: number, v: RawCellContent) => {
    while (grid.length <= r) grid.push([]);
    const line = grid[r];
    while (line.length <= c) line.push(null);
    if (line[c] !== null) throw new Error(`two plan entries for the cell at row ${r}, col ${c}`);
    line[c] = v;
  };
  for (const b of plan.blocks)
    b.cells.forEach((line, i) =>
      line.forEach(
        (cell, j) =>
          cell && put(b.row + i, b.col + j, cell.formula ?? (cell.value as RawCellContent) ?? null)
      )
    );
  for (const t of plan.tables)
    t.columns.forEach((c, j) => {
      put(t.row, t.col + j, c.header);
      for (let r = 0; r < t.rows; r++)
        put(
          t.row + 1 + r,
          t.col + j,
          c.formula ? formulaAt(c.formula, r) : (c.values?.[r] as RawCellContent)
        );
    });
  return grid;
}

/** Build a HyperFormula engine holding the plan as one sheet, with its names workbook-wide. */
export function evaluatePlan(plan: SheetPlan): HyperFormula {
  const names = plan.names.map((n) => ({
    name: n.name,
    expression: `=${quoteSheet(plan.name)}!${abs(n.row, n.col)}`,
  }));
  return HyperFormula.buildFromSheets({ [plan.name]: toSheetArray(plan) }, HF_CONFIG, names);
}

/**
 * Build one engine holding every sheet of a workbook plan, its names workbook-wide or scoped to
 * their sheet as `namesScope` says (sheet ids follow the plan's sheet order).
 */
export function evaluateWorkbook(wb: WorkbookPlan): HyperFormula {
  const sheets = Object.fromEntries(wb.sheets.map((p) => [p.name, toSheetArray(p)]));
  const names = wb.sheets.flatMap((p, i) =>
    p.names.map((n) => ({
      name: n.name,
      expression: `=${quoteSheet(p.name)}!${abs(n.row, n.col)}`,
      ...(wb.namesScope === "sheet" ? { scope: i } : {}),
    }))
  );
  return HyperFormula.buildFromSheets(sheets, HF_CONFIG, names);
}

/** A cell's value as the engine has it: a number, a string, or { error: "#NUM!" }. */
export function engineValue(
  hf: HyperFormula,
  sheet: number,
  row: number,
  col: number
): CachedValue {
  const v = hf.getCellValue({ sheet, row, col });
  if (v instanceof DetailedCellError) return { error: v.value as never };
  return v as CachedValue;
}

/** True when two values are the same bit for bit: Object.is on numbers, errors by their text. */
export function sameValue(a: CachedValue | undefined, b: CachedValue | undefined): boolean {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null)
    return a.error === b.error;
  return Object.is(a, b);
}

/** The formula cells whose engine value differs from `expected(cell)` (by default, its own cached value). */
export function mismatches(
  hf: HyperFormula,
  plan: SheetPlan,
  cells = formulaCells(plan),
  expected = (c: FormulaCell) => c.cached
): string[] {
  const sheet = hf.getSheetId(plan.name);
  if (sheet === undefined) throw new Error(`no sheet ${plan.name}`);
  const bad: string[] = [];
  for (const c of cells) {
    const got = engineValue(hf, sheet, c.row, c.col);
    const want = expected(c);
    if (!sameValue(got, want))
      bad.push(
        `${c.origin} ${c.formula}: engine ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`
      );
  }
  return bad;
}
