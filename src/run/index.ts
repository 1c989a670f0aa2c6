/** The run service (train → plan → .xlsx bytes or an Excel write), shared by the CLI and the pane. No Office. */
export * from "./service";
export { explainRunStep, type ExplainedStep } from "./explain";
export { lessonXlsx, LESSON_FILE } from "./lesson";
export {
  cellOf,
  explainFromCells,
  rowsToRead,
  stepAtRow,
  stepLayout,
  type SheetExplanation,
  type StepLayout,
} from "./sheet-explain";
export {
  doctorFile,
  doctorProblems,
  type DoctorFileJson,
  type DoctorFileResult,
} from "./doctor-file";
