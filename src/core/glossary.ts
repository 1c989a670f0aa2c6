/**
 * GradSheet's one vocabulary: each idea a learner meets, named once with its one-line meaning, and
 * the few phrases built from them (where a run diverged, which Excel a feature needs). The task
 * pane, its help page and the sheet's notes take these words from here, so a learner reads the
 * same name for the same thing everywhere. Pure data and string functions: no DOM, no Office.
 */
import { learnerNumber } from "./learner-number";

/** One idea: the name every surface uses, and what it means in one line. */
export interface GlossaryEntry {
  term: string;
  meaning: string;
}

/** The ideas, each named once. */
export const GLOSSARY = {
  learningRate: {
    term: "learning rate",
    meaning:
      "How far each step moves a weight against its derivative: too small crawls, too large makes the error explode.",
  },
  step: {
    term: "step",
    meaning:
      "One row of the sheet: the weights used, the prediction, the error, the derivatives and one update. Steps count from 1 over the whole run.",
  },
  epoch: {
    term: "epoch",
    meaning: "One pass over every data row; the next epoch starts from the last updated weights.",
  },
  rootSse: {
    term: "√SSE",
    meaning:
      "The square root of the sum of the squared errors over an epoch's rows. 0 is a perfect fit; it grows as predictions miss.",
  },
  overshoot: {
    term: "overshoot",
    meaning:
      "An update so large that it jumps past the best weights and makes the error grow; it happens when k = 2·learning rate·‖∇ŷ‖² is above 2.",
  },
  core: {
    term: "the core",
    meaning:
      "GradSheet's own engine, which computes every step in TypeScript; each formula GradSheet writes must give the core's number in Excel, and Check compares the two.",
  },
  logScale: {
    term: "evenly spaced on a log scale",
    meaning: "Each rate is the previous one times the same factor (1e-6, 1e-5, 1e-4, …).",
  },
  divergenceLimit: {
    term: "explosion limit",
    meaning:
      "A squared error above this (a million times the largest y², at least a million) counts as exploded: the run stops being a useful fit.",
  },
  graddescBasic: {
    term: "graddesc basic",
    meaning:
      "The first sheet of fast.ai's graddesc.xlsm: 1 neuron ŷ = a·x + b, 29 x values, learning rate 1e-4, weights starting at 1.",
  },
  logSse: {
    term: "SSE as a power of ten",
    meaning:
      "The SSE (the squared errors summed, not their square root) written as a power of ten, its log₁₀: 2 is an SSE of 100, 3 is 1,000; each 1 more is ten times the error.",
  },
} as const satisfies Record<string, GlossaryEntry>;

/** "the core's numbers": what Excel's numbers are checked against, one way everywhere. */
export const CORE_NUMBERS = `${GLOSSARY.core.term}'s numbers`;

/**
 * The core's formula words in the glossary's: the optimizers write the learning rate as the symbol
 * `lr` ("new a = a − lr·de/da", "k = 2·lr·‖∇ŷ‖²"); a learner reads "learning rate" there too.
 */
export const inGlossaryWords = (text: string): string =>
  // the character before is matched and kept, not looked behind: Excel's older web views run ES2017
  text.replace(
    /(^|[^\w-])lr(?![\w-])/g,
    (_, before: string) => before + GLOSSARY.learningRate.term
  );

/** "Learning rate": a term at the start of a sentence. */
export const capitalised = (term: string): string => term.charAt(0).toUpperCase() + term.slice(1);

/**
 * Where a run diverged, one way everywhere: "step 27" (with its epoch when the run has more
 * than one: "step 87 (epoch 3)").
 */
export function stepPlace(d: { step: number; epoch: number }, epochs: number): string {
  return epochs > 1 ? `step ${d.step} (epoch ${d.epoch})` : `step ${d.step}`;
}

/** "1 epoch", "3 epochs". */
export const epochCount = (n: number): string => `${n} epoch${n === 1 ? "" : "s"}`;

/** The three plain sentences of an explosion (see `explosionSentences`). */
export interface ExplosionFacts {
  /** The step whose numbers exploded, and the run's number of steps. */
  step: number;
  steps: number;
  /** The first step whose update overshot (k above 2), and whether every later step to `step` did. */
  overshootFrom: number | null;
  everyUpdateOvershot: boolean;
  /** A rate GradSheet ran on the same run that did not explode, with its final √SSE. */
  suggestion: { lr: number; rootSse: number; epochs: number } | null;
}

/**
 * What happened, why, and what to try, in three short sentences:
 * "The error exploded at step 27 of 29." / "From step 2 each update overshot (k above 2)." /
 * "Try 1e-5: it reaches √SSE 173.09 in 1 epoch."
 */
export function explosionSentences(f: ExplosionFacts): {
  what: string;
  why: string;
  tryRate: string;
} {
  const what = `The error exploded at step ${f.step} of ${f.steps}.`;
  const why =
    f.overshootFrom === null
      ? "No single update overshot (k stayed at 2 or below): the optimizer's running averages grew the steps."
      : f.everyUpdateOvershot
        ? `From step ${f.overshootFrom} each update overshot (k above 2).`
        : `From step ${f.overshootFrom} updates began to overshoot (k above 2), and each made the next larger.`;
  const tryRate = f.suggestion
    ? `Try ${learnerNumber(f.suggestion.lr)}: it reaches √SSE ${learnerNumber(f.suggestion.rootSse)} in ${epochCount(f.suggestion.epochs)}.`
    : "Try a learning rate ten times smaller (Experiments › Sweep learning rates finds one that works).";
  return { what, why, tryRate };
}

/**
 * ExcelApi requirement sets as the Excel versions that first have them: the one table (src/excel
 * names its messages from it). Microsoft's requirement-set table: 1.7 = Office 2019, 1.8 to 1.14 =
 * Office 2021 (and Microsoft 365 since 2018–2021), 1.15 = Office 2024; Excel on the web has them all.
 */
export const EXCEL_VERSION_FOR: Readonly<Record<string, string>> = {
  "1.7": "Excel 2019 or later",
  "1.8": "Excel 2021 or Microsoft 365",
  "1.9": "Excel 2021 or Microsoft 365",
  "1.12": "Excel 2021 or Microsoft 365",
  "1.14": "Excel 2021 or Microsoft 365",
  "1.15": "Excel 2024 or Microsoft 365",
  "1.18": "Microsoft 365",
};

/**
 * A sentence with requirement-set jargon ("needs ExcelApi 1.15", "(ExcelApi 1.8)") rewritten in
 * Excel versions ("needs Excel 2024 or Microsoft 365"); the rest of the sentence is kept.
 */
export function inExcelVersions(text: string): string {
  const name = (v: string) => EXCEL_VERSION_FOR[v] ?? "a newer Excel";
  return text
    .replace(/ ?This Excel does not support ExcelApi \d+\.\d+\./g, "")
    .replace(
      /needs ExcelApi (\d+\.\d+)(?::[^)]*| \([^)]*\))?/g,
      (_m, v: string) => `needs ${name(v)}`
    )
    .replace(/\(ExcelApi (\d+\.\d+)\)/g, (_m, v: string) => `(needs ${name(v)})`)
    .replace(/ExcelApi (\d+\.\d+)/g, (_m, v: string) => name(v));
}
