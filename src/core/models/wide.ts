/**
 * Wider networks: one hidden layer of n ReLU neurons, n = 2 … 8 (n = 1 is "two-relu"),
 *
 *   ŷ = c1·max(0, z1) + c2·max(0, z2) + … + cn·max(0, zn) + d,   z_j = a_j·x + b_j,
 *
 * summed left to right, then + d (the formulas add in this order too). Weights in sheet order:
 * a1 … an, b1 … bn, c1 … cn, d. With g = 2·(ŷ − y): ∂L/∂d = g; ∂L/∂c_j = g·max(0, z_j);
 * ∂L/∂b_j = g·c_j when z_j > 0, else 0 (also at z_j = 0 exactly; NaN when z_j overflowed);
 * ∂L/∂a_j = ∂L/∂b_j·x. Numbers and formulas side by side.
 */
import {
  reluGate,
  reluInput,
  reluPass,
  type DerivativeText,
  type ForwardColumn,
  type Model,
  type ModelCells,
} from "../model";
import type { WideModelId } from "../types";

/** The widths offered: relu-2 … relu-8. */
export const WIDE_WIDTHS = [2, 3, 4, 5, 6, 7, 8] as const;

/** The weight names of an n-neuron layer: a1 … an, b1 … bn, c1 … cn, d. */
export function wideWeights(n: number): string[] {
  const idx = Array.from({ length: n }, (_, j) => j + 1);
  return [...idx.map((j) => `a${j}`), ...idx.map((j) => `b${j}`), ...idx.map((j) => `c${j}`), "d"];
}

/** The model of n ReLU neurons in one hidden layer. */
export function wideRelu(n: number): Model {
  const C = 2 * n;
  const D = 3 * n;
  const idx = Array.from({ length: n }, (_, j) => j + 1);
  const sum = (term: (j: number) => string, d: string) => `${idx.map(term).join("+")}+${d}`;
  return {
    id: `relu-${n}` as WideModelId,
    label: `${n} ReLU neurons`,
    formula: `ŷ = Σ_j c_j·max(0, a_j·x + b_j) + d, j = 1…${n}`,
    terms: [...idx.map((j) => `c${j}·max(0, a${j}·x + b${j})`), "d"].join(" + "),
    weights: wideWeights(n),
    width: n,
    predict(w, x) {
      let s = w[C] * Math.max(0, reluInput(w[0], w[n], x));
      for (let j = 1; j < n; j++) s = s + w[C + j] * Math.max(0, reluInput(w[j], w[n + j], x));
      return s + w[D];
    },
    lossGrad(w, x, y, pred, out) {
      const g = 2 * (pred - y);
      out[D] = g;
      for (let j = 0; j < n; j++) {
        const z = reluInput(w[j], w[n + j], x);
        const dB = reluGate(z, g * w[C + j]);
        out[C + j] = g * Math.max(0, z);
        out[n + j] = dB;
        out[j] = dB * x;
      }
    },
    predGrad(w, x, out) {
      for (let j = 0; j < n; j++) {
        const z = reluInput(w[j], w[n + j], x);
        out[j] = reluPass(z, w[C + j] * x);
        out[n + j] = reluPass(z, w[C + j]);
        out[C + j] = Math.max(0, z);
      }
      out[D] = 1;
    },
    record(w, x) {
      const z = Array.from({ length: n }, (_, j) => reluInput(w[j], w[n + j], x));
      return { layer: { z, relu: z.map((v) => Math.max(0, v)) } };
    },
    sheet: {
      forward: idx.flatMap(layerColumns),
      pred: (c) => sum((j) => `${c.w(`c${j}`)}*${c.at(`relu${j}`)}`, c.w("d")),
      predNote: "ŷ = c1·max(0, z1) + c2·max(0, z2) + … + d, added left to right",
      predict: (w, x) =>
        sum((j) => `${w(`c${j}`)}*MAX(0,${w(`a${j}`)}*${x}+${w(`b${j}`)})`, w("d")),
      derivative,
      residual: (w, X, Y) =>
        `${sum((j) => {
          const z = `${w(`a${j}`)}*${X}+${w(`b${j}`)}`;
          return `${w(`c${j}`)}*((${z}>0)*(${z}))`;
        }, w("d"))}-${Y}`,
    },
    landscape: {
      weights: ["a1", "c1"],
      story:
        "With the other neurons held, the error over neuron 1's a1 and c1: left of a1·x + b1 = 0 for every x neuron 1 is dead and the error is flat along c1; the other neurons still carry the fit, so the layer need not die with it.",
    },
    deadRelu: {
      weights: wideWeights(n).filter((w) => w !== "d"),
      alive: `The layer is alive: on some rows at least one of its ${n} neurons has a_j·x + b_j > 0, so its weights keep learning.`,
      dead: (from) =>
        `From step ${from} on, a_j·x + b_j ≤ 0 for every one of the ${n} neurons and every x that follows, so the layer outputs 0, every derivative but d's is exactly 0, and only d learns: the model predicts the constant d.`,
    },
  };
}

/** z_j = a_j·x + b_j and max(0, z_j) of neuron j. */
function layerColumns(j: number): ForwardColumn[] {
  return [
    {
      key: `z${j}`,
      header: `z${j}`,
      description: `z${j} = a${j}·x + b${j}: neuron ${j} before its ReLU`,
      formula: (c) => `${c.w(`a${j}`)}*${c.x}+${c.w(`b${j}`)}`,
      value: (row) => row.layer?.z[j - 1],
    },
    {
      key: `relu${j}`,
      header: `max(0, z${j})`,
      description: `neuron ${j}'s ReLU: z${j} when z${j} > 0, else 0`,
      formula: (c) => `MAX(0,${c.at(`z${j}`)})`,
      value: (row) => row.layer?.relu[j - 1],
    },
  ];
}

/** Weight a_j, b_j or c_j of neuron j, or d. */
function derivative(w: string): DerivativeText {
  if (w === "d")
    return { loss: (c) => `2*(${c.pred}-${c.y})`, lossNote: "de/dd = 2·(ŷ − y)", pred: () => "1" };
  const j = w.slice(1);
  const z = (c: ModelCells) => c.at(`z${j}`);
  if (w[0] === "c")
    return {
      loss: (c) => `${c.grad("d")}*${c.at(`relu${j}`)}`,
      lossNote: `de/dc${j} = de/dd·max(0, z${j})`,
      pred: (c) => c.at(`relu${j}`),
    };
  if (w[0] === "b")
    return {
      loss: (c) => `IF(${z(c)}>0,${c.grad("d")}*${c.w(`c${j}`)},0)`,
      lossNote: `de/db${j} = de/dd·c${j} when z${j} > 0, else 0`,
      pred: (c) => `IF(${z(c)}>0,${c.w(`c${j}`)},0)`,
    };
  return {
    loss: (c) => `${c.grad(`b${j}`)}*${c.x}`,
    lossNote: `de/da${j} = de/db${j}·x`,
    pred: (c) => `IF(${z(c)}>0,${c.w(`c${j}`)}*${c.x},0)`,
  };
}
