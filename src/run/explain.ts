/**
 * Explain one step of a run (the CLI's `gradsheet explain` and the pane's Explain tab share it):
 * the core's explanation of that step, as lines, as the text both surfaces show, and as the JSON
 * object of DESIGN.md's contract.
 */
import type { RunResult } from "../core";
import {
  explainStep,
  stepJson,
  stepValues,
  type StepExplanation,
  type StepValues,
} from "../core/explain";
import { explanationText } from "../core/explain-lines";

export interface ExplainedStep {
  values: StepValues;
  explanation: StepExplanation;
  /** What the CLI prints and the pane shows. */
  text: string;
  json: Record<string, unknown>;
}

/** Step `step` (1-based over the run) explained; ConfigError when it is not a whole number within the run. */
export function explainRunStep(result: RunResult, step: number): ExplainedStep {
  const values = stepValues(result, step);
  const explanation = explainStep(result.config, values);
  return {
    values,
    explanation,
    text: explanationText(result.config, values, explanation),
    json: stepJson(result.config, values),
  };
}
