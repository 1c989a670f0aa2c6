/**
 * The model registry. Each model gives its prediction ŷ and the gradient of ŷ for every weight,
 * written side by side and in the exact operation order the sheet's formulas use (the sheet
 * layer mirrors these, and real spreadsheet engines check that they agree bit for bit).
 */
import type { BaseModelId, ModelId } from "./types";
import { WIDE_WIDTHS, wideRelu } from "./wide";

export interface Model {
  id: ModelId;
  label: string;
  /** The model in one line, e.g. "ŷ = c·max(0, a·x + b) + d". */
  formula: string;
  /** Weight names in sheet order. */
  weights: readonly string[];
  /** ŷ for weights w (in `weights` order) at x. */
  predict(w: Float64Array, x: number): number;
  /**
   * ∂L/∂w for L = (ŷ − y)², into `out`, with g = 2·(ŷ − y) computed from `pred`.
   * Returns nothing; `out` is in `weights` order.
   */
  lossGrad(w: Float64Array, x: number, y: number, pred: number, out: Float64Array): void;
  /** ∂ŷ/∂w for every weight, into `out` (the stability diagnostic's ‖∇w ŷ‖²). */
  predGrad(w: Float64Array, x: number, out: Float64Array): void;
  /** a·x + b, the first neuron before its activation (2-neuron models only). */
  hidden?(w: Float64Array, x: number): number;
  /** Neurons in the hidden ReLU layer of a wide model (relu-n); absent for the base models. */
  width?: number;
  /** z_j = a_j·x + b_j of every neuron into `out` (NaN where it overflowed), wide models only. */
  layer?(w: Float64Array, x: number, out: Float64Array): void;
}

/** ŷ = a·x + b. ∂L/∂b = 2·(ŷ − y); ∂L/∂a = ∂L/∂b·x (graddesc's K and L columns). */
const linear: Model = {
  id: "linear",
  label: "1 neuron",
  formula: "ŷ = a·x + b",
  weights: ["a", "b"],
  predict: (w, x) => w[0] * x + w[1],
  predGrad(_w, x, out) {
    out[0] = x;
    out[1] = 1;
  },
  lossGrad(w, x, y, pred, out) {
    const dB = 2 * (pred - y);
    out[1] = dB;
    out[0] = dB * x;
  },
};

/**
 * ŷ = c·(a·x + b) + d. With g = 2·(ŷ − y): ∂L/∂d = g; ∂L/∂c = g·(a·x + b); ∂L/∂b = g·c;
 * ∂L/∂a = (g·c)·x.
 */
const twoLinear: Model = {
  id: "two-linear",
  label: "2 neurons",
  formula: "ŷ = c·(a·x + b) + d",
  weights: ["a", "b", "c", "d"],
  hidden: (w, x) => w[0] * x + w[1],
  predict: (w, x) => w[2] * (w[0] * x + w[1]) + w[3],
  predGrad(w, x, out) {
    out[0] = w[2] * x;
    out[1] = w[2];
    out[2] = w[0] * x + w[1];
    out[3] = 1;
  },
  lossGrad(w, x, y, pred, out) {
    const dD = 2 * (pred - y);
    const dB = dD * w[2];
    out[3] = dD;
    out[2] = dD * (w[0] * x + w[1]);
    out[1] = dB;
    out[0] = dB * x;
  },
};

/**
 * z = a·x + b as the sheet's z cell holds it: an overflowed z is NaN (the cell's #NUM!), so neither
 * max(0, z) nor the test z > 0 turns it back into a number (−Infinity would give 0 and a NaN z a
 * zero derivative, where the sheet shows #NUM!).
 */
function reluInput(w: Float64Array, x: number): number {
  const z = w[0] * x + w[1];
  return z - z === 0 ? z : NaN;
}

/**
 * ŷ = c·max(0, a·x + b) + d. With g = 2·(ŷ − y) and z = a·x + b: ∂L/∂d = g; ∂L/∂c = g·max(0, z);
 * ∂L/∂b = g·c when z > 0, else 0 (also at z = 0 exactly); ∂L/∂a = ∂L/∂b·x.
 */
const twoRelu: Model = {
  id: "two-relu",
  label: "2 neurons + ReLU",
  formula: "ŷ = c·max(0, a·x + b) + d",
  weights: ["a", "b", "c", "d"],
  hidden: (w, x) => w[0] * x + w[1],
  predict: (w, x) => w[2] * Math.max(0, reluInput(w, x)) + w[3],
  predGrad(w, x, out) {
    const z = reluInput(w, x);
    out[0] = z > 0 ? w[2] * x : z <= 0 ? 0 : NaN;
    out[1] = z > 0 ? w[2] : z <= 0 ? 0 : NaN;
    out[2] = Math.max(0, z);
    out[3] = 1;
  },
  lossGrad(w, x, y, pred, out) {
    const z = reluInput(w, x);
    const dD = 2 * (pred - y);
    const dB = z > 0 ? dD * w[2] : Number.isNaN(z) ? NaN : 0;
    out[3] = dD;
    out[2] = dD * Math.max(0, z);
    out[1] = dB;
    out[0] = dB * x;
  },
};

/** The models by id: the three base models, then relu-2 … relu-8 from the factory in wide.ts. */
export const MODELS: Readonly<Record<ModelId, Model>> = Object.assign(
  { linear, "two-linear": twoLinear, "two-relu": twoRelu } as Record<ModelId, Model>,
  Object.fromEntries(WIDE_WIDTHS.map((n) => [`relu-${n}`, wideRelu(n)])),
);

/** Every model id, base models first. */
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

/** The graddesc-style models (what the forum compares); the wide ones are `WIDE_MODEL_IDS`. */
export const BASE_MODEL_IDS: readonly BaseModelId[] = ["linear", "two-linear", "two-relu"];

/** relu-2 … relu-8. */
export const WIDE_MODEL_IDS = MODEL_IDS.filter((id) => MODELS[id].width !== undefined);
