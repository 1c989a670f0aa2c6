/**
 * Mini-batches from first principles: a row is still one example; the weights stay fixed within a
 * batch; the batch's last row (or the epoch's last row) updates with the mean of the batch's
 * gradients, summed left to right; the optimizer's t counts updates; state changes only there.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, train, type RunOptions } from "../../../src/core";
import { GRADDESC_ROWS, run } from "./helpers";

const SMALL = [
  { x: 1, y: 3 },
  { x: 2, y: 5 },
  { x: 3, y: 7 },
];

describe("the batch setting", () => {
  it("defaults to 1, and a batch of 1 updates on every row with no batch bookkeeping recorded", () => {
    const r = run({ model: "two-relu", epochs: 2 });
    expect(r.config.batchSize).toBe(1);
    for (const row of r.rows!) expect(row.batch).toBeUndefined();
    expect(run({ model: "two-relu", epochs: 2, batch: 1 })).toEqual(r);
  });

  it.each([0, 30, 2.5, -1, "four", ""])(
    "rejects %j for 29 rows with a ConfigError naming the batch",
    (batch) => {
      const bad = () => resolveConfig({ batch } as RunOptions);
      expect(bad).toThrow(ConfigError);
      expect(bad).toThrow(/batch size must be a whole number from 1 to 29/);
    }
  );

  it("accepts every whole number up to the rows of an epoch, also as text", () => {
    expect(resolveConfig({ batch: 29 }).batchSize).toBe(29);
    expect(resolveConfig({ batch: "4" }).batchSize).toBe(4);
  });
});

describe("a mini-batch run", () => {
  it("computes the first update by hand: batch 2 of y = 2x + 1 from a = b = 1, lr 0.1", () => {
    const r = run({ data: SMALL, batch: 2, lr: 0.1 });
    const [r1, r2, r3] = r.rows!;
    // row 1: ŷ = 2, de/db = 2·(2 − 3) = −2, de/da = −2; row 2: ŷ = 3, de/db = −4, de/da = −8
    expect(r1.newWeights).toEqual({ a: 1, b: 1 });
    expect(r2.weights).toEqual({ a: 1, b: 1 });
    expect(r2.batch!.sum).toEqual({ a: -10, b: -6 });
    // mean (−5, −3): a = 1 − 0.1·(−5) = 1.5, b = 1 − 0.1·(−3) = 1.3
    expect(r2.newWeights.a).toBe(1.5);
    expect(r2.newWeights.b).toBeCloseTo(1.3, 15);
    // row 3 is a batch of one (the epoch's last row): ŷ = 5.8, de/db = −2.4, de/da = −7.2
    expect(r3.batch).toMatchObject({ count: 1, update: true, t: 2 });
    expect(r3.newWeights.a).toBeCloseTo(2.22, 14);
    expect(r3.newWeights.b).toBeCloseTo(1.54, 14);
  });

  it("with the batch as large as the data is full-batch gradient descent: one update per epoch with the mean gradient", () => {
    const r = run({ batch: 29, epochs: 2, lr: 1e-4 });
    let ga = 0;
    let gb = 0;
    GRADDESC_ROWS.forEach((p, i) => {
      const d = 2 * (1 * p.x + 1 - p.y);
      ga = i === 0 ? d * p.x : ga + d * p.x;
      gb = i === 0 ? d : gb + d;
    });
    const a = 1 - 1e-4 * (ga / 29);
    const b = 1 - 1e-4 * (gb / 29);
    r.rows!.slice(0, 29).forEach((row) => expect(row.weights).toEqual({ a: 1, b: 1 }));
    expect(r.epochs[0].weights).toEqual({ a, b });
    expect(r.rows![29].weights).toEqual({ a, b });
    expect(r.rows!.filter((row) => row.batch!.update).map((row) => row.step)).toEqual([29, 58]);
  });

  it("sums each batch's gradients left to right and restarts the sum with every batch and every epoch", () => {
    const r = run({ model: "two-relu", gradient: "central", batch: 5, epochs: 2, lr: 1e-5 });
    let sum = 0;
    for (const row of r.rows!) {
      sum = row.batch!.count === 1 ? row.grad.c : sum + row.grad.c;
      expect(row.batch!.sum.c).toBe(sum);
      expect(row.batch!.count).toBe(((row.row - 1) % 5) + 1);
      expect(row.batch!.update).toBe(row.row % 5 === 0 || row.row === 29);
    }
  });

  it("keeps the weights and the optimizer state fixed on rows that do not update", () => {
    const r = run({ model: "two-linear", optimizer: "adam", lr: 0.01, batch: 4, epochs: 2 });
    const rows = r.rows!;
    rows.forEach((row, i) => {
      if (row.batch!.update) return;
      expect(row.newWeights).toEqual(row.weights);
      expect(row.state).toEqual(
        i === 0
          ? { m_a: 0, m_b: 0, m_c: 0, m_d: 0, v_a: 0, v_b: 0, v_c: 0, v_d: 0 }
          : rows[i - 1].state
      );
    });
  });

  it("counts the optimizer's t in updates: Adam's first bias-corrected step on row 4 moves every weight by lr·g/(|g| + ε)", () => {
    const r = run({ optimizer: "adam", lr: 0.01, batch: 4 });
    const row = r.rows![3];
    expect(row.batch).toMatchObject({ update: true, t: 1 });
    for (const w of ["a", "b"]) {
      const g = row.batch!.sum[w] / 4;
      // t = 1: m̂ = g and v̂ = g² exactly as the optimizer computes them
      const m = 0.9 * 0 + (1 - 0.9) * g;
      const v = 0.999 * 0 + (1 - 0.999) * (g * g);
      const step = (0.01 * (m / (1 - 0.9))) / (Math.sqrt(v / (1 - 0.999)) + 1e-8);
      expect(row.newWeights[w]).toBe(1 - step);
      expect(Math.abs(1 - row.newWeights[w])).toBeCloseTo(0.01, 6);
    }
    expect(r.rows![4].batch!.t).toBe(2);
  });

  it("gives the same epochs whether or not rows are recorded", () => {
    const config = resolveConfig({
      model: "two-relu",
      optimizer: "momentum",
      lr: 1e-5,
      batch: 7,
      epochs: 3,
      shuffleSeed: 3,
    });
    const full = train(config, { rows: true });
    const summary = train(config, { rows: false });
    expect(summary.epochs).toEqual(full.epochs);
    expect(summary.divergence).toEqual(full.divergence);
  });

  it("averaging over a batch tames the 2-neuron model: lr 1e-4 explodes at batch 1 but not at batch 29", () => {
    expect(run({ model: "two-linear", lr: 1e-4, gradient: "forward" }).divergence).not.toBeNull();
    expect(
      run({ model: "two-linear", lr: 1e-4, gradient: "forward", batch: 29 }).divergence
    ).toBeNull();
  });
});
