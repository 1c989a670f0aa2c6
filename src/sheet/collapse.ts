/**
 * The line a model collapses to (its registry entry's `collapse`, e.g. two-linear's slope a·c and
 * intercept c·b + d) as live cells: the sheet places the registry's formula text, it writes none.
 */
import type { CollapseNote, Target, Weights } from "../core";
import { cachedNumber } from "./cached";
import type { Cell, StyleId } from "./plan";

/**
 * One row per coefficient: its label, its formula on the cells `at(weight)` with the core's value
 * at weights `w` cached, and the target line's coefficient beside it.
 */
export function collapseRows(
  note: CollapseNote,
  w: Weights,
  at: (weight: string) => string,
  target: Target,
  styles: { value: StyleId; target: StyleId }
): Cell[][] {
  return (["slope", "intercept"] as const).map((k) => [
    { value: note[k].label, style: "label" },
    {
      formula: `=${note[k].formula(at)}`,
      cached: cachedNumber(note[k].value(w)),
      style: styles.value,
    },
    { value: target[k], style: styles.target },
  ]);
}
