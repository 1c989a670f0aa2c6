/**
 * The Runs log row of an experiment (Compare, Sweep, landscape) written without a row of its own:
 * the time, its sheet (linked by the log) and what was done, in the log's columns.
 */
import type { SheetPlan } from "../sheet/plan";

/** Number formats of an experiment row's cells (time as text). */
export const EXPERIMENT_FORMATS = [
  "@",
  "General",
  "General",
  "General",
  "General",
  "General",
  "General",
  "General",
  "General",
];

/** What an experiment sheet is, in the log's words, or null when `plan` is not one. */
function what(plan: SheetPlan): string | null {
  const meta = plan.meta as { kind?: string; runs?: unknown[]; lrs?: number[] };
  if (meta.kind === "compare") return `Compare of ${meta.runs?.length ?? 0} runs`;
  if (meta.kind === "sweep") {
    const lrs = meta.lrs ?? [];
    return `Sweep of ${lrs.length} learning rates${lrs.length ? ` (${lrs[0]} to ${lrs[lrs.length - 1]})` : ""}`;
  }
  if (meta.kind === "landscape") return "Loss landscape";
  return null;
}

/** The row for the first experiment sheet among `plans` (written as `names`), or null when none is one. */
export function experimentRow(
  plans: SheetPlan[],
  names: string[],
  now: Date
): (string | number)[] | null {
  const i = plans.findIndex((p) => what(p) !== null);
  if (i < 0) return null;
  const stamp = now.toISOString().replace("T", " ").slice(0, 19);
  return [stamp, `'${names[i]}`, "", "", "", "", "", "", what(plans[i])!];
}
