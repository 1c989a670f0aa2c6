/** The run service (train → plan → .xlsx bytes or an Excel write), shared by the CLI and the pane. No Office. */
export * from "./service";
export {
  checkRunStep,
  explainRun,
  explainRunStep,
  totalSteps,
  type ExplainedStep,
} from "./explain";
export { checkStep, partText, stepProblem } from "../core";
export type { Part, Ref, StepExplanation } from "../core";
export { lessonXlsx, LESSON_FILE } from "./lesson";
export { explainFromCells, stepLayout, type SheetExplanation } from "./sheet-explain";
export { cellOf, rowsToRead, runOptionsFromMeta, stepAtRow, type StepLayout } from "../sheet";
