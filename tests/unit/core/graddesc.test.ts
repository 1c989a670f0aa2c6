/**
 * graddesc's published numbers (reference/graddesc.md), reproduced by the core: the basic sheet's
 * cached cells, the macro's epoch log, and the momentum sheet's state.
 */
import { describe, expect, it } from "vitest";
import { GRADDESC_X } from "../../../src/core";
import { GRADDESC_ROWS, run } from "./helpers";

const BASIC = {
  model: "linear",
  optimizer: "sgd",
  lr: 1e-4,
  gradient: "analytic",
  init: 1,
} as const;

describe("graddesc's basic sheet (linear, SGD, lr 1e-4, a = b = 1, analytic update)", () => {
  const result = run({ ...BASIC, epochs: 1 });
  const rows = result.rows!;

  it("uses graddesc's 29 x values with y = 2x + 30 by default", () => {
    expect(result.config.data).toEqual(GRADDESC_ROWS);
    expect(GRADDESC_X.reduce((s, x) => s + x, 0)).toBe(1220);
  });

  it("gives √SSE 150.75521153771854 for epoch 1, bit for bit (cell F33)", () => {
    expect(result.epochs[0].rootSse).toBe(150.75521153771854);
    expect(Math.sqrt(result.epochs[0].sse)).toBe(150.75521153771854);
  });

  it("gives the true RMSE as √SSE / √29 = 27.99", () => {
    expect(result.epochs[0].rmse).toBeCloseTo(27.99, 2);
  });

  it("reproduces row 4's cells E4..N4", () => {
    const r = rows[0];
    expect(r.pred).toBe(15); // E4
    expect(r.error).toBe(1849); // F4
    expect(r.bumped.b).toBeCloseTo(1848.1401, 9); // G4
    expect(r.forward.b).toBeCloseTo(-85.99, 9); // H4
    expect(r.bumped.a).toBeCloseTo(1836.9796, 9); // I4
    expect(r.forward.a).toBeCloseTo(-1202.04, 9); // J4
    expect(r.analytic.b).toBe(-86); // K4
    expect(r.analytic.a).toBe(-1204); // L4
    expect(r.newWeights.a).toBeCloseTo(1.1204, 14); // M4
    expect(r.newWeights.b).toBeCloseTo(1.0086, 14); // N4
  });

  it("reproduces row 5: prediction 97.363, err² 10,948.90, de/da −17,997.56, new a 2.9202", () => {
    const r = rows[1];
    expect(r.pred).toBeCloseTo(97.363, 3);
    expect(r.error).toBeCloseTo(10948.9, 1);
    expect(r.analytic.a).toBeCloseTo(-17997.56, 2);
    expect(r.newWeights.a).toBeCloseTo(2.9202, 4);
  });

  it("reproduces row 32: weights used C32/D32 and the last update N32/M32", () => {
    const r = rows[28];
    expect(r.weights.b).toBeCloseTo(1.0666479742, 10);
    expect(r.weights.a).toBeCloseTo(2.5741401223, 10);
    expect(r.newWeights.b).toBeCloseTo(1.0715160204, 10);
    expect(r.newWeights.a).toBeCloseTo(2.613084492, 9);
    expect(result.epochs[0].weights).toEqual(r.newWeights);
  });

  it("reproduces K33 = √Σ(de/db)² = 2 × F33 and L33 = √Σ(de/da)² = 20,791.83", () => {
    const k33 = Math.sqrt(rows.reduce((s, r) => s + r.analytic.b ** 2, 0));
    const l33 = Math.sqrt(rows.reduce((s, r) => s + r.analytic.a ** 2, 0));
    expect(k33).toBeCloseTo(2 * 150.75521153771854, 9);
    expect(l33).toBeCloseTo(20791.83, 2);
  });

  it("carries the last update into epoch 2 (our convention), giving √SSE 105.663 (graddesc.md §9)", () => {
    expect(run({ ...BASIC, epochs: 2 }).epochs[1].rootSse).toBeCloseTo(105.663, 3);
  });

  it("reproduces graddesc's macro log bit for bit when each epoch restarts from the last row's weights used (the dropped-update quirk)", () => {
    // course-v3's log C38:C42, and its epoch-6 start weights C1/C2
    const log = [
      104.74921026693299, 104.55969980561993, 104.37053295106034, 104.18170833255277,
      103.99322533093216,
    ];
    let init: Record<string, number> = { a: 1, b: 1 };
    const got: number[] = [];
    let epoch6Start = init;
    for (let epoch = 1; epoch <= 6; epoch++) {
      if (epoch === 6) epoch6Start = init;
      const r = run({ ...BASIC, epochs: 1, init });
      if (epoch > 1) got.push(r.epochs[0].rootSse);
      init = r.rows![28].weights;
    }
    expect(got).toEqual(log); // bit for bit
    expect(epoch6Start.b).toBe(1.2754625002528799);
    expect(epoch6Start.a).toBe(2.5699964698075251);
  });
});

