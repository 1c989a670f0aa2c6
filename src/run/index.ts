/** The run service (train → plan → .xlsx bytes or an Excel write), shared by the CLI and the pane. No Office. */
export * from "./service";
export * from "./records";
export * from "./actions";
export * from "./experiments";
export * from "./plan-facts";
export * from "./diagnostics";
export { explainRun, explainRunStep, totalSteps, type ExplainedStep } from "./explain";
export { checkStep, partText, stepProblem } from "../core";
/** The summary-mode experiments (no rows): each run's epochs and divergence, as `gradsheet train` gives them. */
export { compare, logSpace, sweep } from "../core";
export type { Part, Ref, StepExplanation } from "../core";
export { lessonPlan, lessonTitles, lessonXlsx, LESSON_FILE } from "./lesson";
export { explainFromCells, stepLayout, type SheetExplanation } from "./sheet-explain";
export {
  cellOf,
  rowsToRead,
  runOptionsFromMeta,
  stepAtRow,
  type SheetPlan,
  type StepLayout,
} from "../sheet";
