/**
 * Explain one step of a run (the CLI's `gradsheet explain` and the pane's Explain tab share it):
 * the core's explanation of that step, as lines, its heading, the text both surfaces show, and the
 * JSON object of DESIGN.md's contract.
 */
import {
  checkStep,
  explainValues,
  resolveConfig,
  stepValues,
  train,
  type Explained,
  type RunConfig,
  type RunOptions,
} from "../core";

export type ExplainedStep = Explained;

/** The number of steps of a run with this config: epochs × rows. */
export const totalSteps = (config: RunConfig): number => config.epochs * config.data.length;

/**
 * Step `step` (1-based over the run, a number or the text a learner typed) of a run with `config`,
 * trained up to the step's epoch and explained; ConfigError with the one step sentence when it is
 * not a whole number within the run.
 */
export function explainRunStep(config: RunConfig, step: number | string): ExplainedStep {
  const n = checkStep(step, totalSteps(config));
  // the rows up to the step are those of a run cut after the step's epoch
  const result = train({ ...config, epochs: Math.ceil(n / config.data.length) }, { rows: true });
  return explainValues(config, stepValues(result, n));
}

/** Step `step` of the run these options give, explained (what the CLI's `explain` and the pane's typed step show). */
export function explainRun(options: RunOptions, step: number | string): ExplainedStep {
  return explainRunStep(resolveConfig(options), step);
}
