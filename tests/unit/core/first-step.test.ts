/**
 * First steps computed by hand from the formulas, per model and per optimizer (x = 14, y = 58,
 * the first row of graddesc's data), compared with the core's first row.
 */
import { describe, expect, it } from "vitest";
import { run } from "./helpers";

const TOL = 1e-12;
const LR = 1e-4;
const ROW = [{ x: 14, y: 58 }];

/** Hand-derived ∂L/∂w at x = 14, y = 58 (see each line's derivation). */
const GRADIENTS = {
  // ŷ = 1·14 + 1 = 15; g = 2(15 − 58) = −86; ∂a = g·x = −1204; ∂b = g = −86
  linear: { init: { a: 1, b: 1 }, grad: { a: -1204, b: -86 } },
  // z = 14 + 1 = 15, ŷ = 1·15 + 1 = 16; g = 2(16 − 58) = −84; ∂d = g; ∂c = g·z = −1260; ∂b = g·c = −84; ∂a = g·c·x = −1176
  "two-linear": { init: { a: 1, b: 1, c: 1, d: 1 }, grad: { a: -1176, b: -84, c: -1260, d: -84 } },
  // z = 0.5·14 − 2 = 5 > 0, ŷ = 3·5 + 1 = 16; g = −84; ∂d = −84; ∂c = −84·5 = −420; ∂b = −84·3 = −252; ∂a = −252·14 = −3528
  "two-relu": { init: { a: 0.5, b: -2, c: 3, d: 1 }, grad: { a: -3528, b: -252, c: -420, d: -84 } },
} as const;

type Case = { init: Record<string, number>; grad: Record<string, number> };

/** Each optimizer's first update from a zero state, as the textbook formula with t = 1. */
const UPDATES: Record<string, (w: number, g: number) => number> = {
  sgd: (w, g) => w - LR * g,
  momentum: (w, g) => w - LR * (0.1 * g), // v = 0.9·0 + 0.1·g
  rmsprop: (w, g) => w - (LR * g) / (Math.sqrt(0.1 * g * g) + 1e-8), // s = 0.1·g²
  adam: (w, g) => w - (LR * g) / (Math.abs(g) + 1e-8), // m̂ = (0.1g)/0.1 = g, v̂ = (0.001g²)/0.001 = g²
};

describe.each(Object.entries(GRADIENTS))("the first step of %s", (model, c: Case) => {
  it("has the hand-computed analytic gradient", () => {
    const r = run({ model, lr: LR, data: ROW, init: c.init }).rows![0];
    expect(r.analytic).toEqual(c.grad);
  });

  it.each(Object.keys(UPDATES))("updates every weight as %s's formula says", (optimizer) => {
    const r = run({ model, optimizer, lr: LR, data: ROW, init: c.init }).rows![0];
    for (const [n, g] of Object.entries(c.grad)) {
      const want = UPDATES[optimizer](c.init[n], g);
      expect(Math.abs(r.newWeights[n] - want)).toBeLessThan(TOL * Math.max(1, Math.abs(want)));
    }
  });
});

describe("the first step with forward differences", () => {
  it("uses graddesc's H4 and J4 (−85.99, −1202.04): new a = 1 + 1e-4·1202.04", () => {
    const r = run({ gradient: "forward", lr: LR, data: ROW, init: 1 }).rows![0];
    expect(r.grad.a).toBeCloseTo(-1202.04, 9);
    expect(r.newWeights.a).toBeCloseTo(1.120204, 12);
    expect(r.newWeights.b).toBeCloseTo(1.008599, 12);
  });
});

describe("two-relu when the first neuron is off (a·x + b < 0)", () => {
  it("moves only d: z = −14 + 1 = −13, ŷ = d = 1, g = 2(1 − 58) = −114, new d = 1 + 1e-4·114", () => {
    const r = run({ model: "two-relu", lr: LR, data: ROW, init: { a: -1 } }).rows![0];
    expect(Object.values(r.analytic).map((v) => v + 0)).toEqual([0, 0, 0, -114]); // + 0: ∂c is g·0 = −0
    expect(r.forward).toEqual({ a: 0, b: 0, c: 0, d: expect.closeTo(-113.99, 9) });
    expect(r.newWeights).toEqual({ a: -1, b: 1, c: 1, d: expect.closeTo(1.0114, 14) });
  });
});

describe("Adam's first step", () => {
  it("has size ≈ lr for every weight with bias correction, whatever the gradient's size", () => {
    for (const lr of [1e-4, 0.1, 1]) {
      const r = run({
        model: "two-linear",
        optimizer: "adam",
        lr,
        init: { a: 0.3, b: -2, c: 5, d: 7 },
      }).rows![0];
      for (const n of ["a", "b", "c", "d"])
        expect(Math.abs(r.newWeights[n] - r.weights[n]) / lr).toBeCloseTo(1, 6);
    }
  });

  it("has size lr·√(1 − β2)/(1 − β1) = lr·√0.1 without bias correction and ε, as graddesc's sheet (β1 = β2 = 0.9)", () => {
    const r = run({
      optimizer: "adam",
      lr: 1,
      beta: 0.9,
      beta2: 0.9,
      eps: 0,
      biasCorrection: false,
      data: ROW,
    }).rows![0];
    expect(r.newWeights.a - 1).toBeCloseTo(Math.sqrt(0.1) * 1, 12); // 0.1·g / √(0.1·g²) = √0.1
    expect(r.newWeights.b - 1).toBeCloseTo(Math.sqrt(0.1) * 1, 12);
  });
});
