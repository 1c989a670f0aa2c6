/**
 * Wider networks from first principles: ŷ = Σ_j c_j·max(0, a_j·x + b_j) + d (summed left to right,
 * then + d), its chain rule by hand, symmetric starts that never break, the seeded default start,
 * and the forum's question — does a wider ReLU layer train more easily than one neuron on
 * graddesc's data? — answered by what the engine shows across seeds.
 */
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  deadRelu,
  landscapeWeights,
  MODELS,
  resolveConfig,
  rng,
  stabilityK,
  wideInit,
  WIDE_MODEL_IDS,
  type ModelId,
  type Weights,
} from "../../../src/core";
import { run } from "./helpers";

const relu2 = MODELS["relu-2"];
/** a1 = 1, a2 = −1, b1 = −10, b2 = 5, c1 = 2, c2 = 3, d = 0.5 */
const W = Float64Array.of(1, -1, -10, 5, 2, 3, 0.5);

describe("the wide ReLU models", () => {
  it("are relu-2 … relu-8 with weights a1 … an, b1 … bn, c1 … cn, d; two-relu stays the one-neuron a, b, c, d", () => {
    expect(WIDE_MODEL_IDS).toEqual([
      "relu-2",
      "relu-3",
      "relu-4",
      "relu-5",
      "relu-6",
      "relu-7",
      "relu-8",
    ]);
    expect(relu2.weights).toEqual(["a1", "a2", "b1", "b2", "c1", "c2", "d"]);
    expect(MODELS["relu-8"].weights).toHaveLength(25);
    expect(MODELS["relu-8"].width).toBe(8);
    expect(MODELS["two-relu"].weights).toEqual(["a", "b", "c", "d"]);
  });

  it("predicts by hand: at x = 4 only neuron 2 is on (z = −6, 1), at x = 20 only neuron 1 (z = 10, −15)", () => {
    expect(relu2.predict(W, 4)).toBe(0 + 3 * 1 + 0.5);
    expect(relu2.predict(W, 20)).toBe(2 * 10 + 0 + 0.5);
  });

  it("follows the chain rule by hand: at x = 4, y = 0, g = 7 and the dead neuron 1 gets exactly 0", () => {
    const out = new Float64Array(7);
    relu2.lossGrad(W, 4, 0, relu2.predict(W, 4), out);
    // a1, a2, b1, b2, c1, c2, d: de/dd = g; de/dc_j = g·max(0, z_j); de/db_j = g·c_j if z_j > 0; de/da_j = de/db_j·x
    expect(Array.from(out, (v) => v + 0)).toEqual([0, 84, 0, 21, 0, 7, 7]);
    const gp = new Float64Array(7);
    relu2.predGrad(W, 4, gp);
    expect(Array.from(gp, (v) => v + 0)).toEqual([0, 3 * 4, 0, 3, 0, 1, 1]);
  });

  it("is the one-neuron two-relu model bit for bit when the second neuron's c2 is 0", () => {
    const next = rng(5);
    for (let i = 0; i < 200; i++) {
      const [a, b, c, d, a2, b2] = Array.from({ length: 6 }, () => 6 * next() - 3);
      const x = 200 * next() - 100;
      const wide = Float64Array.of(a, a2, b, b2, c, 0, d);
      const one = Float64Array.of(a, b, c, d);
      expect(relu2.predict(wide, x)).toBe(MODELS["two-relu"].predict(one, x));
    }
  });

  it("keeps an overflowed z NaN (the sheet's #NUM!), not a dead neuron with derivative 0", () => {
    const w = Float64Array.of(1e308, 1, 0, 0, 1, 1, 0);
    const out = new Float64Array(7);
    expect(relu2.predict(w, 10)).toBeNaN();
    relu2.lossGrad(w, 10, 0, 5, out);
    expect(out[2]).toBeNaN();
    expect(out[0]).toBeNaN();
    expect(out[3]).toBe(10); // neuron 2 (z = 1) is unaffected: g·c2 with g = 2·(5 − 0)
  });

  it("picks a1 and c1 for the loss landscape", () =>
    expect(landscapeWeights("relu-4")).toEqual(["a1", "c1"]));
});

