/** Ready-made runs the task pane and CLI offer first: graddesc's sheet and the forum's questions. */
import type { RunOptions } from "./config";

export interface Preset {
  id: string;
  label: string;
  /** One sentence on what the learner will see. */
  description: string;
  options: RunOptions;
}

export const PRESETS: readonly Preset[] = [
  {
    id: "graddesc-basic",
    label: "graddesc basic",
    description:
      "Jeremy Howard's basic SGD sheet: y = a·x + b from a = b = 1, lr 1e-4, analytic update; √SSE of epoch 1 is 150.7552.",
    options: {
      model: "linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 5,
      gradient: "analytic",
      h: 0.01,
      init: 1,
    },
  },
  {
    id: "one-neuron",
    label: "1 neuron",
    description:
      "One neuron with forward-difference derivatives (h = 0.01): it trains, but the intercept b crawls towards 30.",
    options: {
      model: "linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 5,
      gradient: "forward",
      h: 0.01,
      init: 1,
    },
  },
  {
    id: "two-neurons",
    label: "2 neurons",
    description:
      "y = c·(a·x + b) + d at the 1-neuron learning rate: the error explodes near the end of epoch 1, as on the forum. Try lr 1e-5.",
    options: {
      model: "two-linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 1,
      gradient: "forward",
      h: 0.01,
      init: 1,
    },
  },
  {
    id: "two-relu",
    label: "2 neurons + ReLU",
    description:
      "y = c·max(0, a·x + b) + d: no explosion, but the ReLU dies within epoch 1 and only d keeps learning.",
    options: {
      model: "two-relu",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 3,
      gradient: "forward",
      h: 0.01,
      init: 1,
    },
  },
];

/** A preset's run options by id, for code that names a preset it knows exists (throws otherwise). */
export function presetOptions(id: string): RunOptions {
  const preset = presetById(id);
  if (!preset) throw new Error(`No preset "${id}".`);
  return preset.options;
}

/** A preset by id; undefined when there is none. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
