/**
 * Rebuilding an exercise: the blank columns' step-row cells are the learner's, not GradSheet's.
 * A rebuild leaves the ones inside the rebuilt table alone; when the table grows, it fills the new
 * rows of a column by copying the learner's own formula down from the last row they filled (as
 * Excel's fill-down does), but only when every row they filled after the first holds the same
 * formula in relative (R1C1) terms (the first row may differ, as the sheet's own first row of an
 * optimizer's state does); when the table shrinks, the learner's cells below it are named so the
 * pane can ask before clearing them. Pure: the pane reads the cells and writes the answer.
 */
import { a1 } from "./address";
import { rewriteFormula, shiftRows, type Corner } from "./formula-refs";
import { exerciseMetaOf, stepsTable } from "./exercise";
import type { SheetPlan } from "./plan";

/** One blank column's cells, from the first step row down over the longer of the two tables (0-based). */
export interface LearnerColumn {
  key: string;
  row: number;
  col: number;
  /** max(old rows, new rows). */
  rows: number;
  /** Step rows before and after the rebuild. */
  oldRows: number;
  newRows: number;
}

/** The blank columns a rebuild from `before` to `next` (both exercise plans of one sheet) must read. */
export function learnerColumns(before: SheetPlan, next: SheetPlan): LearnerColumn[] {
  const ex = exerciseMetaOf(next.meta);
  if (!ex) return [];
  const old = stepsTable(before);
  const steps = stepsTable(next);
  return ex.columns.flatMap((key) => {
    const j = steps.columns.findIndex((c) => c.key === key);
    if (j < 0) return [];
    return [
      {
        key,
        row: steps.row + 1,
        col: steps.col + j,
        rows: Math.max(old.rows, steps.rows),
        oldRows: old.rows,
        newRows: steps.rows,
      },
    ];
  });
}

const filled = (v: unknown): boolean => v !== null && v !== undefined && v !== "";

const cornerR1C1 = (c: Corner, row: number, col: number): string =>
  (c.row === undefined ? "" : c.absRow ? `R${c.row + 1}` : `R[${c.row - row}]`) +
  (c.col === undefined ? "" : c.absCol ? `C${c.col + 1}` : `C[${c.col - col}]`);

/**
 * A formula at (`row`, `col`) in relative terms, as Excel's R1C1 notation writes it: "=B22*2" in
 * C22 and "=B23*2" in C23 both read "=R[0]C[-1]*2". Names, functions and strings stay as written.
 */
export function relativeForm(formula: string, row: number, col: number): string {
  return rewriteFormula(formula, (t) => {
    if (t.kind !== "ref") return undefined;
    const sheet = t.text.slice(0, t.text.lastIndexOf("!") + 1);
    return sheet + cornerR1C1(t.start, row, col) + (t.end ? `:${cornerR1C1(t.end, row, col)}` : "");
  });
}

/**
 * The formulas for rows `oldRows`…`newRows − 1` of one blank column (0-based within the step rows),
 * copied down from the last old row; null when the column does not qualify: its last old row is
 * not a formula, a filled row after the first holds another formula in R1C1 terms (or a value), or
 * a copied reference would leave the sheet.
 */
export function fillDownColumn(
  cells: readonly unknown[],
  at: { row: number; col: number; oldRows: number; newRows: number }
): string[] | null {
  const { row, col, oldRows, newRows } = at;
  if (newRows <= oldRows || oldRows < 1) return null;
  const last = cells[oldRows - 1];
  if (typeof last !== "string" || !last.startsWith("=")) return null;
  const form = relativeForm(last, row + oldRows - 1, col);
  for (let i = 1; i < oldRows - 1; i++) {
    const v = cells[i];
    if (!filled(v)) continue;
    if (typeof v !== "string" || relativeForm(v, row + i, col) !== form) return null;
  }
  try {
    return Array.from({ length: newRows - oldRows }, (_, k) => shiftRows(last, k + 1));
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** What a rebuild does with the learner's cells in the blank columns. */
export interface LearnerRebuild {
  /** The learner's non-empty cells below the rebuilt (shorter) table, A1, in sheet order: ask before clearing them. */
  below: string[];
  /** The same cells as 0-based positions. */
  belowCells: { row: number; col: number }[];
  /**
   * The learner's cells inside the rebuilt table, per column from its first step row (null where
   * empty): a sheet written before the blank columns stopped being GradSheet's areas has them
   * cleared by the rebuild, and they are put back.
   */
  kept: { row: number; col: number; formulas: (unknown | null)[] }[];
  /** New rows to fill: one rectangle per column (its empty new rows only are written: null keeps a cell); `range` its A1 text. */
  fills: { row: number; col: number; formulas: (string | null)[]; range: string }[];
}

/**
 * The learner's side of a rebuild, from the blank columns' cells as Excel holds them (`grids[k]`
 * is column k of `learnerColumns`, top to bottom, formulas or constants, "" when empty). A filled
 * new row is the learner's too: it is kept, not overwritten.
 */
export function learnerRebuild(
  columns: readonly LearnerColumn[],
  grids: readonly (readonly unknown[])[]
): LearnerRebuild {
  const out: LearnerRebuild = { below: [], belowCells: [], kept: [], fills: [] };
  const below: { row: number; col: number }[] = [];
  columns.forEach((c, k) => {
    const cells = grids[k] ?? [];
    for (let i = c.newRows; i < c.oldRows; i++)
      if (filled(cells[i])) below.push({ row: c.row + i, col: c.col });
    const inside = Array.from({ length: Math.min(c.oldRows, c.newRows) }, (_, i) =>
      filled(cells[i]) ? cells[i] : null
    );
    if (inside.some((v) => v !== null)) out.kept.push({ row: c.row, col: c.col, formulas: inside });
    const copied = fillDownColumn(cells, c);
    if (copied)
      out.fills.push({
        row: c.row + c.oldRows,
        col: c.col,
        formulas: copied.map((f, i) => (filled(cells[c.oldRows + i]) ? null : f)),
        range: `${a1(c.row + c.oldRows, c.col)}:${a1(c.row + c.newRows - 1, c.col)}`,
      });
  });
  below.sort((p, q) => p.row - q.row || p.col - q.col);
  out.belowCells = below;
  out.below = below.map((p) => a1(p.row, p.col));
  return out;
}