describe("the initial weights of a wide layer", () => {
  it("are drawn from a seed by default: a_j, b_j, c_j in [−1, 1] to 3 decimals, d = 1, every neuron different", () => {
    const init = resolveConfig({ model: "relu-8" }).init;
    expect(init).toEqual(wideInit(8, 1));
    expect(init.d).toBe(1);
    for (const [n, v] of Object.entries(init)) {
      if (n === "d") continue;
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(Math.round(v * 1000) / 1000).toBe(v);
      expect(Object.is(v, -0)).toBe(false);
    }
    expect(
      new Set(
        [1, 2, 3, 4, 5, 6, 7, 8].map((j) => `${init[`a${j}`]},${init[`b${j}`]},${init[`c${j}`]}`)
      ).size
    ).toBe(8);
  });

  it("repeat with the same init seed and change with another; --init still sets them", () => {
    expect(resolveConfig({ model: "relu-3", initSeed: 9 }).init).toEqual(
      resolveConfig({ model: "relu-3", initSeed: "9" }).init
    );
    expect(resolveConfig({ model: "relu-3", initSeed: 9 }).init).not.toEqual(
      resolveConfig({ model: "relu-3", initSeed: 10 }).init
    );
    expect(
      Object.values(resolveConfig({ model: "relu-3", init: 1 }).init).every((v) => v === 1)
    ).toBe(true);
    const some = resolveConfig({ model: "relu-3", init: { a1: 0.5 } }).init;
    expect(some).toEqual({ ...wideInit(3, 1), a1: 0.5 });
    expect(() => resolveConfig({ model: "relu-3", initSeed: -1 })).toThrow(ConfigError);
    expect(() => resolveConfig({ model: "relu-3", init: { a: 1 } })).toThrow(/no weight "a"/);
  });

  it("must differ: from equal weights every neuron gets the same gradient and stays identical on every row", () => {
    const r = run({ model: "relu-4", init: 1, lr: 1e-5, epochs: 3 });
    for (const row of r.rows!)
      for (const p of ["a", "b", "c"])
        for (const j of [2, 3, 4]) expect(row.newWeights[`${p}${j}`]).toBe(row.newWeights[`${p}1`]);
  });
});

describe("the diagnostics of a wide layer", () => {
  it("count a row as dead only when every neuron is: at lr 1e-4 the whole layer dies within epoch 1 and only d learns", () => {
    const r = run({ model: "relu-4", lr: 1e-4, epochs: 3 });
    const dead = deadRelu(r)!;
    expect(dead.deadFrom).not.toBeNull();
    expect(dead.deadFrom!).toBeLessThanOrEqual(29);
    expect(dead.epochs[2].deadRows).toBe(29);
    expect(dead.text).toMatch(/every one of the 4 neurons/);
    const alive = deadRelu(run({ model: "relu-4", lr: 1e-5, epochs: 1 }))!;
    expect(alive.deadFrom).toBeNull();
  });

  it("give k = 2·lr·‖∇ŷ‖² over all 3n + 1 weights", () => {
    const r = run({ model: "relu-2", lr: 1e-5 });
    const row = r.rows![0];
    const gp = new Float64Array(7);
    relu2.predGrad(
      Float64Array.from(relu2.weights, (n) => row.weights[n]),
      row.x,
      gp
    );
    let s = 0;
    gp.forEach((v, i) => (s = i === 0 ? v * v : s + v * v));
    expect(stabilityK(r, row)).toBe(2 * 1e-5 * s);
  });
});

/** One run of an n-neuron layer from seed `seed`'s drawn weights (n = 1: two-relu with the same draw). */
function seeded(n: number, seed: number, lr: number) {
  const w = wideInit(n, seed);
  const model = (n === 1 ? "two-relu" : `relu-${n}`) as ModelId;
  const init: Weights = n === 1 ? { a: w.a1, b: w.b1, c: w.c1, d: w.d } : w;
  return run({ model, init, lr, epochs: 20 });
}

/** Over seeds 1 … 30: runs that end with every row of the last epoch dead, and the median final √SSE. */
function survey(n: number, lr: number) {
  let dead = 0;
  const roots: number[] = [];
  for (let seed = 1; seed <= 30; seed++) {
    const r = seeded(n, seed, lr);
    if (deadRelu(r)!.epochs[19].deadRows === 29) dead++;
    roots.push(r.epochs[19].rootSse);
  }
  roots.sort((a, b) => a - b);
  return { dead, median: (roots[14] + roots[15]) / 2 };
}

describe("the forum's question: does a wider ReLU layer train more easily on graddesc's data?", () => {
  const slow = [1, 2, 4, 8].map((n) => ({ n, ...survey(n, 1e-5) }));

  it("at lr 1e-5, fewer runs end dead as the layer widens (a run dies only when every neuron does), and none with 8 neurons", () => {
    const dead = slow.map((s) => s.dead);
    expect(dead[0]).toBeGreaterThan(dead[1]);
    expect(dead[1]).toBeGreaterThan(dead[2]);
    expect(dead[2]).toBeGreaterThanOrEqual(dead[3]);
    expect(dead[3]).toBe(0);
    expect(dead[0]).toBeGreaterThanOrEqual(10); // a third or more of the one-neuron starts die
  });

  it("at lr 1e-5, the typical wide run fits far better: median √SSE after 20 epochs below a fifth of one neuron's", () => {
    for (const s of slow.slice(1)) expect(s.median).toBeLessThan(slow[0].median / 5);
  });

  it("at lr 1e-4, width does not help: a large-x step pushes every neuron below 0 and every run ends dead, predicting a constant", () => {
    for (const n of [1, 2, 8]) expect(survey(n, 1e-4).dead).toBe(30);
  });
});
