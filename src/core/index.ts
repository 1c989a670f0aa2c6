/** The training core: pure TypeScript, no I/O. Everything above it imports from here. */
export * from "./types";
export { ConfigError } from "./errors";
export {
  MODELS,
  MODEL_IDS,
  BASE_MODEL_IDS,
  WIDE_MODEL_IDS,
  WIDE_WIDTHS,
  wideWeights,
  wideRelu,
  type Model,
} from "./models";
export type {
  CollapseNote,
  ModelCells,
  ModelFormulas,
  ForwardColumn,
  DerivativeText,
} from "./model";
export { collapsedLine } from "./model";
export { OPTIMIZERS, OPTIMIZER_IDS, registerOptimizer, type Optimizer } from "./optimizers";
export {
  optimizer,
  type OptimizerCells,
  type OptimizerFormulas,
  type SettingName,
  type SlotFormula,
} from "./optimizer";
export { square } from "./formula-text";
export {
  DEFAULTS,
  LIMITS,
  resolveConfig,
  withLr,
  defaultDivergenceBound,
  wideInit,
  type RunOptions,
} from "./config";
export {
  DEFAULT_TARGET,
  GRADDESC_X,
  makeData,
  parseCsv,
  xValues,
  type DataSpec,
  type Target,
  type XSource,
  parseDecimal,
} from "./data";
export { PRESETS, presetById, presetOptions, type Preset } from "./presets";
export { rng, randBetween, gaussian, permutation } from "./random";
export { train, type TrainOptions } from "./train";
export type { Progress, ProgressHook } from "./progress";
export {
  effectiveRates,
  stabilityK,
  explainDivergence,
  deadRelu,
  reluWeights,
  derivativeCheck,
  relativeError,
} from "./diagnostics";
export type { DivergenceExplanation, DeadReluReport, DerivativeCheck } from "./diagnostics";
export {
  logSpace,
  sweep,
  compare,
  initForModel,
  type SweepResult,
  type SweepRun,
  type CompareRun,
} from "./experiments";
export {
  landscapeAxes,
  landscapeWeights,
  leastSquaresLine,
  lossGrid,
  sse,
  type LandscapeAxes,
} from "./landscape";
export { hPlateau, ulp, weightsLostH } from "./plateau";
export { applyVariant, variantInit, variantNumber, variantX, MAX_VARIANT } from "./variant";
export type { HPlateau } from "./plateau";
export {
  checkStep,
  drivingGradient,
  explainStep,
  explainValues,
  explanationText,
  partText,
  stepHeading,
  stepJson,
  stepProblem,
  stepValues,
  type Explained,
  type ExplainLine,
  type ExplainSettings,
  type Part,
  type Ref,
  type StepExplanation,
  type StepValues,
} from "./explain";
export { learnerNumber } from "./learner-number";
export * from "./glossary";
