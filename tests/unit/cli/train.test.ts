import { describe, expect, it } from "vitest";
import { GRADDESC_X } from "../../../src/core";
import { cli } from "./run-cli";

const X = GRADDESC_X.join(",");

/**
 * graddesc's basic sheet by a reference written here: y = 2x + 30, ŷ = a·x + b from a = b = 1,
 * e = (ŷ − y)², the analytic derivatives de/da = 2·(ŷ − y)·x and de/db = 2·(ŷ − y), and one SGD
 * step w ← w − lr·de/dw per row; each epoch starts from the last updated weights.
 */
function basicSheet(xs: readonly number[], lr: number, epochs: number) {
  let [a, b] = [1, 1];
  const out: { sse: number; weights: { a: number; b: number } }[] = [];
  for (let e = 0; e < epochs; e++) {
    let sse = 0;
    for (const x of xs) {
      const r = a * x + b - (2 * x + 30);
      sse += r * r;
      [a, b] = [a - lr * 2 * r * x, b - lr * 2 * r];
    }
    out.push({ sse, weights: { a, b } });
  }
  return out;
}

/** Within 1e-12 of `want`, relative: the reference and the core may add in other orders. */
const near = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want));

describe("gradsheet train --json", () => {
  it("prints one JSON object with graddesc's epoch-1 √SSE and the weights after the last update", async () => {
    const r = await cli(
      "train",
      "--json",
      "--x",
      X,
      "--lr",
      "1e-4",
      "--init",
      "1",
      "--epochs",
      "2"
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.trim().split("\n")).toHaveLength(1);
    const o = JSON.parse(r.out);
    expect(o.epochs).toHaveLength(2);
    expect(Math.sqrt(o.epochs[0].sse)).toBe(150.75521153771854);
    expect(o.epochs[0].rootSse).toBe(150.75521153771854);
    // graddesc's cached row-32 weights (reference/graddesc.md: b 1.07152, a 2.61308), and to full
    // precision the reference above, for both epochs
    expect(o.epochs[0].weights.a).toBeCloseTo(2.61308, 5);
    expect(o.epochs[0].weights.b).toBeCloseTo(1.07152, 5);
    basicSheet(GRADDESC_X, 1e-4, 2).forEach((want, i) => {
      near(o.epochs[i].sse, want.sse);
      near(o.epochs[i].weights.a, want.weights.a);
      near(o.epochs[i].weights.b, want.weights.b);
    });
    expect(o.divergence).toBeNull();
    expect(o.rows).toBeUndefined();
    expect(o.config).toMatchObject({
      model: "linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 2,
      dataRows: 29,
    });
  });

  it("adds one row per step with --rows, row 4 of graddesc's basic sheet first", async () => {
    const o = JSON.parse((await cli("train", "--json", "--rows", "--epochs", "2")).out);
    expect(o.rows).toHaveLength(58);
    expect(o.rows[0]).toMatchObject({
      epoch: 1,
      row: 1,
      step: 1,
      x: 14,
      y: 58,
      pred: 15,
      error: 1849,
    });
    expect(o.rows[0].newWeights.a).toBeCloseTo(1.1204, 12);
    expect(o.rows[29]).toMatchObject({ epoch: 2, row: 1, step: 30 });
  });

  it("writes a diverged run's NaN values as null and reports where it diverged", async () => {
    const r = await cli("train", "--json", "--rows", "--lr", "0.01", "--epochs", "10");
    expect(r.out).not.toMatch(/NaN|Infinity/);
    const o = JSON.parse(r.out);
    expect(o.divergence).toMatchObject({ epoch: 1, row: 4, step: 4, quantity: "error" });
    expect(o.epochs[4].sse).toBeNull();
    expect(o.epochs[9].weights).toEqual({ a: null, b: null });
    expect(o.rows.at(-1).newWeights.a).toBeNull();
  });

  it("updates once per batch with --batch N: the weights stay fixed within a batch and t counts updates", async () => {
    const o = JSON.parse(
      (
        await cli(
          "train",
          "--json",
          "--rows",
          "--batch",
          "4",
          "--optimizer",
          "adam",
          "--lr",
          "0.01"
        )
      ).out
    );
    expect(o.config.batchSize).toBe(4);
    expect(o.rows[2].newWeights).toEqual({ a: 1, b: 1 });
    expect(o.rows[3].batch).toMatchObject({ count: 4, update: true, t: 1 });
    expect(o.rows[3].newWeights.a).not.toBe(1);
    expect(o.rows[28].batch).toMatchObject({ count: 1, update: true, t: 8 });
  });

  it("reads x,y pairs from a CSV file", async () => {
    const { runOptionsFrom, parseArgs, RUN_OPTIONS } = await import("../../../src/cli/options");
    const parsed = parseArgs(["--data", "f.csv"], RUN_OPTIONS, "train");
    const o = runOptionsFrom(parsed, () => "x,y\n1,5\n2,7\n");
    expect(o.data).toEqual([
      { x: 1, y: 5 },
      { x: 2, y: 7 },
    ]);
  });
});

