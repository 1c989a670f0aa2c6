/**
 * After an exercise is rebuilt: the learner's cells in its blank columns were left alone by the
 * writer; here the ones below a shorter table are cleared (the pane asked first, naming them), a
 * longer table's new rows get the learner's formula copied down where that is safe, and the
 * exercise's shading is put back once over the new table (GradSheet's marks there removed).
 */
import type { ExerciseExcel } from "../excel";
import type { LearnerColumn, LearnerRebuild } from "../run";

/** A blank column's cells over the longer of the two tables, as a rectangle. */
export const columnRect = (c: LearnerColumn) => ({ row: c.row, col: c.col, rows: c.rows, cols: 1 });

/** Do the learner's side of a rebuild of `sheet`; returns one sentence for the result. */
export async function keepLearner(
  xl: ExerciseExcel,
  sheet: string,
  columns: readonly LearnerColumn[],
  learner: LearnerRebuild
): Promise<string> {
  const restored: { row: number; col: number; formulas: (string | null)[] }[] = [];
  const byCol = new Map<number, number[]>();
  for (const c of learner.belowCells) {
    const rows = byCol.get(c.col) ?? [];
    rows.push(c.row);
    byCol.set(c.col, rows);
  }
  for (const [col, rows] of byCol) {
    let top = Infinity;
    let bottom = -Infinity;
    for (const r of rows) ((top = Math.min(top, r)), (bottom = Math.max(bottom, r))); // no spread: rows may be many
    const cells: (string | null)[] = Array.from({ length: bottom - top + 1 }, () => null);
    for (const r of rows) cells[r - top] = "";
    await xl.writeColumn(sheet, top, col, cells);
  }
  // A sheet written before its blank columns stopped being GradSheet's areas lost them in the
  // rebuild's clearing: put back what the learner had there (only cells now empty).
  const now = await xl.formulas(
    sheet,
    learner.kept.map((k) => ({ row: k.row, col: k.col, rows: k.formulas.length, cols: 1 }))
  );
  learner.kept.forEach((k, n) => {
    const back = k.formulas.map((f, i) =>
      f !== null && (now[n]?.[i] ?? "") === "" ? String(f) : null
    );
    if (back.some((f) => f !== null)) restored.push({ ...k, formulas: back });
  });
  for (const r of restored) await xl.writeColumn(sheet, r.row, r.col, r.formulas);
  for (const f of learner.fills) await xl.writeColumn(sheet, f.row, f.col, f.formulas);
  await xl.reshade(
    sheet,
    columns.map(columnRect),
    columns.filter((c) => c.newRows > 0).map((c) => ({ ...columnRect(c), rows: c.newRows }))
  );
  const copied = learner.fills.map((f) => f.range);
  return [
    "Your formulas in the shaded columns stay as you wrote them.",
    copied.length
      ? `Your formula was copied down into ${copied.join(", ")}, as Excel's fill-down does.`
      : "",
    learner.below.length
      ? `${learner.below.length} cell${learner.below.length === 1 ? "" : "s"} below the table cleared.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}

const list = (c: string[]) => `${c.slice(0, 5).join(", ")}${c.length > 5 ? ", …" : ""}`;

/**
 * What Rebuild asks before it replaces anything of the learner's: cells GradSheet wrote that they
 * changed, their own cells where the rebuilt run goes, and their formulas below a shorter
 * exercise table (which it clears).
 */
export function rebuildQuestion(
  sheet: string,
  edited: string[],
  mine: string[],
  below: string[],
  exercise: boolean
): string {
  const n = edited.length + mine.length + below.length;
  return [
    edited.length
      ? `You changed ${edited.length} cell${edited.length === 1 ? "" : "s"} GradSheet wrote (${list(edited)}).`
      : "",
    mine.length
      ? `Your own cell${mine.length === 1 ? "" : "s"} ${list(mine)} ${mine.length === 1 ? "stands" : "stand"} where the rebuilt run goes.`
      : "",
    below.length
      ? `Your formula${below.length === 1 ? "" : "s"} in ${list(below)} ${below.length === 1 ? "is" : "are"} below the rebuilt table, which has fewer steps.`
      : "",
    `Rebuilding “${sheet}” ${below.length && !edited.length && !mine.length ? "clears" : "replaces"} ${n === 1 ? "it" : "them"}; everything else you added stays${exercise ? ", your formulas in the shaded columns too" : ""}.`,
  ]
    .filter(Boolean)
    .join(" ");
}
