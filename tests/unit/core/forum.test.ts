/**
 * The forum's 2-neuron questions (reference/forum-live-coding-16.txt), answered by the engine:
 * graddesc's data, all weights 1, lr 1e-4, forward differences with h = 0.01, SGD.
 */
import { describe, expect, it } from "vitest";
import { MODELS, rng } from "../../../src/core";
import { run } from "./helpers";

const FORUM = { optimizer: "sgd", gradient: "forward", h: 0.01, init: 1, epochs: 1 } as const;

describe("two-linear, y = c·(a·x + b) + d, at the 1-neuron rate 1e-4", () => {
  const r = run({ ...FORUM, model: "two-linear", lr: 1e-4 });
  const rows = r.rows!;

  it("explodes near the end of epoch 1: divergence at row 27, right after the x = 99 and x = 70 rows", () => {
    expect(r.divergence).toMatchObject({ epoch: 1, row: 27, step: 27, quantity: "error" });
    expect([rows[24].x, rows[25].x]).toEqual([99, 70]);
    expect(rows.slice(0, 26).every((row) => row.error < 1e7)).toBe(true);
    expect(rows[26].error).toBeGreaterThan(1e11);
  });

  it("explodes because each big-x step overshoots more than the last (the error grows ×10 and more per row from row 25)", () => {
    expect(rows[24].error).toBeGreaterThan(3e4);
    expect(rows[25].error / rows[24].error).toBeGreaterThan(10);
    expect(rows[26].error / rows[25].error).toBeGreaterThan(1e4);
    expect(r.epochs[0].rootSse).toBeGreaterThan(1e30);
  });

  it("does not explode at lr 1e-5, and its epoch-1 error is then in the 1-neuron model's range", () => {
    const slow = run({ ...FORUM, model: "two-linear", lr: 1e-5 });
    expect(slow.divergence).toBeNull();
    expect(slow.epochs[0].rootSse).toBeLessThan(200);
  });
});

describe("two-relu, y = c·max(0, a·x + b) + d, at 1e-4", () => {
  const r = run({ ...FORUM, model: "two-relu", lr: 1e-4 });
  const rows = r.rows!;
  const one = run({ ...FORUM, model: "linear", lr: 1e-4 });

  it("does not explode", () => {
    expect(r.divergence).toBeNull();
  });

  it("stops learning a, b and c: their derivatives are exactly 0 on the last rows because a·x + b < 0", () => {
    const dead = rows.filter((row) => row.hidden! < 0);
    expect(dead.map((row) => row.row)).toEqual([26, 27, 28, 29]);
    for (const row of dead) {
      expect([row.forward.a, row.forward.b, row.forward.c]).toEqual([0, 0, 0]);
      expect([row.newWeights.a, row.newWeights.b, row.newWeights.c]).toEqual([
        row.weights.a,
        row.weights.b,
        row.weights.c,
      ]);
      expect(row.forward.d).not.toBe(0);
    }
  });

  it("stays dead in later epochs: a·x + b < 0 for every x > 0 once a < 0 and b < −a·1, so only d moves", () => {
    const later = run({ ...FORUM, model: "two-relu", lr: 1e-4, epochs: 3 });
    const [, e2, e3] = later.epochs;
    expect(e3.weights.a).toBe(e2.weights.a);
    expect(e3.weights.b).toBe(e2.weights.b);
    expect(e3.weights.c).toBe(e2.weights.c);
    expect(e3.weights.d).not.toBe(e2.weights.d);
  });

  it("is far worse than the 1-neuron model: epoch-1 √SSE 419 against 150.7", () => {
    expect(r.epochs[0].rootSse).toBeCloseTo(419.216, 3);
    expect(one.epochs[0].rootSse).toBeCloseTo(150.702, 3);
    expect(r.epochs[0].rootSse).toBeGreaterThan(2.5 * one.epochs[0].rootSse);
  });

  it("matches two-linear exactly until the neuron switches off, since max(0, z) = z while z > 0", () => {
    const lin = run({ ...FORUM, model: "two-linear", lr: 1e-4 }).rows!;
    for (let i = 0; i < 25; i++) expect(rows[i].newWeights).toEqual(lin[i].newWeights);
  });
});

describe("two-linear without ReLU", () => {
  it("collapses to one linear function: c·(a·x + b) + d = (a·c)·x + (c·b + d) at seeded points", () => {
    const next = rng(7);
    for (let i = 0; i < 100; i++) {
      const [a, b, c, d, x] = Array.from({ length: 5 }, () => 20 * next() - 10);
      const got = MODELS["two-linear"].predict(Float64Array.from([a, b, c, d]), x);
      expect(got).toBeCloseTo(a * c * x + (c * b + d), 9);
    }
  });

  it("fits the same lines as one neuron, with its own gradient path: at lr 1e-5 the effective slope a·c heads for 2", () => {
    const r = run({ ...FORUM, model: "two-linear", lr: 1e-5, epochs: 20 });
    const w = r.epochs[19].weights;
    expect(r.divergence).toBeNull();
    expect(Math.abs(w.a * w.c - 2)).toBeLessThan(Math.abs(1 * 1 - 2));
  });
});
