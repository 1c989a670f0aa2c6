/**
 * The export bench's peer: the same cells as GradSheet's writer (literal values, formulas with
 * their cached results, each step-table formula column as one shared-formula group) written with
 * exceljs's streaming WorkbookWriter. Cells only: no styles, names, notes or charts.
 */
import ExcelJS from "exceljs";
import { a1, formulaAt } from "../../src/sheet/address";
import type { CachedValue, Scalar, SheetPlan, WorkbookPlan } from "../../src/sheet/plan";

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

/** Sheet row → [column, value] of every cell of `plan`, in row order. */
function* rowsOf(plan: SheetPlan): Generator<[number, [number, Value][]]> {
  const rows = new Map<number, [number, Value][]>();
  const put = (r: number, c: number, v: Value) =>
    (rows.get(r) ?? rows.set(r, []).get(r)!).push([c, v]);
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
  for (const t of plan.tables) {
    t.columns.forEach((c, j) => {
      const col = t.col + j;
      put(t.row, col, c.header);
      const start = c.formula?.first !== undefined ? 1 : 0;
      const master = a1(t.row + 1 + start, col);
      for (let i = 0; i < t.rows; i++) {
        const r = t.row + 1 + i;
        if (!c.formula) {
          const v = c.values?.[i];
          if (v !== undefined) put(r, col, literal(v));
        } else if (i <= start || t.rows - start < 2) {
          const shared =
            i === start && t.rows - start >= 2
              ? { shareType: "shared", ref: `${master}:${a1(t.row + t.rows, col)}` }
              : {};
          put(r, col, {
            formula: formulaAt(c.formula, i).slice(1),
            result: result(c.cached?.[i]),
            ...shared,
          } as Value);
        } else {
          put(r, col, { sharedFormula: master, result: result(c.cached?.[i]) } as Value);
        }
      }
    });
  }
  for (const r of [...rows.keys()].sort((p, q) => p - q)) yield [r, rows.get(r)!];
}

/** Writes the cells of `book` to `file` with exceljs (streaming, shared strings). */
export async function writeWithExceljs(book: WorkbookPlan, file: string): Promise<void> {
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
    }
    ws.commit();
  }
  await wb.commit();
}
