/** resolveConfig: defaults, and every bad setting failing once with a ConfigError naming its field. */
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  DEFAULTS,
  GRADDESC_X,
  LIMITS,
  resolveConfig,
  type RunOptions,
} from "../../../src/core";

function fieldOf(o: RunOptions): string {
  try {
    resolveConfig(o);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toMatch(/^\S[^\n]*\.$/); // one sentence, one line
    return (e as ConfigError).field;
  }
  throw new Error("resolveConfig accepted it");
}

describe("resolveConfig", () => {
  it("fills graddesc's defaults: linear, SGD, lr 1e-4, 1 epoch, analytic, h 0.01, weights 1, its 29 rows", () => {
    const c = resolveConfig();
    expect(c).toMatchObject({
      model: "linear",
      optimizer: "sgd",
      lr: 1e-4,
      epochs: 1,
      gradient: "analytic",
      h: 0.01,
      init: { a: 1, b: 1 },
    });
    expect(c.data.map((p) => p.x)).toEqual(GRADDESC_X);
    expect(c.optimizerSettings).toEqual({
      beta: DEFAULTS.beta,
      beta2: DEFAULTS.beta2,
      eps: DEFAULTS.eps,
      biasCorrection: true,
    });
    expect(c.order).toBeUndefined();
  });

  it("accepts numbers as text, as a form or command line gives them", () => {
    expect(resolveConfig({ lr: "0.5", epochs: "3", h: "1e-3", init: { a: "2" } })).toMatchObject({
      lr: 0.5,
      epochs: 3,
      h: 1e-3,
      init: { a: 2, b: 1 },
    });
  });

  it("fills the weights an init object leaves out with 1", () => {
    expect(resolveConfig({ model: "two-relu", init: { c: 0.5 } }).init).toEqual({
      a: 1,
      b: 1,
      c: 0.5,
      d: 1,
    });
  });

  const bad: [string, RunOptions, string][] = [
    ["lr 0", { lr: 0 }, "lr"],
    ["lr −1", { lr: -1 }, "lr"],
    ["lr NaN", { lr: NaN }, "lr"],
    ["lr Infinity", { lr: Infinity }, "lr"],
    ["lr as words", { lr: "fast" }, "lr"],
    ["lr empty text", { lr: " " }, "lr"],
    ["h 0", { h: 0 }, "h"],
    ["h −0.01", { h: -0.01 }, "h"],
    ["epochs 0", { epochs: 0 }, "epochs"],
    ["epochs 1.5", { epochs: 1.5 }, "epochs"],
    ["epochs absurd", { epochs: LIMITS.maxEpochs + 1 }, "epochs"],
    [
      "too many steps",
      { epochs: 100_000, data: { x: { kind: "range", from: 1, to: 200, step: 1 } } },
      "epochs",
    ],
    ["no data rows", { data: [] }, "data"],
    ["an empty x list", { data: { x: { kind: "list", x: [] } } }, "data"],
    ["a non-numeric x", { data: [{ x: Number("a"), y: 1 }] }, "data"],
    ["a non-numeric y", { data: [{ x: 1, y: Infinity }] }, "data"],
    ["an unknown model", { model: "cubic" }, "model"],
    ["an unknown optimizer", { optimizer: "adamw" }, "optimizer"],
    ["an unknown gradient kind", { gradient: "backward" }, "gradient"],
    ["init naming c for the linear model", { init: { c: 1 } }, "init"],
    ["init naming e for a 2-neuron model", { model: "two-linear", init: { e: 1 } }, "init"],
    ["init as text", { init: "one" }, "init"],
    ["β of 1", { beta: 1 }, "beta"],
    ["β2 below 0", { beta2: -0.1 }, "beta2"],
    ["ε below 0", { eps: -1 }, "eps"],
    ["bias correction as a word", { biasCorrection: "maybe" }, "biasCorrection"],
    ["a negative shuffle seed", { shuffleSeed: -1 }, "shuffleSeed"],
    ["an x range going down", { data: { x: { kind: "range", from: 5, to: 1, step: 1 } } }, "x"],
  ];
  for (const [what, options, field] of bad) {
    it(`rejects ${what} with a ConfigError naming "${field}"`, () => {
      expect(fieldOf(options)).toBe(field);
    });
  }
});
