/**
 * The defined names of a run sheet's input cells. Formulas use these names, so a learner reads
 * `=F7-LearningRate*T7`. Names are letters and `_` only: HyperFormula (and OpenDocument) reject
 * names that look like a cell reference with letters then digits, so β2 is `Beta_2`, not `Beta2`.
 */
export const NAMES = {
  lr: "LearningRate",
  h: "DiffStep",
  beta: "Beta",
  beta2: "Beta_2",
  eps: "Epsilon",
  bound: "DivergenceBound",
  /** Rows per mini-batch (only on sheets of runs with a batch size above 1). */
  batch: "BatchSize",
} as const;

/**
 * The name of weight w's initial value: "a" → "InitA", and for a wide layer "a1" → "InitA_1" (a
 * name ending in letters then digits would read as a cell reference).
 */
export function initName(w: string): string {
  return `Init${w.replace(/^([a-z]+)(\d+)$/, "$1_$2").toUpperCase()}`;
}
