/**
 * Two neurons stacked, ŷ = c·f(a·x + b) + d with f the identity (two-linear) or the ReLU
 * max(0, ·) (two-relu): their numbers and their formulas side by side. With g = 2·(ŷ − y) and
 * z = a·x + b: ∂L/∂d = g; ∂L/∂c = g·f(z); ∂L/∂b = g·c (ReLU: only when z > 0, else 0, also at
 * z = 0 exactly); ∂L/∂a = ∂L/∂b·x.
 */
import {
  fin,
  reluGate,
  reluInput,
  reluPass,
  type DerivativeText,
  type ModelCells,
  type ModelFormulas,
} from "../model";
import type { Model } from "../model";

const WEIGHTS = ["a", "b", "c", "d"] as const;
const Z = {
  key: "z",
  header: "z",
  description: "z = a·x + b: the first neuron",
  formula: (c: ModelCells) => `${c.w("a")}*${c.x}+${c.w("b")}`,
  value: (r: { hidden?: number }) => r.hidden,
};
const dD: DerivativeText = {
  loss: (c) => `2*(${c.pred}-${c.y})`,
  lossNote: "de/dd = 2·(ŷ − y)",
  pred: () => "1",
};

/** ŷ = c·(a·x + b) + d. */
export const twoLinear: Model = {
  id: "two-linear",
  label: "2 neurons",
  formula: "ŷ = c·(a·x + b) + d",
  weights: WEIGHTS,
  predict: (w, x) => w[2] * (w[0] * x + w[1]) + w[3],
  lossGrad(w, x, y, pred, out) {
    const g = 2 * (pred - y);
    const dB = g * w[2];
    out[3] = g;
    out[2] = g * (w[0] * x + w[1]);
    out[1] = dB;
    out[0] = dB * x;
  },
  predGrad(w, x, out) {
    out[0] = w[2] * x;
    out[1] = w[2];
    out[2] = w[0] * x + w[1];
    out[3] = 1;
  },
  record: (w, x) => ({ hidden: fin(w[0] * x + w[1]) }),
  sheet: formulas(false),
  landscape: {
    weights: ["a", "c"],
    story:
      "With b and d held, the error is a curved ridge in (a, c): a·c is what matters, so the valley bends, and a step that overshoots on a large x throws the path up the steep wall.",
  },
  collapse: {
    identity:
      "c·(a·x + b) + d = (a·c)·x + (c·b + d): the same functions as one neuron, a different optimisation problem.",
    slope: { label: "slope a·c", value: (w) => w.a * w.c, formula: (w) => `${w("a")}*${w("c")}` },
    intercept: {
      label: "intercept c·b + d",
      value: (w) => w.c * w.b + w.d,
      formula: (w) => `${w("c")}*${w("b")}+${w("d")}`,
    },
  },
};

/** ŷ = c·max(0, a·x + b) + d, with z = a·x + b NaN where it overflowed (`reluInput`). */
export const twoRelu: Model = {
  id: "two-relu",
  label: "2 neurons + ReLU",
  formula: "ŷ = c·max(0, a·x + b) + d",
  weights: WEIGHTS,
  predict: (w, x) => w[2] * Math.max(0, reluInput(w[0], w[1], x)) + w[3],
  lossGrad(w, x, y, pred, out) {
    const z = reluInput(w[0], w[1], x);
    const g = 2 * (pred - y);
    const dB = reluGate(z, g * w[2]);
    out[3] = g;
    out[2] = g * Math.max(0, z);
    out[1] = dB;
    out[0] = dB * x;
  },
  predGrad(w, x, out) {
    const z = reluInput(w[0], w[1], x);
    out[0] = reluPass(z, w[2] * x);
    out[1] = reluPass(z, w[2]);
    out[2] = Math.max(0, z);
    out[3] = 1;
  },
  record(w, x) {
    const hidden = fin(w[0] * x + w[1]);
    return { hidden, activation: Math.max(0, hidden) };
  },
  sheet: formulas(true),
  landscape: {
    weights: ["a", "c"],
    story:
      "Left of a·x + b = 0 for every x the ReLU is dead: the error is flat there (only d matters), and a path that falls onto that plateau never climbs out.",
  },
  deadRelu: {
    weights: ["a", "b", "c"],
    alive: "The ReLU is alive: some rows still have a·x + b > 0, so a, b and c keep learning.",
    dead: (from, last, fmt) =>
      `From step ${from} on, a·x + b ≤ 0 for every x that follows (a = ${fmt(last.weights.a)}, b = ${fmt(last.weights.b)}), so the ReLU outputs 0, the derivatives of a, b and c are exactly 0, and only d learns: the model predicts the constant d.`,
  },
};

/** The formulas of either model: f(z) is the z cell, or with `relu` the max(0, z) cell. */
function formulas(relu: boolean): ModelFormulas {
  const f = relu ? "relu" : "z";
  const fText = relu ? "max(0, z)" : "z";
  const gate = (z: string, v: string) => (relu ? `IF(${z}>0,${v},0)` : v);
  const when = relu ? " when z > 0, else 0" : "";
  const derivatives: Record<string, DerivativeText> = {
    a: {
      loss: (c) => `${c.grad("b")}*${c.x}`,
      lossNote: `de/da = de/db·x = 2·(ŷ − y)·c·x${when}`,
      pred: (c) => gate(c.at("z"), `${c.w("c")}*${c.x}`),
    },
    b: {
      loss: (c) => gate(c.at("z"), `${c.grad("d")}*${c.w("c")}`),
      lossNote: `de/db = de/dd·c = 2·(ŷ − y)·c${when}`,
      pred: (c) => gate(c.at("z"), c.w("c")),
    },
    c: {
      loss: (c) => `${c.grad("d")}*${c.at(f)}`,
      lossNote: `de/dc = de/dd·${fText} = 2·(ŷ − y)·${relu ? "max(0, a·x + b)" : "(a·x + b)"}`,
      pred: (c) => c.at(f),
    },
    d: dD,
  };
  const act = (z: string) => (relu ? `MAX(0,${z})` : `(${z})`);
  return {
    forward: relu
      ? [
          Z,
          {
            key: "relu",
            header: "max(0, z)",
            description: "ReLU: z when z > 0, else 0",
            formula: (c) => `MAX(0,${c.at("z")})`,
            value: (r) => r.activation,
          },
        ]
      : [Z],
    pred: (c) => `${c.w("c")}*${c.at(f)}+${c.w("d")}`,
    predNote: relu ? "ŷ = c·max(0, z) + d" : "ŷ = c·z + d = c·(a·x + b) + d",
    predict: (w, x) => `${w("c")}*${act(`${w("a")}*${x}+${w("b")}`)}+${w("d")}`,
    derivative: (v) => derivatives[v],
    residual: (w, X, Y) => {
      const z = `${w("a")}*${X}+${w("b")}`;
      return `${w("c")}*${relu ? `((${z}>0)*(${z}))` : `(${z})`}+${w("d")}-${Y}`;
    },
  };
}
