import { describe, expect, it } from "vitest";
import {
  GRADDESC_X,
  deadRelu,
  derivativeCheck,
  explainDivergence,
  relativeError,
  resolveConfig,
  stabilityK,
  train,
  type RunOptions,
} from "../../../src/core";

const forum: RunOptions = { lr: 1e-4, gradient: "forward", h: 0.01, init: 1, epochs: 1 };

describe("stabilityK", () => {
  it("is 2·lr·(x² + 1) for one neuron under SGD, whatever the weights", () => {
    const r = train(resolveConfig({ model: "linear", epochs: 1 }));
    for (const row of r.rows!.slice(0, 5))
      expect(stabilityK(r, row)).toBeCloseTo(2 * 1e-4 * (row.x * row.x + 1), 15);
  });

  it("is 2·lr·(c²(x² + 1) + (a·x + b)² + 1) for two stacked neurons, about twice the one-neuron value at weights 1", () => {
    const r = train(resolveConfig({ ...forum, model: "two-linear" }));
    const row = r.rows![1]; // x = 86, weights already moved by step 1
    const { a, b, c } = row.weights;
    const expected = 2 * 1e-4 * (c * c * (row.x * row.x + 1) + (a * row.x + b) ** 2 + 1);
    expect(stabilityK(r, row)).toBeCloseTo(expected, 12);
    const first = r.rows![0];
    expect(stabilityK(r, first) / (2 * 1e-4 * (14 * 14 + 1))).toBeCloseTo(
      (196 + 1 + 15 * 15 + 1) / 197,
      12
    );
  });

  it("puts the one-neuron model below 2 on every graddesc row at lr 1e-4 (x ≤ 99 gives k ≤ 1.96)", () => {
    const r = train(resolveConfig({ epochs: 1 }));
    expect(Math.max(...r.rows!.map((row) => stabilityK(r, row)))).toBeLessThan(2);
  });

  it("divides by √s + ε for RMSProp: the effective rate shrinks where gradients are large", () => {
    const r = train(resolveConfig({ optimizer: "rmsprop", lr: 0.01, epochs: 1 }));
    const row = r.rows![0];
    const s = row.state.s_a;
    const sb = row.state.s_b;
    const expected =
      2 * ((0.01 / (Math.sqrt(s) + 1e-8)) * row.x * row.x + 0.01 / (Math.sqrt(sb) + 1e-8));
    expect(stabilityK(r, row)).toBeCloseTo(expected, 12);
  });
});

describe("explainDivergence", () => {
  it("is null for a run that did not diverge", () => {
    expect(explainDivergence(train(resolveConfig({ epochs: 2 })))).toBeNull();
  });

  it("explains the forum's 2-neuron explosion: steps with k > 2 on large x overshoot and a weight runs away", () => {
    const r = train(resolveConfig({ ...forum, model: "two-linear" }));
    const e = explainDivergence(r)!;
    expect(e.step).toBe(27);
    expect(e.firstOvershoot!.x).toBe(86); // graddesc's second row, the first large x
    expect(e.firstOvershoot!.k).toBeGreaterThan(2);
    expect(Math.abs(e.to)).toBeGreaterThan(1e4);
    expect(e.text).toMatch(/step 27/);
    expect(e.text).toMatch(/k = 2·lr·‖∇ŷ‖²/);
  });
});

describe("deadRelu", () => {
  it("is null for models without a ReLU", () => {
    expect(deadRelu(train(resolveConfig({ epochs: 1 })))).toBeNull();
  });

  it("counts the rows where a, b and c get exactly zero derivative, and finds when the ReLU died for good", () => {
    const r = train(resolveConfig({ ...forum, model: "two-relu", epochs: 3 }));
    const d = deadRelu(r)!;
    expect(d.epochs.map((e) => e.rows)).toEqual([29, 29, 29]);
    expect(d.epochs[1].deadRows).toBe(29);
    expect(d.epochs[2].deadRows).toBe(29);
    expect(d.deadFrom).not.toBeNull();
    const row = r.rows![d.deadFrom! - 1];
    // dead because a·x + b ≤ 0 for every x from then on
    for (const later of r.rows!.slice(d.deadFrom! - 1))
      expect(later.weights.a * later.x + later.weights.b).toBeLessThanOrEqual(0);
    expect(row.analytic.d).not.toBe(0);
    expect(d.text).toMatch(/only d learns/);
  });
});

describe("derivativeCheck", () => {
  it("shows forward differences biased by about h·x² / |de/da| while central differences agree to rounding", () => {
    const r = train(resolveConfig({ epochs: 1, gradient: "analytic" }));
    const [a, b] = derivativeCheck(r);
    expect(a.weight).toBe("a");
    // forward bias on a: (h/2)·∂²L/∂a² = h·x²; row 1: 0.01·196 = 1.96 against |de/da| = 1204
    expect(relativeError(r.rows![0].forward.a, r.rows![0].analytic.a)).toBeCloseTo(1.96 / 1204, 10);
    expect(a.forward.max).toBeGreaterThan(1e-3);
    expect(a.central.max).toBeLessThan(1e-9);
    expect(b.central.max).toBeLessThan(1e-9);
  });

  it("uses graddesc's x values", () => {
    const r = train(resolveConfig({ epochs: 1 }));
    expect(r.rows!.map((row) => row.x)).toEqual(GRADDESC_X);
  });
});

describe("the run sheet's dead-ReLU count", () => {
  it("counts each epoch's dead rows by COUNTIFS, cached as the core counts them", async () => {
    const { buildRunSheet } = await import("../../../src/sheet");
    const r = train(resolveConfig({ ...forum, model: "two-relu", epochs: 3 }));
    const plan = buildRunSheet(r, { name: "Run" });
    const cells = plan.blocks
      .flatMap((b) => b.cells.flat())
      .filter((c) => c?.formula?.startsWith("=COUNTIFS("));
    expect(cells.map((c) => c!.cached)).toEqual(deadRelu(r)!.epochs.map((e) => e.deadRows));
  });
});
