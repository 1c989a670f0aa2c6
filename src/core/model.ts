/**
 * What a model registry entry is: its numbers (ŷ, ∂L/∂w, ∂ŷ/∂w) and, side by side, the same maths
 * as spreadsheet formula text in the same operation order. The text is plain data here (functions
 * of cell addresses); `src/sheet` only places it. Every field of `ModelFormulas` is required, so a
 * model without its formulas does not compile.
 */
import type { ModelId, StepRow, Weights } from "./types";

/** The cells of one step row a model's formulas read, as A1 text or defined names. */
export interface ModelCells {
  /** The weight used in this row (or a nudged one, such as `(F7+h)`). */
  w(name: string): string;
  x: string;
  y: string;
  /** This row's ŷ. */
  pred: string;
  /** This row's cell of one of the model's own forward-pass columns (`ModelFormulas.forward`). */
  at(key: string): string;
  /** This row's analytic derivative de/dw. */
  grad(name: string): string;
}

/** A forward-pass column between the weights and ŷ, such as z = a·x + b or max(0, z). */
export interface ForwardColumn {
  key: string;
  header: string;
  description: string;
  /** The cell's formula, without "=". */
  formula(c: ModelCells): string;
  /** The core's value of that cell in a recorded row. */
  value(row: StepRow): number | undefined;
}

/** One weight's derivatives as formula text. */
export interface DerivativeText {
  /** de/dw by the chain rule, as `lossGrad` computes it. */
  loss(c: ModelCells): string;
  /** The same in words, e.g. "de/db = 2·(ŷ − y)". */
  lossNote: string;
  /** ∂ŷ/∂w, as `predGrad` computes it: "1" when it is the constant 1. */
  pred(c: ModelCells): string;
}

/** The model's formulas, the sheet's view of the numbers in `Model`. */
export interface ModelFormulas {
  /** Columns computed once per row before ŷ (none for one neuron). */
  forward: readonly ForwardColumn[];
  /** ŷ from the forward columns. */
  pred(c: ModelCells): string;
  predNote: string;
  /** ŷ from the weights alone, in `predict`'s order (used for e(w ± h) and the fit line). */
  predict(w: (name: string) => string, x: string): string;
  derivative(weight: string): DerivativeText;
  /**
   * ŷ − y over whole data ranges X and Y (for SUMPRODUCT), with max(0, z) written (z>0)*(z) so it
   * works on arrays.
   */
  residual(w: (name: string) => string, X: string, Y: string): string;
}

/** What the loss-landscape picture of this model shows. */
export interface LandscapeNote {
  /** The two weights across and down, e.g. a and b. */
  weights: readonly [string, string];
  /** How the picture reads. */
  story: string;
  /** The model is a line ŷ = a·x + b: its least-squares line is a point of the landscape. */
  line?: boolean;
}

/** What a dead ReLU means for this model (ReLU models only). */
export interface DeadReluNote {
  /** The weights whose derivatives are all exactly 0 on a dead row: every weight but d. */
  weights: readonly string[];
  alive: string;
  /** The sentence for a layer dead from step `from` on; `fmt` formats a number for learners. */
  dead(from: number, last: StepRow, fmt: (v: number) => string): string;
}

export interface Model {
  id: ModelId;
  label: string;
  /** The model in one line, e.g. "ŷ = c·max(0, a·x + b) + d". */
  formula: string;
  /**
   * ŷ's right-hand side with every weight named, for writing it out with numbers (a relu-n layer
   * term by term: "c1·max(0, a1·x + b1) + … + d"); absent when `formula` already names them all.
   */
  terms?: string;
  /** Weight names in sheet order. */
  weights: readonly string[];
  /** Neurons in the hidden ReLU layer of a wide model (relu-n); absent for the base models. */
  width?: number;
  /** ŷ for weights w (in `weights` order) at x. */
  predict(w: Float64Array, x: number): number;
  /** ∂L/∂w for L = (ŷ − y)², into `out` (in `weights` order), with g = 2·(ŷ − y) from `pred`. */
  lossGrad(w: Float64Array, x: number, y: number, pred: number, out: Float64Array): void;
  /** ∂ŷ/∂w for every weight, into `out` (the stability diagnostic's ‖∇w ŷ‖²). */
  predGrad(w: Float64Array, x: number, out: Float64Array): void;
  /** The forward-pass values a recorded row keeps (hidden, activation or layer). */
  record(w: Float64Array, x: number): Pick<StepRow, "hidden" | "activation" | "layer">;
  sheet: ModelFormulas;
  landscape: LandscapeNote;
  deadRelu?: DeadReluNote;
  /** A model that is one line in disguise: that line's slope and intercept at its weights. */
  collapse?: CollapseNote;
}

/** One coefficient of the line a model collapses to: its number and, side by side, its formula. */
export interface CollapsePart {
  /** How a learner reads it, e.g. "slope a·c". */
  label: string;
  /** Its value at weights w. */
  value(w: Weights): number;
  /** The same as formula text (no "="), with `w(name)` the cell of weight `name`. */
  formula(w: (name: string) => string): string;
}

/** The single line a model equals at any weights (two-linear: c·(a·x + b) + d = (a·c)·x + (c·b + d)). */
export interface CollapseNote {
  /** The identity, in one sentence. */
  identity: string;
  slope: CollapsePart;
  intercept: CollapsePart;
}

/** The line a model collapses to at weights w, as numbers. */
export function collapsedLine(
  note: CollapseNote,
  w: Weights
): { slope: number; intercept: number } {
  return { slope: note.slope.value(w), intercept: note.intercept.value(w) };
}

/**
 * z = a·x + b as a sheet cell holds it: an overflowed z is NaN (the cell's #NUM!), so neither
 * max(0, z) nor the test z > 0 turns it back into a number (−Infinity would give 0 and a NaN z a
 * zero derivative, where the sheet shows #NUM!).
 */
export function reluInput(a: number, b: number, x: number): number {
  const z = a * x + b;
  return z - z === 0 ? z : NaN;
}

/** ∂L/∂b of a ReLU neuron with g·c the derivative through it: g·c when z > 0, NaN when z is, else 0. */
export function reluGate(z: number, gc: number): number {
  return z > 0 ? gc : Number.isNaN(z) ? NaN : 0;
}

/** ∂ŷ/∂w through a ReLU: v when z > 0, 0 when z ≤ 0, NaN when z is NaN. */
export function reluPass(z: number, v: number): number {
  return z > 0 ? v : z <= 0 ? 0 : NaN;
}

/** Non-finite becomes NaN: an overflowed cell is an error, and errors never turn back into numbers. */
export const fin = (v: number): number => (v - v === 0 ? v : NaN);
