/**
 * The optimizer registry. Each entry (one file each) updates one weight from its gradient g and
 * its own state slots, and gives the same update as formula text, in one operation order. State
 * starts at 0 and carries across epochs; t is the 1-based step number over the whole run.
 */
import type { Optimizer } from "../optimizer";
import type { OptimizerId } from "../types";
import { adam } from "./adam";
import { momentum } from "./momentum";
import { rmsprop } from "./rmsprop";
import { sgd } from "./sgd";

export type { Optimizer } from "../optimizer";

export const OPTIMIZERS: Readonly<Record<OptimizerId, Optimizer>> = {
  sgd,
  momentum,
  rmsprop,
  adam,
};

export const OPTIMIZER_IDS = Object.keys(OPTIMIZERS) as OptimizerId[];

/**
 * Add an optimizer to the registry (its id then works everywhere an id does: config, training, the
 * sheet). Throws if the id is taken.
 */
export function registerOptimizer(o: Optimizer): void {
  if (o.id in OPTIMIZERS) throw new Error(`an optimizer with id "${o.id}" already exists`);
  (OPTIMIZERS as Record<string, Optimizer>)[o.id] = o;
  OPTIMIZER_IDS.push(o.id as OptimizerId);
}
