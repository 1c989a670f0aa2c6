/**
 * The export bench's peer: the same cells as GradSheet's writer (literal values, formulas with
 * their cached results, each step-table formula column as one shared-formula group) written with
 * exceljs's streaming WorkbookWriter. Cells only: no styles, names, notes or charts.
 */
import ExcelJS from "exceljs";
import { a1, formulaAt } from "../../src/sheet/address";
import type {
  CachedValue,
  Column,
  Scalar,
  SheetPlan,
  Table,
  WorkbookPlan,
} from "../../src/sheet/plan";

type Value = ExcelJS.CellValue;

const result = (c: CachedValue | undefined): ExcelJS.CellFormulaValue["result"] =>
  c === null || c === undefined
    ? ""
    : typeof c === "object"
      ? { error: c.error as ExcelJS.CellErrorValue["error"] }
      : typeof c === "number" && !Number.isFinite(c)
        ? { error: "#NUM!" }
        : c;
const literal = (v: Scalar): Value =>
  typeof v === "number" && !Number.isFinite(v) ? { error: "#NUM!" } : v;

/** The exceljs value of data row i of table column `c` at sheet column `col`. */
function tableCell(t: Table, c: Column, col: number, i: number): Value | undefined {
  if (!c.formula) {
    const v = c.values?.[i];
    return v === undefined ? undefined : literal(v);
  }
  const start = c.formula.first !== undefined ? 1 : 0;
  const grouped = t.rows - start >= 2;
  if (i <= start || !grouped) {
    const shared =
      i === start && grouped
        ? { shareType: "shared", ref: `${a1(t.row + 1 + start, col)}:${a1(t.row + t.rows, col)}` }
        : {};
    return {
      formula: formulaAt(c.formula, i).slice(1),
      result: result(c.cached?.[i]),
      ...shared,
    } as Value;
  }
  return { sharedFormula: a1(t.row + 1 + start, col), result: result(c.cached?.[i]) } as Value;
}

/**
 * Sheet row → [column, value] of every cell of `plan`, in row order: the explicit blocks gathered
 * first (a few hundred cells), the step tables' cells made row by row, as GradSheet's writer does.
 */
function* rowsOf(plan: SheetPlan): Generator<[number, [number, Value][]]> {
  const blocks = new Map<number, [number, Value][]>();
  const put = (r: number, c: number, v: Value) =>
    (blocks.get(r) ?? blocks.set(r, []).get(r)!).push([c, v]);
  for (const b of plan.blocks) {
    b.cells.forEach((line, i) =>
      line.forEach((cell, j) => {
        if (cell?.formula !== undefined)
          put(b.row + i, b.col + j, {
            formula: cell.formula.slice(1),
            result: result(cell.cached),
          });
        else if (cell?.value !== undefined) put(b.row + i, b.col + j, literal(cell.value));
      })
    );
  }
  const rows = new Set(blocks.keys());
  for (const t of plan.tables) for (let r = t.row; r <= t.row + t.rows; r++) rows.add(r);
  for (const r of [...rows].sort((p, q) => p - q)) {
    const cells = blocks.get(r) ?? [];
    for (const t of plan.tables) {
      if (r < t.row || r > t.row + t.rows) continue;
      t.columns.forEach((c, j) => {
        const v = r === t.row ? c.header : tableCell(t, c, t.col + j, r - t.row - 1);
        if (v !== undefined) cells.push([t.col + j, v]);
      });
    }
    yield [r, cells];
  }
}

/** Writes the cells of `book` to `file` with exceljs (streaming, shared strings); `onRow` runs after each committed row. */
export async function writeWithExceljs(
  book: WorkbookPlan,
  file: string,
  onRow: () => void = () => undefined
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  for (const plan of book.sheets) {
    const ws = wb.addWorksheet(plan.name);
    for (const [r, cells] of rowsOf(plan)) {
      const row = ws.getRow(r + 1);
      for (const [c, v] of cells.sort((p, q) => p[0] - q[0])) row.getCell(c + 1).value = v;
      row.commit();
      onRow();
    }
    ws.commit();
  }
  await wb.commit();
}
