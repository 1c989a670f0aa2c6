import { describe, expect, it } from "vitest";
import { MODEL_IDS, OPTIMIZER_IDS } from "../../../src/core";
import { cli } from "./run-cli";

const X = "14,86,28,51";

/**
 * A reference trainer written here from the documented maths (docs/sheets.md and each optimizer's
 * rule), as micrograd checks itself against PyTorch: ŷ and ∂ŷ/∂w by the chain rule, e = (ŷ − y)²,
 * g = 2·(ŷ − y)·∂ŷ/∂w (analytic), then SGD w ← w − lr·g; Momentum v ← β·v + (1 − β)·g,
 * w ← w − lr·v; RMSProp s ← β·s + (1 − β)·g², w ← w − lr·g/(√s + ε); Adam m ← β1·m + (1 − β1)·g,
 * v ← β2·v + (1 − β2)·g², w ← w − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t).
 * k = 2·Σ η_w·(∂ŷ/∂w)², η_w the rate the step applied to weight w (lr, or lr/(√s + ε), lr/(√v̂ + ε)).
 */
type W = Record<string, number>;
const LR = 1e-4;
const [BETA, BETA2, EPS] = [0.9, 0.999, 1e-8];

function forward(model: string, w: W, x: number): { pred: number; dy: W } {
  if (model === "linear") return { pred: w.a * x + w.b, dy: { a: x, b: 1 } };
  if (model === "two-linear" || model === "two-relu") {
    const z = w.a * x + w.b;
    const on = model === "two-linear" || z > 0 ? 1 : 0;
    const h = on ? z : 0;
    return { pred: w.c * h + w.d, dy: { a: on * w.c * x, b: on * w.c, c: h, d: 1 } };
  }
  const n = Number(model.slice("relu-".length));
  let pred = 0;
  const dy: W = { d: 1 };
  for (let j = 1; j <= n; j++) {
    const z = w[`a${j}`] * x + w[`b${j}`];
    const h = Math.max(0, z);
    pred += w[`c${j}`] * h;
    dy[`a${j}`] = z > 0 ? w[`c${j}`] * x : 0;
    dy[`b${j}`] = z > 0 ? w[`c${j}`] : 0;
    dy[`c${j}`] = h;
  }
  return { pred: pred + w.d, dy };
}

/** Starting weights for every model, written out so that no seeded draw is needed. */
function initOf(model: string): W {
  if (model === "linear") return { a: 0.5, b: 2 };
  if (model.startsWith("two-")) return { a: 0.5, b: 2, c: 0.8, d: 1 };
  const w: W = { d: 1 };
  for (let j = 1; j <= Number(model.slice("relu-".length)); j++) {
    w[`a${j}`] = j % 3 === 0 ? -0.4 : 0.3 + 0.1 * j; // every third neuron starts dead
    w[`b${j}`] = 0.5 - 0.2 * j;
    w[`c${j}`] = 0.65 - 0.1 * j;
  }
  return w;
}

/** The numbers of step `step` (1-based) over epochs of the x list, trained by the reference. */
function referenceStep(model: string, optimizer: string, xs: number[], step: number) {
  let w = initOf(model);
  const s1: W = {};
  const s2: W = {};
  for (let t = 1; ; t++) {
    const x = xs[(t - 1) % xs.length];
    const y = 2 * x + 30;
    const { pred, dy } = forward(model, w, x);
    const g: W = {};
    const eta: W = {};
    const after: W = {};
    for (const k of Object.keys(w)) {
      g[k] = 2 * (pred - y) * dy[k];
      const [m, v] = [s1[k] ?? 0, s2[k] ?? 0];
      if (optimizer === "sgd") eta[k] = LR;
      if (optimizer === "momentum") ((s1[k] = BETA * m + (1 - BETA) * g[k]), (eta[k] = LR));
      if (optimizer === "rmsprop") {
        s1[k] = BETA * m + (1 - BETA) * g[k] ** 2;
        eta[k] = LR / (Math.sqrt(s1[k]) + EPS);
      }
      if (optimizer === "adam") {
        s1[k] = BETA * m + (1 - BETA) * g[k];
        s2[k] = BETA2 * v + (1 - BETA2) * g[k] ** 2;
        eta[k] = LR / (Math.sqrt(s2[k] / (1 - BETA2 ** t)) + EPS);
      }
      const moved =
        optimizer === "momentum" ? s1[k] : optimizer === "adam" ? s1[k] / (1 - BETA ** t) : g[k];
      after[k] = w[k] - eta[k] * moved;
    }
    if (t === step) {
      const k = 2 * Object.keys(w).reduce((sum, n) => sum + eta[n] * dy[n] ** 2, 0);
      const sq = (pred - y) ** 2;
      return {
        x,
        y,
        weightsBefore: w,
        prediction: pred,
        squaredError: sq,
        gradient: g,
        weightsAfter: after,
        k,
      };
    }
    w = after;
  }
}

