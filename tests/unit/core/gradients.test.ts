/** The models' analytic derivatives, checked against finite differences computed here from ŷ alone. */
import { describe, expect, it } from "vitest";
import { MODEL_IDS, MODELS, rng } from "../../../src/core";
import { run } from "./helpers";

/** Relative agreement of analytic and central-difference derivatives at random points (step 1e-6). */
const CENTRAL_TOLERANCE = 1e-6;
/** With h = 0.01 the loss is quadratic in each single weight, so central differences are exact up to rounding. */
const EXACT_TOLERANCE = 1e-9;
const SEED = 20261127;

/** L(w) = (ŷ(w) − y)², from the model's prediction only. */
function loss(model: string, w: number[], x: number, y: number): number {
  const d = MODELS[model as keyof typeof MODELS].predict(Float64Array.from(w), x) - y;
  return d * d;
}

/** Seeded weights and rows; for ReLU models, points with some |a_j·x + b_j| < 0.1 are skipped (the kink). */
function points(model: string, count: number) {
  const next = rng(SEED);
  const k = MODELS[model as keyof typeof MODELS].weights.length;
  const out: { w: number[]; x: number; y: number }[] = [];
  while (out.length < count) {
    const w = Array.from({ length: k }, () => 6 * next() - 3);
    const x = 200 * next() - 100;
    const y = 400 * next() - 200;
    const width = MODELS[model as keyof typeof MODELS].width;
    if (model === "two-relu" && Math.abs(w[0] * x + w[1]) < 0.1) continue;
    if (
      width !== undefined &&
      w.slice(0, width).some((a, j) => Math.abs(a * x + w[width + j]) < 0.1)
    )
      continue;
    out.push({ w, x, y });
  }
  return out;
}

describe.each(MODEL_IDS)("model %s", (id) => {
  const model = MODELS[id];

  it("has analytic derivatives that agree with central differences at 200 seeded points", () => {
    const out = new Float64Array(model.weights.length);
    for (const { w, x, y } of points(id, 200)) {
      const pred = model.predict(Float64Array.from(w), x);
      model.lossGrad(Float64Array.from(w), x, y, pred, out);
      w.forEach((wi, i) => {
        const step = 1e-6 * Math.max(1, Math.abs(wi));
        const up = w.slice();
        const down = w.slice();
        up[i] = wi + step;
        down[i] = wi - step;
        const lu = loss(id, up, x, y);
        const ld = loss(id, down, x, y);
        const numeric = (lu - ld) / (2 * step);
        const scale = Math.max(1, Math.abs(numeric), Math.abs(out[i]));
        // plus the rounding noise of the difference itself, a few ulps of L over 2·step (wide layers have large L)
        const noise = (8 * Number.EPSILON * Math.max(Math.abs(lu), Math.abs(ld))) / (2 * step);
        expect(Math.abs(out[i] - numeric)).toBeLessThan(CENTRAL_TOLERANCE * scale + noise);
      });
    }
  });

  it("records central differences equal to the analytic derivative on every row (the loss is quadratic in each weight)", () => {
    const r = run({ model: id, lr: 1e-5, epochs: 1, gradient: "analytic" });
    for (const row of r.rows!) {
      if (id === "two-relu" && Math.abs(row.hidden!) < 0.1) continue;
      if (row.layer && row.layer.z.some((z) => Math.abs(z) < 0.1)) continue;
      for (const n of model.weights) {
        const scale = Math.max(1, Math.abs(row.analytic[n]));
        expect(Math.abs(row.central[n] - row.analytic[n]) / scale).toBeLessThan(EXACT_TOLERANCE);
      }
    }
  });

  it("records forward differences that overshoot the analytic derivative by h·(∂ŷ/∂w)², the curvature term", () => {
    const h = 0.01;
    const r = run({ model: id, lr: 1e-5, epochs: 1, gradient: "analytic", h });
    const dPred = new Float64Array(model.weights.length);
    for (const row of r.rows!) {
      if (id === "two-relu" && Math.abs(row.hidden!) < 0.1) continue;
      if (row.layer && row.layer.z.some((z) => Math.abs(z) < 0.1)) continue;
      model.predGrad(
        Float64Array.from(model.weights, (n) => row.weights[n]),
        row.x,
        dPred
      );
      for (const [i, n] of model.weights.entries()) {
        const want = row.analytic[n] + h * dPred[i] ** 2;
        expect(Math.abs(row.forward[n] - want) / Math.max(1, Math.abs(want))).toBeLessThan(
          EXACT_TOLERANCE
        );
      }
    }
  });
});

describe("two-relu at the kink", () => {
  it("gives a, b and c derivative 0 when a·x + b ≤ 0, including exactly 0", () => {
    const out = new Float64Array(4);
    for (const [a, b] of [
      [1, -14],
      [-1, 3],
    ]) {
      const w = Float64Array.from([a, b, 2, 0.5]);
      MODELS["two-relu"].lossGrad(w, 14, 100, MODELS["two-relu"].predict(w, 14), out);
      expect([out[0], out[1], out[2]].map((v) => v + 0)).toEqual([0, 0, 0]); // + 0 turns −0 (g·0 with g < 0) into 0
      expect(out[3]).toBe(2 * (0.5 - 100));
    }
  });
});
