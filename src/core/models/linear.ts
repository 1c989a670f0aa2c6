/** One neuron, ŷ = a·x + b: its numbers and its formulas side by side. */
import type { Model } from "../model";

/** ŷ = a·x + b. ∂L/∂b = 2·(ŷ − y); ∂L/∂a = ∂L/∂b·x (graddesc's K and L columns). */
export const linear: Model = {
  id: "linear",
  label: "1 neuron",
  formula: "ŷ = a·x + b",
  weights: ["a", "b"],
  predict: (w, x) => w[0] * x + w[1],
  lossGrad(w, x, y, pred, out) {
    const dB = 2 * (pred - y);
    out[1] = dB;
    out[0] = dB * x;
  },
  predGrad(_w, x, out) {
    out[0] = x;
    out[1] = 1;
  },
  record: () => ({}),
  sheet: {
    forward: [],
    predict: (w, x) => `${w("a")}*${x}+${w("b")}`,
    pred: (c) => `${c.w("a")}*${c.x}+${c.w("b")}`,
    predNote: "ŷ = a·x + b",
    derivative: (v) =>
      v === "b"
        ? { loss: (c) => `2*(${c.pred}-${c.y})`, lossNote: "de/db = 2·(ŷ − y)", pred: () => "1" }
        : {
            loss: (c) => `${c.grad("b")}*${c.x}`,
            lossNote: "de/da = de/db·x = 2·(ŷ − y)·x",
            pred: (c) => c.x,
          },
    residual: (w, X, Y) => `${w("a")}*${X}+${w("b")}-${Y}`,
  },
  landscape: {
    weights: ["a", "b"],
    line: true,
    story:
      "The valley is long and narrow: changing a moves the error far more than changing b, so a step small enough for a is tiny for b and the intercept crawls (graddesc's slow b).",
  },
};