/** Every number of `actual` equals `expected`'s to 1e-9 relative (the two add in different orders). */
function expectClose(actual: unknown, expected: unknown, path = ""): void {
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected))
    );
    return;
  }
  const e = expected as Record<string, unknown>;
  expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(e).sort());
  for (const k of Object.keys(e))
    expectClose((actual as Record<string, unknown>)[k], e[k], `${path}.${k}`);
}

describe("gradsheet explain", () => {
  it("prints the step as the pane shows it, with the numbers worked by hand", async () => {
    const r = await cli("explain", "--model", "two-linear", "--gradient", "forward", "--step", "2");
    expect(r.code).toBe(0);
    // Step 1: x = 14, y = 58, a = b = c = d = 1: z = 15, ŷ = 16, ŷ − y = −42. ŷ is linear in each
    // weight, so the forward difference is 2·(ŷ − y)·∂ŷ/∂w + h·(∂ŷ/∂w)² with ∂ŷ/∂(a, b, c, d) =
    // (c·x, c, z, 1) = (14, 1, 15, 1): g = (−1174.04, −83.99, −1257.75, −83.99), and with lr 1e-4
    // a = 1.117404, b = 1.008399, c = 1.125775, d = 1.008399.
    // Step 2: x = 86, y = 202: z = 1.117404·86 + 1.008399 = 97.105143, ŷ = c·z + d = 110.326941,
    // e = (110.326941 − 202)² = 8403.95; ∂ŷ/∂a = c·x = 96.81665, so de/da = 2·(−91.673059)·96.81665
    // = −17750.97 analytic and −17750.97 + 0.01·96.81665² = −17657.24 forward; a ← 1.117404 + 1e-4·17657.24
    // = 2.883128; k = 2·1e-4·(96.817² + 1.1258² + 97.105² + 1²) = 3.761.
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(
      /^Step 2 \(epoch 1, row 2\): x = 86, y = 202 · 2 neurons, SGD, lr 1e-4, forward/
    );
    expect(lines).toContain("weights used: a = 1.1174, b = 1.0084, c = 1.1258, d = 1.0084");
    expect(lines).toContain("z = a·x + b = 1.1174·86 + 1.0084 = 97.105");
    expect(lines).toContain("ŷ = 1.1258·(1.1174·86 + 1.0084) + 1.0084 = 110.33");
    expect(lines).toContain("e = (ŷ − y)² = (110.33 − 202)² = 8403.9");
    expect(r.out).toMatch(/de\/da: forward .* = -17657; beside it the analytic .* = -17751\n/);
    expect(r.out).toMatch(/a ← a − lr·g = 1\.1174 − 1e-4·\(-17657\) = 2\.8831\n/);
    expect(r.out).toMatch(
      /k = 2·lr·‖∇ŷ‖² = 2·1e-4·\(96\.817² \+ 1\.1258² \+ 97\.105² \+ 1²\) = 3\.761 > 2/
    );
  });

  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      it(`prints the step's numbers as JSON, as the reference trainer computes them: ${model}, ${optimizer}`, async () => {
        const init = Object.entries(initOf(model))
          .map(([k, v]) => `${k}=${v}`)
          .join(",");
        const args = [
          "--model",
          model,
          "--optimizer",
          optimizer,
          "--gradient",
          "analytic",
          "--init",
          init,
        ];
        const r = await cli("explain", ...args, "--x", X, "--epochs", "2", "--step", "6", "--json");
        expect(r.code, r.err).toBe(0);
        const out = JSON.parse(r.out) as Record<string, unknown>;
        expect(out).toMatchObject({ step: 6, epoch: 2, row: 2 });
        const want = referenceStep(model, optimizer, [14, 86, 28, 51], 6);
        const keys = Object.keys(want) as (keyof typeof want)[];
        expectClose(Object.fromEntries(keys.map((k) => [k, out[k]])), want);
      });

  it("exits 2 with one line for a step outside the run or not a whole number", async () => {
    for (const step of ["0", "5", "2.5", "two", "-1"]) {
      const r = await cli("explain", "--x", X, "--step", step);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^gradsheet explain: Step must be a whole number from 1 to 4\.$/m);
    }
    const missing = await cli("explain", "--x", X);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--step N is required/);
  });

  it("is listed in gradsheet --help", async () => {
    expect((await cli("--help")).out).toMatch(/explain\s+explain one step/);
  });
});
