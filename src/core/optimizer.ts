/**
 * What an optimizer registry entry is: its numeric step and, side by side, the same update as
 * formula text in the same operation order. Every field of `OptimizerFormulas` is required and
 * every state slot needs its formula, so an optimizer without formulas does not compile.
 */
import type { ExplainUpdate } from "./explain/parts";
import type { OptimizerSettings } from "./types";

/** A setting a formula names: the learning rate or one of the optimizer constants. */
export type SettingName = "lr" | "beta" | "beta2" | "eps";

/** The cells of one step row an optimizer's formulas read, as A1 text or defined names. */
export interface OptimizerCells {
  /** The gradient that drives the update (a derivative cell, or a batch's mean such as `(Q7/H7)`). */
  g: string;
  /** A state slot before this row's update: the previous row's cell, or "0" on the first row. */
  prev(slot: string): string;
  /** A state slot after this row's update: this row's cell. */
  state(slot: string): string;
  /** The optimizer's step number t. */
  t: string;
  /** The defined name of a setting, e.g. LearningRate. */
  setting(name: SettingName): string;
}

/** One state slot as a sheet column. */
export interface SlotFormula {
  /** The label over the slot's columns, e.g. "momentum". */
  group: string;
  /** The slot after this row's update, without "=". */
  next(c: OptimizerCells, s: OptimizerSettings): string;
  /** In words, with `g` the derivative's name, e.g. "v ← β·v + (1 − β)·de/da: …". */
  note(g: string): string;
}

export interface OptimizerFormulas<S extends string> {
  state: Readonly<Record<S, SlotFormula>>;
  /** What the update subtracts from w, without "=": lr·g, lr·v, … */
  update(c: OptimizerCells, s: OptimizerSettings): string;
  /** The update in words, e.g. "new a = a − lr·de/da", with `g` the derivative's name. */
  note(w: string, g: string, s: OptimizerSettings): string;
  /** η_w, the per-weight rate the step applies to g (absent when it is lr for every weight). */
  rate?(c: OptimizerCells, s: OptimizerSettings): string;
}

export interface Optimizer<S extends string = string> {
  id: string;
  label: string;
  /** The update in one line. */
  rule: string;
  /** State slots per weight, e.g. ["v"] for momentum, ["m", "v"] for Adam. */
  state: readonly S[];
  /** Which settings it reads. */
  uses: readonly (keyof OptimizerSettings)[];
  /** How the parameter strip explains a setting, where it differs from the usual words. */
  notes?: Partial<Record<keyof OptimizerSettings, string>>;
  /**
   * New weight from w and its gradient g; updates this weight's state slots in place (`s` from
   * index `o`, in `state` order). t is the 1-based step number. State starts at 0.
   */
  step(
    w: number,
    g: number,
    s: Float64Array,
    o: number,
    t: number,
    lr: number,
    c: OptimizerSettings
  ): number;
  /**
   * The per-weight effective rate η_w of a weight with state `slot` (after the step) at step t;
   * absent when it is lr for every weight (then η_w = lr). Same order as `sheet.rate`.
   */
  rate?(lr: number, slot: (name: S) => number, t: number, c: OptimizerSettings): number;
  /**
   * The update of one weight written with numbers, for a step's explanation; absent, it is written
   * from the sheet notes (`updateFromNotes`).
   */
  explain?: ExplainUpdate;
  sheet: OptimizerFormulas<S>;
}

/** Checks an entry's slots against its formulas at compile time (`satisfies` does the same). */
export function optimizer<S extends string>(o: Optimizer<S>): Optimizer {
  return o as unknown as Optimizer;
}
