/**
 * The pane's one vocabulary: the names of models, optimizers and derivative kinds (the core's
 * labels), a one-line meaning for each figure a learner meets, and (from the run service, shared
 * with the CLI) the one number format for learners and the one rule that names a run's sheet. The
 * pane, its results, its sheet names and the Runs log all take their words from here.
 */
import { GLOSSARY, MODELS, OPTIMIZERS, type RunConfig, type RunResult } from "../core";
import { learnerNumber, plateauFlag, runLogRow, runSheetName, type PlateauFlag } from "../run";

/** A learning rate or √SSE as a learner reads it: the run service's one format (1e-5, 3.1623e-5, 12.346, "overflow (#NUM!)"). */
export const formatValue = learnerNumber;

/** The model's name, as the core labels it ("2 neurons + ReLU", "4 ReLU neurons"). */
export const modelLabel = (id: string): string => MODELS[id as keyof typeof MODELS]?.label ?? id;

/** The optimizer's name ("SGD", "Adam"). */
export const optimizerLabel = (id: string): string =>
  OPTIMIZERS[id as keyof typeof OPTIMIZERS]?.label ?? id;

/**
 * How the model is wired, so "2 neurons + ReLU" (two stacked neurons, a ReLU between them) and
 * "2 ReLU neurons" (two neurons side by side, each with a ReLU) cannot be confused.
 */
export function modelShape(id: string): string {
  const m = MODELS[id as keyof typeof MODELS];
  if (!m) return id;
  if (m.width !== undefined)
    return `${m.width} neurons side by side, each with a ReLU: ${m.formula}`;
  if (m.weights.length === 2) return `one neuron: ${m.formula}`;
  return /max/.test(m.formula)
    ? `2 neurons stacked, a ReLU between them: ${m.formula}`
    : `2 neurons stacked, no ReLU: ${m.formula}`;
}

/** Derivative kinds, each with what it computes in one line. */
export const DERIVATIVES: readonly { id: string; label: string; meaning: string }[] = [
  {
    id: "analytic",
    label: "Analytic",
    meaning: "The exact derivative from calculus (the chain rule).",
  },
  {
    id: "forward",
    label: "Forward difference (graddesc)",
    meaning: "Nudge the weight by h: (error at w + h − error at w) / h, as graddesc does.",
  },
  {
    id: "central",
    label: "Central difference",
    meaning: "Nudge both ways: (error at w + h − error at w − h) / 2h; closer to the exact value.",
  },
];

/** One line for each figure, shown where the learner first meets it (the glossary's words). */
export const MEANING = {
  rootSse: `${GLOSSARY.rootSse.term}: ${GLOSSARY.rootSse.meaning.charAt(0).toLowerCase()}${GLOSSARY.rootSse.meaning.slice(1)}`,
  lr: GLOSSARY.learningRate.meaning,
  bigLr: "A learning rate above 1 makes almost any run explode at the first rows.",
} as const;

/** The one rule for a run's sheet name, the run service's: "2 neurons + ReLU lr 1e-4", the optimizer too unless SGD. */
export { runSheetName };

/** "2 neurons + ReLU, SGD, learning rate 1e-4, 3 epochs". */
export function runTitle(config: Pick<RunConfig, "model" | "optimizer" | "lr" | "epochs">): string {
  const epochs = `${config.epochs} epoch${config.epochs === 1 ? "" : "s"}`;
  return `${modelLabel(config.model)}, ${optimizerLabel(config.optimizer)}, learning rate ${formatValue(config.lr)}, ${epochs}`;
}

/** The final √SSE, or null when there is no epoch. */
export const finalRootSse = (r: Pick<RunResult, "epochs">): number =>
  r.epochs.length ? r.epochs[r.epochs.length - 1].rootSse : NaN;

/** The Runs log row of a run, in the learner's words, saying what made it: the run service's one row. */
export const runsRow = runLogRow;

/** The note after a write into a workbook that calculates manually (nothing shows until F9). */
export const manualNote = (calculationMode: string): string =>
  calculationMode === "Manual"
    ? "Calculation is manual: press F9 in Excel to see the numbers."
    : "";

/** The sheet's h-plateau flag (the run service reads it from the plan). */
export { plateauFlag, type PlateauFlag };

/** The plateau in one short sentence: from which step, and that it is not a minimum. */
export const plateauShort = (flag: PlateauFlag): string =>
  `Stuck by rounding from step ${flag.step} (cell ${flag.cell}): it looks like a minimum, but it is not.`;

/** The plateau in the pane's words: which derivative got stuck at 0, from which step, why, and where the sheet says so. */
export function plateauSentence(
  flag: PlateauFlag,
  config: Pick<RunConfig, "gradient" | "h">
): string {
  const kind = DERIVATIVES.find((d) => d.id === config.gradient)?.label.toLowerCase();
  return (
    `From step ${flag.step} (the sheet's “h lost at step”, ${flag.cell}) ` +
    `the numbers grew so large that the nudge h = ${config.h} is lost in their precision, so w + h ` +
    `rounds back to w, the ${kind ?? "finite difference"} is exactly 0 though the slope is not, and ` +
    "those weights stop moving. It looks like a minimum; it is rounding."
  );
}
