/**
 * Divergence is data: the run reports the first row where the squared error passes the bound or a
 * weight stops being finite, and goes on with the same formulas. A value that overflows becomes
 * NaN and stays NaN (as an Excel #NUM! propagates); finite values past the bound go on as numbers.
 */
import { describe, expect, it } from "vitest";
import { defaultDivergenceBound, resolveConfig, train } from "../../../src/core";
import { run } from "./helpers";

describe("divergence", () => {
  it("is null for graddesc's run", () => {
    expect(run({ epochs: 5 }).divergence).toBeNull();
  });

  it("reports the first row whose squared error passes the bound: epoch, row, step, quantity, value, reason", () => {
    const r = run({ lr: 0.01, epochs: 3 });
    const bound = defaultDivergenceBound(r.config.data);
    expect(bound).toBe(1e6 * 228 ** 2);
    const first = r.rows!.findIndex((row) => row.error > bound);
    expect(r.divergence).toEqual({
      epoch: 1,
      row: first + 1,
      step: first + 1,
      quantity: "error",
      value: r.rows![first].error,
      reason: expect.stringMatching(
        /^The squared error passed the divergence bound .* at step 4\.$/
      ),
    });
    expect(r.divergence!.row).toBe(4);
  });

  it("uses a bound given in the config", () => {
    const r = run({ epochs: 1, divergenceBound: 1000 });
    expect(r.divergence).toMatchObject({ epoch: 1, row: 1, quantity: "error", value: 1849 });
  });

  it("goes on after it: values that overflow become NaN and stay NaN, without throwing", () => {
    const r = run({ lr: 0.01, epochs: 10 });
    const sse = r.epochs.map((e) => e.sse);
    const firstNaN = sse.findIndex(Number.isNaN);
    expect(firstNaN).toBeGreaterThan(0);
    expect(sse.slice(firstNaN).every(Number.isNaN)).toBe(true);
    const rows = r.rows!;
    const weightNaN = rows.findIndex((row) => Number.isNaN(row.newWeights.a));
    expect(weightNaN).toBeGreaterThan(0);
    for (const row of rows.slice(weightNaN + 1)) {
      expect(row.weights.a).toBeNaN();
      expect(row.pred).toBeNaN();
      expect(row.error).toBeNaN();
    }
    expect(r.epochs[9].weights.a).toBeNaN();
    expect(r.rows!.some((row) => row.error === Infinity || row.pred === Infinity)).toBe(false);
  });

  it("reports a weight that overflows on a row whose error was still within the bound", () => {
    const r = run({
      lr: 1e300,
      epochs: 1,
      data: [{ x: 1e10, y: 0 }],
      divergenceBound: 1e308,
      init: 1,
    });
    expect(r.divergence).toMatchObject({
      row: 1,
      quantity: "weight a",
      reason: expect.stringContaining("overflowed"),
    });
    expect(r.divergence!.value).toBeNaN();
  });

  it("is the same in summary-only mode", () => {
    const config = resolveConfig({ lr: 0.01, epochs: 10 });
    expect(train(config, { rows: false }).divergence).toEqual(train(config).divergence);
  });

  it("with forward differences can freeze huge weights instead: w + h rounds to w, so the difference is exactly 0", () => {
    // the 2-neuron forum run: after the explosion a ≈ 7.4e15, where the spacing of doubles is 1 > h = 0.01
    const r = run({ model: "two-linear", gradient: "forward", epochs: 2 });
    const last = r.rows!.at(-1)!;
    expect(Math.abs(last.weights.a)).toBeGreaterThan(1e15);
    expect(last.weights.a + 0.01).toBe(last.weights.a);
    expect(last.forward).toEqual({ a: 0, b: 0, c: 0, d: 0 });
    expect(r.epochs[1].weights).toEqual(r.epochs[0].weights);
  });
});
