/**
 * What a surface tells a learner about a run sheet it wrote, read from the sheet's plan: where its
 * LearningRate cell and its charts are (A1), and its h-plateau flag. Sheet-layer addresses stay here.
 */
import { a1, HEADLINE_LABELS, type SheetPlan } from "../sheet";
import { lrCellOf } from "./records";

/** The A1 address of the plan's LearningRate cell, or undefined when it has none. */
export function lrCellA1(plan: SheetPlan): string | undefined {
  const lr = lrCellOf(plan);
  return lr ? a1(lr.row, lr.col) : undefined;
}

/** The top-left cell of the plan's charts (the first chart a learner sees), or "" when it has none. */
export function chartsCell(plan: SheetPlan): string {
  const row = Math.min(...plan.charts.map((c) => c.anchor.row));
  const col = Math.min(...plan.charts.filter((c) => c.anchor.row === row).map((c) => c.anchor.col));
  return Number.isFinite(row) && Number.isFinite(col) ? a1(row, col) : "";
}

/** Where a run sheet flags the rounding plateau: the step in its "h lost at step" cell, and that cell. */
export interface PlateauFlag {
  step: number;
  cell: string;
}

/**
 * The sheet's h-plateau flag, read from its plan: the step from which a finite difference is
 * exactly 0 because w + h rounds back to w (h below the weights' precision), or null when the
 * sheet says "none" (analytic derivatives, or weights that never grow that far).
 */
export function plateauFlag(plan: SheetPlan): PlateauFlag | null {
  for (const b of plan.blocks)
    for (let i = 0; i + 1 < b.cells.length; i++) {
      const j = b.cells[i].findIndex((c) => c?.value === HEADLINE_LABELS[2]);
      const step = j < 0 ? undefined : b.cells[i + 1][j]?.value;
      if (typeof step === "number") return { step, cell: a1(b.row + i + 1, b.col + j) };
    }
  return null;
}
