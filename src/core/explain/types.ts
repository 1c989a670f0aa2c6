/**
 * The explanation's plain types (a leaf: nothing here imports back): which quantity a number is
 * (`Ref`), a line's parts, the explanation, the settings it reads and the step's values.
 */
import type { RunConfig, Weights } from "../types";

/** Which quantity a number is (`w`: the weight, optimizer slot's weight or neuron; `prev`: the previous step's row). */
export interface Ref {
  q:
    | "x"
    | "y"
    | "weight"
    | "z"
    | "relu"
    | "pred"
    | "error"
    | "bumped"
    | "lowered"
    | "analytic"
    | "forward"
    | "central"
    | "sum"
    | "batchCount"
    | "t"
    | "state"
    | "next"
    | "k"
    | "lr"
    | "h"
    | "beta"
    | "beta2"
    | "eps";
  w?: string;
  /** Optimizer state slot (m, v, s) for q = "state". */
  slot?: string;
  prev?: boolean;
}

/** A piece of an explanation line: text, or a number with what it is (`paren`: bracket it when negative). */
export type Part = string | { value: number; ref?: Ref; paren?: boolean };

export interface ExplainLine {
  /** What the line shows: "weights used", "ŷ", "e", "de/da", "a", "k", … */
  label: string;
  parts: Part[];
}

export interface StepExplanation {
  step: number;
  epoch: number;
  row: number;
  lines: ExplainLine[];
  k: number;
  /** k > 2: this step moves ŷ past y by more than it was off, so the row's error grows. */
  overshoots: boolean;
}

/** The settings an explanation reads (a RunConfig has them; the pane takes lr from the sheet's cell). */
export type ExplainSettings = Pick<
  RunConfig,
  "model" | "optimizer" | "gradient" | "lr" | "h" | "optimizerSettings" | "batchSize"
>;

/** Every number of one step, as the core computed it or as a sheet's cells hold it. */
export interface StepValues {
  step: number;
  epoch: number;
  row: number;
  x: number;
  y: number;
  weights: Weights;
  /** The hidden neurons' z = a·x + b (one for the 2-neuron models, n for relu-n; absent for 1 neuron). */
  z?: number[];
  pred: number;
  error: number;
  bumped: Weights;
  analytic: Weights;
  forward: Weights;
  /** Present when the sheet has central differences (the run uses them). */
  lowered?: Weights;
  central?: Weights;
  /** Mini-batch bookkeeping (batch size above 1): rows so far, whether this row updates, t, the running sum. */
  batch?: { count: number; update: boolean; t: number; sum: Weights };
  /** Optimizer state before and after this step, by `${slot}_${weight}` (all 0 before step 1). */
  stateBefore: Record<string, number>;
  state: Record<string, number>;
  newWeights: Weights;
  k: number;
}
