/**
 * The explanation line `check` shows with its first wrong cell: the step's line for that
 * quantity with the core's numbers, in pieces that carry the sheet cell each number comes from.
 */
import { explainStep, MODELS, partText, stepValues, type RunResult } from "../core";
import { a1, cellOf, stepLayout } from "../sheet";
import { KEYS } from "../sheet/keys";

/** The explanation line's label of a step-table key ("ŷ", "e", "de/da", "a", "z"), if the explanation has one. */
function lineLabel(key: string, weights: readonly string[]): string | undefined {
  if (key === "pred") return "ŷ";
  if (key === "err") return "e";
  const z = /^(?:z|relu)(\d*)$/.exec(key);
  if (z) return `z${z[1]}`;
  for (const w of weights) {
    const derivative = [
      KEYS.bumped(w),
      KEYS.lowered(w),
      KEYS.forward(w),
      KEYS.central(w),
      KEYS.analytic(w),
    ];
    if (derivative.includes(key)) return `de/d${w}`;
    if (key === KEYS.next(w) || ["m", "v", "s"].some((slot) => key === KEYS.state(slot, w)))
      return w;
  }
  return undefined;
}

/** A piece of a line a surface shows: text, and the sheet's cell a number comes from (0-based, with its A1). */
export interface LinePart {
  text: string;
  cell?: { row: number; col: number; a1: string };
}

/** The step's explanation line for a key, with the core's numbers, in pieces linked to their cells. */
export function explanationLine(
  result: RunResult,
  step: number,
  key: string,
  at: (row: number) => number = (r) => r
): { text: string; parts: LinePart[] } | undefined {
  const label = lineLabel(key, MODELS[result.config.model].weights);
  if (!label) return undefined;
  const lines = explainStep(result.config, stepValues(result, step)).lines;
  const line = lines.find((l) => l.label === label);
  if (!line) return undefined;
  const layout = stepLayout(result.config);
  const parts = line.parts.map((p): LinePart => {
    const cell = typeof p !== "string" && p.ref ? cellOf(layout, step, p.ref) : null;
    if (!cell) return { text: partText(p) };
    const row = at(cell.row);
    return { text: partText(p), cell: { row, col: cell.col, a1: a1(row, cell.col) } };
  });
  return { text: parts.map((p) => p.text).join(""), parts };
}
