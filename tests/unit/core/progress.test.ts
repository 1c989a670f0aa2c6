/**
 * The progress hook of `train` (TrainOptions.progress): called every `every` row-steps with how far
 * the run is, it can stop the run there; a hook that never stops changes no number.
 */
import { describe, expect, it } from "vitest";
import {
  MODELS,
  OPTIMIZERS,
  resolveConfig,
  train,
  type Progress,
  type ProgressHook,
  type RunConfig,
  type RunOptions,
} from "../../../src/core";
import { registryLoop, runRows } from "../../../src/core/fast-loop";
import { checkDivergence } from "../../../src/core/train";

/** 29 rows × 5 epochs = 145 row-steps. */
const config = (over: RunOptions = {}): RunConfig =>
  resolveConfig({ model: "two-relu", optimizer: "adam", lr: 1e-3, epochs: 5, ...over });

/** Every way to train a config: the recording loop, the compiled fast loop and the registry loop. */
const LOOPS = {
  "the recording loop": (c: RunConfig, progress?: ProgressHook) =>
    train(c, { rows: true, progress }),
  "the fast loop": (c: RunConfig, progress?: ProgressHook) => train(c, { rows: false, progress }),
  "the registry loop": (c: RunConfig, progress?: ProgressHook) =>
    runRows(
      c,
      registryLoop(c, MODELS[c.model], OPTIMIZERS[c.optimizer]),
      checkDivergence,
      progress
    ),
};

describe("train's progress hook", () => {
  for (const [name, run] of Object.entries(LOOPS)) {
    it(`is called every N row-steps with the step, the run's steps and the epochs done (${name})`, () => {
      const seen: Progress[] = [];
      run(config(), { every: 40, onProgress: (p) => void seen.push(p) });
      expect(seen).toEqual([
        { step: 40, steps: 145, epochs: 1 },
        { step: 80, steps: 145, epochs: 2 },
        { step: 120, steps: 145, epochs: 4 },
      ]);
    });

    it(`changes no number when it does not stop the run (${name})`, () => {
      for (const over of [{}, { gradient: "central" as const, shuffleSeed: 3 }, { lr: 0.5 }]) {
        const c = config(over);
        const plain = run(c);
        const hooked = run(c, { every: 7, onProgress: () => false });
        expect(hooked).toEqual(plain);
        expect(hooked.stopped).toBeUndefined();
      }
    });

    it(`stops after the row where it returns true, keeping the epochs completed (${name})`, () => {
      const c = config();
      const full = run(c);
      const mid = run(c, { every: 10, onProgress: (p) => p.step >= 70 });
      expect(mid.stopped).toBe(70);
      expect(mid.epochs).toEqual(full.epochs.slice(0, 2)); // 70 = 2 epochs of 29 and 12 rows
      const atEnd = run(c, { every: 29, onProgress: (p) => p.step === 58 });
      expect(atEnd.stopped).toBe(58);
      expect(atEnd.epochs).toEqual(full.epochs.slice(0, 2));
    });
  }

  it("keeps the rows trained before the stop in a recorded run", () => {
    const c = config();
    const full = train(c);
    const r = train(c, { progress: { every: 5, onProgress: (p) => p.step === 35 } });
    expect(r.rows).toEqual(full.rows!.slice(0, 35));
  });

  it("works with mini-batches", () => {
    const c = config({ batch: 4 });
    const seen: number[] = [];
    const r = train(c, {
      rows: false,
      progress: { every: 50, onProgress: (p) => void seen.push(p.step) },
    });
    expect(seen).toEqual([50, 100]);
    expect(r.epochs).toEqual(train(c, { rows: false }).epochs);
  });

  it("refuses a step count that is not a positive whole number", () => {
    for (const every of [0, -3, 2.5, NaN])
      expect(() => train(config(), { progress: { every, onProgress: () => false } })).toThrow(
        /positive whole number/
      );
  });
});
