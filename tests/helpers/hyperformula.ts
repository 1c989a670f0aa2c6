/**
 * Test helper: HyperFormula (GPL-3.0, test-only; never imported from src) as an oracle. One grid
 * builder for a SheetPlan (blocks and tables as one 2D array, table columns expanded with
 * `formulaAt`) and one for a worksheet read back from an .xlsx file; one engine builder with one
 * configuration; and the comparison of every formula cell with its cached value.
 */
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import type ExcelJS from "exceljs";
import { abs, formulaAt, quoteSheet } from "../../src/sheet/address";
import type { CachedValue, SheetPlan, WorkbookPlan } from "../../src/sheet/plan";
import { formulaCells, type FormulaCell } from "./formula-cells";

export { formulaCells, type FormulaCell };

/** Full precision (no smart rounding), Excel's row limit, and array arithmetic on, as SUMPRODUCT has it in Excel and LibreOffice. */
export const HF_CONFIG = {
  licenseKey: "gpl-v3",
  smartRounding: false,
  maxRows: 1_048_576,
  useArrayArithmetic: true,
} as const;

/** A defined name as HyperFormula takes it: "=Sheet!$C$2", scoped to a sheet index or workbook-wide. */
export interface EngineName {
  name: string;
  expression: string;
  scope?: number;
}

/** The one engine builder: the sheets (in order; ids follow it) and the names. */
export function buildEngine(
  sheets: Record<string, RawCellContent[][]>,
  names: EngineName[] = []
): HyperFormula {
  return HyperFormula.buildFromSheets(sheets, HF_CONFIG, names);
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

/**
 * A worksheet read back from a file (ExcelJS) as HyperFormula input (formulas as "=...", text that
 * starts with "=" kept as text), and each formula cell's cached result by its A1 address.
 */
export function worksheetGrid(ws: ExcelJS.Worksheet): {
  rows: RawCellContent[][];
  cached: Map<string, unknown>;
} {
  const rows: RawCellContent[][] = [];
  const cached = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      let v: RawCellContent = null;
      if (cell.formula) {
        v = `=${cell.formula}`;
        cached.set(cell.address, cell.result ?? "");
      } else if (typeof cell.value === "string")
        v = cell.value.startsWith("=") ? `'${cell.value}` : cell.value;
      else if (typeof cell.value === "number" || typeof cell.value === "boolean") v = cell.value;
      rows[r - 1][c - 1] = v;
    });
  });
  return { rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)), cached };
}

/** A plan's defined names as the engine takes them, scoped to sheet `scope` when given. */
function namesOf(plan: SheetPlan, scope?: number): EngineName[] {
  return plan.names.map((n) => ({
    name: n.name,
    expression: `=${quoteSheet(plan.name)}!${abs(n.row, n.col)}`,
    ...(scope === undefined ? {} : { scope }),
  }));
}

/** An engine holding the plan as one sheet, with its names workbook-wide. */
export function evaluatePlan(plan: SheetPlan): HyperFormula {
  return buildEngine({ [plan.name]: toSheetArray(plan) }, namesOf(plan));
}

/**
 * An engine holding every sheet of a workbook plan, its names workbook-wide or scoped to their
 * sheet as `namesScope` says (sheet ids follow the plan's sheet order).
 */
export function evaluateWorkbook(wb: WorkbookPlan): HyperFormula {
  const sheets = Object.fromEntries(wb.sheets.map((p) => [p.name, toSheetArray(p)]));
  const names = wb.sheets.flatMap((p, i) => namesOf(p, wb.namesScope === "sheet" ? i : undefined));
  return buildEngine(sheets, names);
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
  expected = (c: FormulaCell): CachedValue | undefined => c.cached
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

/** Formula cells of every sheet whose engine value is not bit-identical to the cached one. */
export function workbookMismatches(hf: HyperFormula, plan: WorkbookPlan): string[] {
  return plan.sheets.flatMap((s) => mismatches(hf, s).map((m) => `${s.name}: ${m}`));
}