describe("gradsheet train without --json", () => {
  it("prints a table per epoch and the divergence sentence", async () => {
    const r = await cli("train", "--epochs", "2");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/epoch\s+SSE\s+√SSE\s+RMSE\s+a\s+b/);
    expect(r.out).toContain("150.76");
    expect(r.out).toContain("No divergence.");
  });

  it("says where a run diverged", async () => {
    const r = await cli("train", "--preset", "two-neurons");
    expect(r.out).toContain("Diverged at epoch 1, row 27 (step 27)");
  });
});

describe("gradsheet option errors", () => {
  const bad: [string[], RegExp][] = [
    [["--lr", "0"], /learning rate/],
    [["--lr", "-1"], /learning rate/],
    [["--lr", "NaN"], /learning rate/],
    [["--lr", "fast"], /learning rate/],
    [["--lr"], /--lr needs a value/],
    [["--lr", "--epochs", "2"], /--lr needs a value/],
    [["--speed", "3"], /Unknown option "--speed"/],
    [["--model", "cubic"], /Unknown model "cubic"/],
    [["--optimizer", "adamw"], /Unknown optimizer/],
    [["--gradient", "backward"], /Unknown gradient/],
    [["--h", "0"], /derivative step h/],
    [["--epochs", "0"], /epochs/],
    [["--epochs", "2.5"], /epochs/],
    [["--init", "e=1"], /no weight "e"/],
    [["--init", "a=1,b"], /name=value/],
    [["--x", "1,two,3"], /"two", which is not a number/],
    [["--x", "1", "--range", "0:10:1"], /only one source/],
    [["--range", "0:10"], /FROM:TO:STEP/],
    [["--target", "2"], /slope,intercept/],
    [["--seed", "3"], /--seed applies only/],
    [["--random", "0"], /--random must be a whole number/],
    [["--batch", "30"], /batch size must be a whole number from 1 to 29/],
    [["--batch", "0"], /batch size/],
    [["--preset", "nope"], /Unknown preset/],
    [["--json", "--json"], /given twice/],
    [["--rows=yes"], /takes no value/],
    [["stray"], /Unexpected argument "stray"/],
    [
      ["--rows", "--epochs", "10000"],
      /--rows records every step, at most 200000; this run has 290000/,
    ],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${args.join(" ")} with exit 2 and one line on stderr`, async () => {
      const r = await cli("train", ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }

  it("rejects an unknown command with exit 2", async () => {
    const r = await cli("trian");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "trian"/);
  });
});

describe("gradsheet help", () => {
  it("documents every run option at the top level and under train", async () => {
    const top = (await cli("--help")).out;
    const sub = (await cli("train", "--help")).out;
    for (const flag of [
      "--model",
      "--optimizer",
      "--lr",
      "--epochs",
      "--init",
      "--x",
      "--data",
      "--target",
      "--gradient",
      "--h",
      "--beta",
      "--beta2",
      "--eps",
      "--no-bias-correction",
      "--preset",
      "--random",
      "--seed",
      "--range",
      "--noise",
      "--shuffle",
      "--batch",
    ]) {
      expect(top).toContain(flag);
      expect(sub).toContain(flag);
    }
    expect(sub).toContain("--json");
    expect(sub).toContain("--rows");
  });
});
