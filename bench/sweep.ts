/**
 * Sweep benchmark (issue 6): 100 learning rates × 10 epochs × 1,000 rows of the 2-neuron ReLU model
 * with forward differences (1 million row-steps), timed as core time of `sweep`, against the
 * hand-written loop (bench/lib/core-handwritten.ts) over the same rates. Targets: under 1 second,
 * and within 1.25× of the hand-written loop (issue 14).
 */
import { logSpace, resolveConfig, sweep, type RunOptions } from "../src/core";
import { twoNeuronLoop } from "./lib/core-handwritten";
import { ratioTarget, versus, type BenchResult } from "./lib/types";

const RATES = logSpace(1e-8, 1e-3, 100);
const OPTIONS: RunOptions = {
  model: "two-relu",
  gradient: "forward",
  epochs: 10,
  data: { x: { kind: "random", n: 1000, seed: 7 } },
};
const REPS = 3;

export async function bench(): Promise<BenchResult> {
  const steps = RATES.length * 10 * 1000;
  const configs = RATES.map((lr) => resolveConfig({ ...OPTIONS, lr }));
  const { a: core, b: hand } = versus(
    REPS,
    () => sweep(OPTIONS, RATES),
    () => configs.map((c) => twoNeuronLoop(c, "forward", true))
  );
  // the two agree wherever the run stays finite (the hand loop does not model overflow)
  core.result.runs.forEach((r, i) => {
    if (r.divergence) return;
    const h = hand.result[i];
    if (!r.epochs.every((e, j) => Object.is(e.sse, h.sse[j])))
      throw new Error(`hand-written loop differs from the core at lr ${r.lr}`);
  });
  const ratio = core.seconds / hand.seconds;
  const stable = core.result.largestStable;
  return {
    name: "sweep",
    table: [
      "what                                   seconds   Msteps/s",
      `core sweep (100 lr × 10 ep × 1000)   ${core.seconds.toFixed(3).padStart(9)}${(steps / core.seconds / 1e6).toFixed(1).padStart(11)}`,
      `hand-written loop, same rates        ${hand.seconds.toFixed(3).padStart(9)}${(steps / hand.seconds / 1e6).toFixed(1).padStart(11)}`,
      `core / hand: ${ratio.toFixed(2)}×; largest stable rate ${stable}`,
    ].join("\n"),
    json: {
      rates: RATES.length,
      epochs: 10,
      rows: 1000,
      steps,
      coreSeconds: core.seconds,
      handSeconds: hand.seconds,
      ratio: +ratio.toFixed(3),
      largestStable: stable,
    },
    targets: [
      {
        what: `sweep of 100 rates × 10 epochs × 1000 rows under 1 s of core time (${core.seconds.toFixed(3)} s)`,
        met: core.seconds < 1,
      },
      ratioTarget("sweep of 100 rates × 10 epochs × 1000 rows", ratio, 1.25),
    ],
  };
}
