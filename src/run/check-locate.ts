/**
 * Where a run sheet's parts are now. A learner may insert rows above or inside the step table
 * (Excel moves the cells and their formulas' references with them), so `check` and the pane look
 * for the parts instead of trusting the written addresses: the parameter block by its labels, the
 * step table by its header row, and each step row by its step number in the "step" column (a row
 * inserted inside the table holds no step number: it is skipped). When a step row cannot be found
 * (rows were deleted or moved), one sentence says where, and nothing is graded.
 */
import { ConfigError } from "../core";
import { LAYOUT } from "../sheet";
import { refText, rewriteFormula, type Corner } from "../sheet/formula-refs";
import type { Table } from "../sheet/plan";
import type { SavedSheet } from "../xlsx/read/cells";

/** The rows (0-based) of a run sheet's parts as the sheet holds them now. */
export interface Located {
  /** The parameter block's value row. */
  paramRow: number;
  /** The step table's header row. */
  header: number;
  /** The row of each step, in step order. */
  rows: number[];
}

const same = (a: unknown, b: unknown) =>
  a === b || (typeof a === "string" && typeof b === "string" && a.trim() === b.trim());

/** The parameter block's value row: the row under the first row (from the top) holding the labels. */
export function locateParameters(saved: SavedSheet, labels: readonly string[]): number {
  const want = labels.slice(0, 3);
  const last = Math.min(saved.lastRow, LAYOUT.headerRow + 10_000);
  for (let r = 0; r <= last; r++)
    if (want.every((l, col) => same(saved.value(r, col), l))) return r + 1;
  return LAYOUT.paramValueRow;
}

/**
 * Find `steps` (the table as written) on `saved`: its header row, then each step's row by the
 * step number in its first column. Throws ConfigError with one sentence (naming the sheet) when
 * a step row is missing.
 */
export function locateSteps(saved: SavedSheet, steps: Table, from = 0): Omit<Located, "paramRow"> {
  const headers = steps.columns.slice(0, 4).map((c) => c.header);
  const numbers = steps.columns[0].values ?? [];
  const at = (r: number) => headers.every((h, j) => same(saved.value(r, steps.col + j), h));
  let header = at(steps.row) ? steps.row : -1;
  for (let r = from; header < 0 && r <= saved.lastRow; r++) if (at(r)) header = r;
  if (header < 0) return { header: steps.row, rows: numbers.map((_, i) => steps.row + 1 + i) };
  const rows: number[] = [];
  let r = header + 1;
  for (let i = 0; i < steps.rows; i++) {
    const start = r;
    while (r <= saved.lastRow && !same(saved.value(r, steps.col), numbers[i])) r++;
    if (r > saved.lastRow) {
      const where = start + 1;
      throw new ConfigError(
        "sheet",
        `${saved.name}: step ${String(numbers[i])} is no longer in the step table (from row ${where}): rows were deleted or moved there; undo that (or remove rows inserted into the table) and check again`
      );
    }
    rows.push(r++);
  }
  return { header, rows };
}

/** The row a planned row (as the sheet was written) is at now. */
export function actualRow(located: Located, steps: Pick<Table, "row" | "rows">, r: number): number {
  const paramShift = located.paramRow - LAYOUT.paramValueRow;
  if (r <= LAYOUT.paramValueRow) return r + paramShift;
  if (r < steps.row) return r + (located.header - steps.row);
  if (r === steps.row) return located.header;
  if (r <= steps.row + steps.rows) return located.rows[r - steps.row - 1] ?? r;
  const last = located.rows[located.rows.length - 1] ?? steps.row + steps.rows;
  return r + (last - (steps.row + steps.rows));
}

/**
 * A formula written for the sheet as planned, with every row it references moved to where that row
 * is now (as Excel moved the sheet's own formulas when the rows were inserted).
 */
export function movedFormula(formula: string, at: (row: number) => number): string {
  const move = (c: Corner): Corner => (c.row === undefined ? c : { ...c, row: at(c.row) });
  return rewriteFormula(formula, (t) => {
    if (t.kind !== "ref") return undefined;
    const text = refText({ sheet: t.sheet, start: move(t.start), end: t.end && move(t.end) });
    return text === t.text ? undefined : text;
  });
}
