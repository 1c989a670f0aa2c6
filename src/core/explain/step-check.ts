/** The one check of a step number a learner typed or passed: a whole number from 1 to the run's steps. */
import { ConfigError } from "../errors";

/** Why `value` is not a step of a run of `total` steps, as one sentence; null when it is one. */
export function stepProblem(value: string | number, total: number): string | null {
  const text = String(value).trim();
  if (text === "") return "Step is empty.";
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= total ? null : `Step must be a whole number from 1 to ${total}.`;
}

/** `value` as a step number of a run of `total` steps; ConfigError("step", the sentence) when it is not one. */
export function checkStep(value: string | number, total: number): number {
  const problem = stepProblem(value, total);
  if (problem) throw new ConfigError("step", problem);
  return Number(String(value).trim());
}
