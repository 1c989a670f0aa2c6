/** The core is pure: the same config gives the same run, and nothing it is given is modified. */
import { describe, expect, it } from "vitest";
import { OPTIMIZER_IDS, MODEL_IDS, resolveConfig, train, type RunOptions } from "../../../src/core";

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

describe("train", () => {
  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      it(`does not modify its config (${model}, ${optimizer}), even frozen`, () => {
        const config = resolveConfig({
          model,
          optimizer,
          gradient: "forward",
          epochs: 2,
          shuffleSeed: 3,
        });
        const copy = structuredClone(config);
        deepFreeze(config);
        const a = train(config);
        expect(config).toEqual(copy);
        expect(train(config)).toEqual(a);
      });

  it("returns rows whose objects are its own: changing one does not change another run", () => {
    const config = resolveConfig({ epochs: 1 });
    const a = train(config);
    a.rows![0].weights.a = 99;
    a.epochs[0].weights.a = 99;
    expect(train(config).rows![0].weights.a).toBe(1);
    expect(config.init.a).toBe(1);
  });

  it("gives the same epochs with and without rows recorded", () => {
    for (const model of MODEL_IDS)
      for (const gradient of ["analytic", "forward", "central"] as const) {
        const config = resolveConfig({ model, gradient, epochs: 3, lr: 1e-5 });
        const full = train(config, { rows: true });
        const summary = train(config, { rows: false });
        expect(summary.rows).toBeUndefined();
        expect(summary.epochs).toEqual(full.epochs);
        expect(summary.divergence).toEqual(full.divergence);
      }
  });
});

describe("resolveConfig", () => {
  it("does not modify its options or their data", () => {
    const options: RunOptions = deepFreeze({
      model: "two-relu",
      init: { a: 2 },
      data: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
    });
    const copy = structuredClone(options);
    const c = resolveConfig(options);
    expect(options).toEqual(copy);
    expect(c.data).toEqual(copy.data);
  });
});
