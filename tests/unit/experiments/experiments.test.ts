import { describe, expect, it } from "vitest";
import { compare, logSpace, resolveConfig, sweep, train, ConfigError } from "../../../src/core";

describe("logSpace", () => {
  it("spaces values evenly in log10, ends included", () => {
    expect(logSpace(1e-5, 1e-2, 4)).toEqual([1e-5, 1e-4, 1e-3, 1e-2]);
    expect(logSpace(0.5, 0.5, 1)).toEqual([0.5]);
  });

  it("rejects a range that is not positive and increasing", () => {
    expect(() => logSpace(0, 1, 3)).toThrow(ConfigError);
    expect(() => logSpace(1, 0.1, 3)).toThrow(ConfigError);
  });
});

describe("sweep", () => {
  const forum = { model: "two-linear", gradient: "forward", epochs: 3 } as const;

  it("gives each rate exactly what a single run at that rate gives", () => {
    const s = sweep(forum, [1e-5, 1e-4]);
    for (const run of s.runs) {
      const single = train(resolveConfig({ ...forum, lr: run.lr }), { rows: false });
      expect(run.epochs).toEqual(single.epochs);
      expect(run.divergence).toEqual(single.divergence);
    }
  });

  it("finds the largest stable rate: the 2-neuron model survives 1e-5 but not graddesc's 1e-4", () => {
    const s = sweep(forum, logSpace(1e-6, 1e-3, 4));
    expect(s.runs.map((r) => r.divergence === null)).toEqual([true, true, false, false]);
    expect(s.largestStable).toBe(1e-5);
  });

  it("says null when every rate diverges", () => {
    expect(sweep(forum, [1e-3, 1e-2]).largestStable).toBeNull();
  });
});

describe("compare", () => {
  it("runs every model on the same data, weights and rate", () => {
    const c = compare({ lr: 1e-5, epochs: 2 }, ["linear", "two-linear", "two-relu"]);
    expect(c.runs.map((r) => r.model)).toEqual(["linear", "two-linear", "two-relu"]);
    expect(Object.keys(c.runs[0].epochs[1].weights)).toEqual(["a", "b"]);
    expect(Object.keys(c.runs[1].epochs[1].weights)).toEqual(["a", "b", "c", "d"]);
  });

  it("collapses the linear 2-neuron model to one line ŷ = (a·c)·x + (c·b + d)", () => {
    const c = compare({ lr: 1e-5, epochs: 5 }, ["two-linear"]);
    const w = c.runs[0].epochs[4].weights;
    const { slope, intercept } = c.runs[0].collapsed!;
    for (const x of [-3, 0, 14, 99])
      expect(slope * x + intercept).toBeCloseTo(w.c * (w.a * x + w.b) + w.d, 9);
    // the same function class as one neuron: the slope is learnt, the intercept still crawls towards 30
    expect(slope).toBeGreaterThan(1.5);
    expect(intercept).toBeLessThan(30);
  });

  it("keeps only the initial weights a model has", () => {
    const c = compare({ init: { a: 0.5, c: 2 }, epochs: 1 }, ["linear", "two-relu"]);
    expect(c.runs).toHaveLength(2);
  });

  it("rejects an unknown model with one sentence", () => {
    expect(() => compare({}, ["three-layer" as never])).toThrow(/Unknown model "three-layer"/);
  });
});
