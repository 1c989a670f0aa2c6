/**
 * Wider networks: one hidden layer of n ReLU neurons, n = 2 … 8 (n = 1 is "two-relu"),
 *
 *   ŷ = c1·max(0, z1) + c2·max(0, z2) + … + cn·max(0, zn) + d,   z_j = a_j·x + b_j,
 *
 * summed left to right, then + d (the sheet's formulas add in this order too). Weights in sheet
 * order: a1 … an, b1 … bn, c1 … cn, d. With g = 2·(ŷ − y): ∂L/∂d = g; ∂L/∂c_j = g·max(0, z_j);
 * ∂L/∂b_j = g·c_j when z_j > 0, else 0 (also at z_j = 0 exactly; NaN when z_j overflowed);
 * ∂L/∂a_j = ∂L/∂b_j·x.
 */
import type { Model } from "./models";
import type { WideModelId } from "./types";

/** The widths offered: relu-2 … relu-8. */
export const WIDE_WIDTHS = [2, 3, 4, 5, 6, 7, 8] as const;

/** The weight names of an n-neuron layer: a1 … an, b1 … bn, c1 … cn, d. */
export function wideWeights(n: number): string[] {
  const idx = Array.from({ length: n }, (_, j) => j + 1);
  return [...idx.map((j) => `a${j}`), ...idx.map((j) => `b${j}`), ...idx.map((j) => `c${j}`), "d"];
}

/** z = a·x + b as a sheet cell holds it: an overflowed z is NaN (#NUM!), as models.ts's reluInput. */
function zOf(a: number, b: number, x: number): number {
  const z = a * x + b;
  return z - z === 0 ? z : NaN;
}

/** The model of n ReLU neurons in one hidden layer. */
export function wideRelu(n: number): Model {
  const C = 2 * n;
  const D = 3 * n;
  return {
    id: `relu-${n}` as WideModelId,
    label: `${n} ReLU neurons`,
    formula: `ŷ = Σ_j c_j·max(0, a_j·x + b_j) + d, j = 1…${n}`,
    weights: wideWeights(n),
    width: n,
    layer(w, x, out) {
      for (let j = 0; j < n; j++) out[j] = zOf(w[j], w[n + j], x);
    },
    predict(w, x) {
      let s = w[C] * Math.max(0, zOf(w[0], w[n], x));
      for (let j = 1; j < n; j++) s = s + w[C + j] * Math.max(0, zOf(w[j], w[n + j], x));
      return s + w[D];
    },
    predGrad(w, x, out) {
      for (let j = 0; j < n; j++) {
        const z = zOf(w[j], w[n + j], x);
        out[j] = z > 0 ? w[C + j] * x : z <= 0 ? 0 : NaN;
        out[n + j] = z > 0 ? w[C + j] : z <= 0 ? 0 : NaN;
        out[C + j] = Math.max(0, z);
      }
      out[D] = 1;
    },
    lossGrad(w, x, y, pred, out) {
      const dD = 2 * (pred - y);
      out[D] = dD;
      for (let j = 0; j < n; j++) {
        const z = zOf(w[j], w[n + j], x);
        const dB = z > 0 ? dD * w[C + j] : Number.isNaN(z) ? NaN : 0;
        out[C + j] = dD * Math.max(0, z);
        out[n + j] = dB;
        out[j] = dB * x;
      }
    },
  };
}