describe("graddesc's momentum sheet (v = 0.9·v + 0.1·g, w −= lr·v, lr 1e-4)", () => {
  const zero = run({ ...BASIC, optimizer: "momentum", beta: 0.9, epochs: 1 });

  it("gives √SSE 199.135 for a first epoch from a true zero state (graddesc.md §11)", () => {
    expect(zero.epochs[0].rootSse).toBeCloseTo(199.135, 3);
  });

  it("ends that epoch with momentum (−18.3339, 98.2458): the Reset state graddesc caches in J33/K33", () => {
    const last = zero.rows![28].state;
    expect(last.v_b).toBe(-18.333926690207889); // bit for bit
    expect(last.v_a).toBe(98.245830392128539);
  });

  it("follows the sheet's formulas row by row from zero, transcribed here (J = 0.9·J↑ + 0.1·F, H = C − J·lr)", () => {
    const sheet = momentumSheet(0, 0);
    zero.rows!.forEach((r, i) => {
      expect(r.error).toBeCloseTo(sheet.err[i], 9);
      expect(r.newWeights.b).toBeCloseTo(sheet.b[i], 12);
      expect(r.newWeights.a).toBeCloseTo(sheet.a[i], 12);
    });
  });

  it("has a transcription that reproduces graddesc's cached sheet from its Reset state (L33 200.96518460127609, H4/I4)", () => {
    const sheet = momentumSheet(-18.333926690207889, 98.245830392128539);
    expect(sheet.rootSse).toBeCloseTo(200.96518460127609, 9);
    expect(sheet.b[0]).toBeCloseTo(1.0025101, 7);
    expect(sheet.a[0]).toBeCloseTo(1.0031979, 7);
    expect(sheet.b[28]).toBeCloseTo(1.065116, 6);
    expect(sheet.a[28]).toBeCloseTo(2.1213332, 7);
  });
});

/** graddesc's momentum sheet, rows 4–32, from start state (J3, K3) and weights 1, 1. */
function momentumSheet(j3: number, k3: number) {
  let [b, a, j, k] = [1, 1, j3, k3];
  const out = { b: [] as number[], a: [] as number[], err: [] as number[], rootSse: 0 };
  let sse = 0;
  for (const { x, y } of GRADDESC_ROWS) {
    const e = b + a * x; // E
    const f = 2 * (a * x + b - y); // F de/db
    const g = f * x; // G de/da
    j = j * 0.9 + 0.1 * f;
    k = k * 0.9 + 0.1 * g;
    const err = (y - e) ** 2; // L
    sse += err;
    [b, a] = [b - j * 1e-4, a - k * 1e-4]; // H, I
    out.b.push(b);
    out.a.push(a);
    out.err.push(err);
  }
  out.rootSse = Math.sqrt(sse);
  return out;
}

describe("graddesc's Adam sheet (no bias correction, no ε: the core with biasCorrection false, eps 0)", () => {
  const CACHED = {
    b: 29.713174380227404,
    a: 1.9455616332946517,
    state: [1.8871073544462662, 167.3681217326772, 40.892736082118006, 275756.32497886667],
  };

  it("has a transcription that reproduces the sheet's cached H4/I4, H32/I32 and recomputed √SSE 17.377", () => {
    const sheet = adamSheet(CACHED.b, CACHED.a, 0.1, CACHED.state);
    expect(sheet.b[0]).toBeCloseTo(29.688782, 6);
    expect(sheet.a[0]).toBeCloseTo(1.91592, 6);
    expect(sheet.b[28]).toBeCloseTo(29.9944192, 7);
    expect(sheet.a[28]).toBeCloseTo(2.0862403, 7);
    expect(sheet.rootSse).toBeCloseTo(17.377, 3);
  });

  it("has a transcription that reproduces the Reset state's √SSE 206.442 (lr 1, mean squares from 10000, state copied twice)", () => {
    let state = [0, 0, 10000, 10000];
    for (let i = 0; i < 2; i++) state = adamSheet(1, 1, 1, state).end;
    expect(adamSheet(1, 1, 1, state).rootSse).toBeCloseTo(206.442, 3);
  });

  it("follows the transcribed sheet row by row from a zero state", () => {
    const core = run({
      ...BASIC,
      optimizer: "adam",
      lr: 0.1,
      beta: 0.9,
      beta2: 0.9,
      eps: 0,
      biasCorrection: false,
      init: { a: CACHED.a, b: CACHED.b },
    });
    const sheet = adamSheet(CACHED.b, CACHED.a, 0.1, [0, 0, 0, 0]);
    core.rows!.forEach((r, i) => {
      expect(r.newWeights.b).toBeCloseTo(sheet.b[i], 12);
      expect(r.newWeights.a).toBeCloseTo(sheet.a[i], 12);
    });
    expect(core.epochs[0].rootSse).toBeCloseTo(sheet.rootSse, 10);
    const s = core.rows![28].state;
    expect([s.m_b, s.m_a, s.v_b, s.v_a].map((v, i) => v / sheet.end[i])).toEqual(
      [1, 1, 1, 1].map((one) => expect.closeTo(one, 12))
    );
  });
});

/** graddesc's adam sheet, rows 4–32 (β1 = β2 = 0.9), from weights (b, a) and state J3:M3. */
function adamSheet(b0: number, a0: number, lr: number, start: number[]) {
  let [b, a] = [b0, a0];
  let [j, k, l, m] = start;
  const out = { b: [] as number[], a: [] as number[], rootSse: 0, end: [] as number[] };
  let sse = 0;
  for (const { x, y } of GRADDESC_ROWS) {
    sse += (y - (b + a * x)) ** 2;
    const f = 2 * (a * x + b - y); // F de/db
    const g = f * x; // G de/da
    j = j * 0.9 + 0.1 * f;
    k = k * 0.9 + 0.1 * g;
    l = l * 0.9 + 0.1 * f ** 2;
    m = m * 0.9 + 0.1 * g ** 2;
    [b, a] = [b - (j * lr) / Math.sqrt(l), a - (k * lr) / Math.sqrt(m)]; // H, I
    out.b.push(b);
    out.a.push(a);
  }
  out.rootSse = Math.sqrt(sse);
  out.end = [j, k, l, m];
  return out;
}
