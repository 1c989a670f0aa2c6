/**
 * The model registry. Each entry (one file each) gives its prediction ŷ, the gradient of the loss
 * and of ŷ for every weight, and the same maths as formula text, side by side and in one operation
 * order (real spreadsheet engines check that the two agree bit for bit).
 */
import type { Model } from "../model";
import type { BaseModelId, ModelId } from "../types";
import { linear } from "./linear";
import { twoLinear, twoRelu } from "./two-neuron";
import { WIDE_WIDTHS, wideRelu } from "./wide";

export type { Model } from "../model";
export { WIDE_WIDTHS, wideRelu, wideWeights } from "./wide";

/** The models by id: the three base models, then relu-2 … relu-8. */
export const MODELS: Readonly<Record<ModelId, Model>> = Object.fromEntries(
  [linear, twoLinear, twoRelu, ...WIDE_WIDTHS.map(wideRelu)].map((m) => [m.id, m])
) as Record<ModelId, Model>;

/** Every model id, base models first. */
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

/** The graddesc-style models (what the forum compares); the wide ones are `WIDE_MODEL_IDS`. */
export const BASE_MODEL_IDS: readonly BaseModelId[] = ["linear", "two-linear", "two-relu"];

/** relu-2 … relu-8. */
export const WIDE_MODEL_IDS = MODEL_IDS.filter((id) => MODELS[id].width !== undefined);
