/** Plain data shared by the training core and everything above it. */

/** The three graddesc-style models. */
export type BaseModelId = "linear" | "two-linear" | "two-relu";
/** One hidden layer of n ReLU neurons, n = 2 … 8 ("two-relu" is n = 1). */
export type WideModelId = `relu-${2 | 3 | 4 | 5 | 6 | 7 | 8}`;
export type ModelId = BaseModelId | WideModelId;
export type OptimizerId = "sgd" | "momentum" | "rmsprop" | "adam";
export type GradientKind = "analytic" | "forward" | "central";

/** Weights by the sheet's letters: a, b (and c, d for the 2-neuron models). */
export type Weights = Record<string, number>;

export interface DataPoint {
  x: number;
  y: number;
}

/** Optimizer constants. Which ones an optimizer reads is documented in its registry entry. */
export interface OptimizerSettings {
  /** Momentum's β (and Adam's β1, RMSProp's decay of the mean square). Default 0.9. */
  beta: number;
  /** Adam's β2. Default 0.999. */
  beta2: number;
  /** ε added to √(mean square) by RMSProp and Adam. Default 1e-8; 0 reproduces graddesc. */
  eps: number;
  /** Adam's bias correction m/(1−β1^t), v/(1−β2^t). Default true; false reproduces graddesc. */
  biasCorrection: boolean;
}

/** Everything a run needs, already validated (see `validateConfig`). */
export interface RunConfig {
  model: ModelId;
  optimizer: OptimizerId;
  lr: number;
  epochs: number;
  /** Which derivative drives the update; all three are recorded on every row. */
  gradient: GradientKind;
  /** Finite-difference step h. Default 0.01 (graddesc's). */
  h: number;
  /** Initial weights, one per weight of the model. */
  init: Weights;
  /** The rows of every epoch, in order (one epoch's rows; `order` may permute them per epoch). */
  data: DataPoint[];
  optimizerSettings: OptimizerSettings;
  /** Per-epoch row order (indexes into `data`), when shuffled; absent means data order. */
  order?: number[][];
  /**
   * A squared error above this counts as diverged (as does any non-finite error or weight).
   * Default: 1e6 × the largest y² of the data, at least 1e6 (`defaultDivergenceBound`).
   */
  divergenceBound: number;
  /**
   * Rows per mini-batch (1 to the rows of an epoch; default 1: one update per row). Batches start
   * at every epoch's first row; the last batch of an epoch may be shorter. See `train`.
   */
  batchSize: number;
  /** The learner's variant K when the run is one (`applyVariant`): its x values and initial weights are K's draws. */
  variant?: number;
}

/**
 * Where a row stands in its mini-batch (recorded only when the batch size is above 1). Within a
 * batch the weights stay fixed; the update happens on the batch's last row with the mean gradient.
 */
export interface BatchState {
  /** Rows of the batch up to and including this one: ((row − 1) mod batchSize) + 1. */
  count: number;
  /** True on the batch's last row (row mod batchSize = 0, or the epoch's last row): the row that updates. */
  update: boolean;
  /** The optimizer's step number of this row's batch: 1 + the updates before this row. */
  t: number;
  /**
   * Running sum of the gradient the run uses (`grad`), row by row: g on the batch's first row, then
   * sum + g. On the update row the optimizer gets sum / count.
   */
  sum: Weights;
}

/** One SGD step: the weights used, what they predict, every derivative, and the update. */
export interface StepRow {
  epoch: number; // 1-based
  row: number; // 1-based within the epoch
  step: number; // 1-based over the run
  x: number;
  y: number;
  weights: Weights;
  /** a·x + b (2-neuron models only). */
  hidden?: number;
  /** max(0, a·x + b) (two-relu only). */
  activation?: number;
  /** The hidden layer of a wide model (relu-n): z_j = a_j·x + b_j and max(0, z_j), j = 1 … n. */
  layer?: { z: number[]; relu: number[] };
  pred: number;
  /** (ŷ − y)² */
  error: number;
  /** Loss with weight w bumped by h: L(w + h·e_w). */
  bumped: Weights;
  /** Loss with weight w lowered by h: L(w − h·e_w) (central differences). */
  lowered: Weights;
  analytic: Weights;
  forward: Weights;
  central: Weights;
  /** The gradient the run uses (one of the three above); with mini-batches, this row's share of the batch's sum. */
  grad: Weights;
  /** Mini-batch bookkeeping; absent when the batch size is 1 (every row updates, with its own grad). */
  batch?: BatchState;
  /** Optimizer state after this step, by name (e.g. vA, sA, mA); unchanged on rows that do not update. */
  state: Record<string, number>;
  /** The weights after this row: updated, or (a batch row that does not update) the weights used. */
  newWeights: Weights;
}

export interface EpochSummary {
  epoch: number;
  /** Σ over the epoch's rows of (ŷ − y)² with the weights used in that row. */
  sse: number;
  /** √SSE: what graddesc labels "rmse". */
  rootSse: number;
  /** √(SSE / n): the true RMSE. */
  rmse: number;
  /** Weights after the epoch's last update. */
  weights: Weights;
}

export interface Divergence {
  epoch: number;
  row: number;
  step: number;
  /** What went out of bounds first, e.g. "error", "weight c", "gradient a". */
  quantity: string;
  /** Its value there (may be Infinity or NaN). */
  value: number;
  /** One plain sentence. */
  reason: string;
}

export interface RunResult {
  config: RunConfig;
  epochs: EpochSummary[];
  divergence: Divergence | null;
  /** Present unless the run was summary-only. */
  rows?: StepRow[];
  /** The step where a progress hook stopped the run (see `TrainOptions.progress`); absent otherwise. */
  stopped?: number;
}
