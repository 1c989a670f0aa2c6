/**
 * The one door: every use case of the pane and the CLI (runs, the records and Runs-log rows of each
 * action, experiments, explaining a step, the lesson, diagnostics, sheet names), so the same options
 * give the same workbook from either surface. No Office: the pane writes the plans it gets here.
 */
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
export { explodedAt, explosionFacts, saferRate } from "./explosion";
export {
  DEFAULT_BLANK,
  EXERCISE_WORDS,
  blankList,
  cellOfA1,
  exerciseBlankRects,
  exerciseOfPlan,
  exerciseOfRecord,
  exercisePlanOfRecord,
  keepExercise,
  exerciseWorkbookPlan,
  learnerColumns,
  learnerRebuild,
  type LearnerColumn,
  type LearnerRebuild,
} from "./exercise";
export {
  CheckInputError,
  checkWorkbookBytes,
  gradeExit,
  gradeJson,
  gradeLine,
  gradeLineParts,
  type LinePart,
  gradeSheetValues,
  gradedArea,
  type CellVerdict,
  type SheetGrade,
} from "./check";
export {
  doctorFile,
  doctorProblems,
  type DoctorFileJson,
  type DoctorFileResult,
} from "./doctor-file";
/**
 * The file codecs a surface plugs in (the CLI passes Node's zlib; the pane keeps fflate) and the
 * streamed writer they drive: the .xlsx layer's, handed through the one door.
 */
export {
  writeWorkbook,
  writeWorkbookTo,
  type ChunkDeflate,
  type Crc32,
  type WriteOptions,
} from "../xlsx";
export {
  DoctorInputError,
  InflateLimit,
  useInflater,
  useZipCodec,
  type FileFix,
  type RawInflate,
} from "../xlsx/doctor";
export type { WorkbookPlan } from "../sheet";
