/**
 * An optimizer's update written with numbers, for a step's explanation (see ./lines): each
 * registry entry in `src/core/optimizers/` may carry its own (`explain`); one without it is
 * explained from its sheet notes, so a new optimizer needs nothing here.
 */
import type { Optimizer } from "../optimizer";
import { OPTIMIZERS } from "../optimizers";
import { n, st, type ExplainUpdate } from "./parts";
import type { ExplainSettings, Part, StepValues } from "./types";

/**
 * An update from the entry's sheet notes: each state slot's rule and its value after the step,
 * then the update rule with g and the weight before and after ("new a = a − lr·(g + β·v), with
 * g = 5.2: 1 → 0.99948").
 */
export function updateFromNotes(o: Optimizer): ExplainUpdate {
  return (s, v, w, g) => [
    ...o.state.flatMap((slot): Part[] => [
      `${o.sheet.state[slot].note("g")}; now ${slot} = `,
      st(v, slot, w, false),
      ". ",
    ]),
    `${o.sheet.note(w, "g", s.optimizerSettings)}, with g = `,
    ...g,
    ": ",
    n(v.weights[w], { q: "weight", w }, false),
    " → ",
    n(v.newWeights[w], { q: "next", w }, false),
  ];
}

/** The optimizer of `settings` updating weight `w`, with numbers: its own `explain`, else its notes. */
export function explainUpdate(
  settings: ExplainSettings,
  v: StepValues,
  w: string,
  g: Part[]
): Part[] {
  const o = OPTIMIZERS[settings.optimizer];
  return (o.explain ?? updateFromNotes(o))(settings, v, w, g);
}
