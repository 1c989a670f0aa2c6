/**
 * Core benchmark: row-steps per second of `train(config, { rows: false })` (the fast loop) for
 * every model × gradient kind, with graddesc's 29-row epochs and with 1,000-row epochs (SGD), and
 * the ratio of its time to a hand-written, fully inlined loop of the same maths
 * (bench/lib/core-handwritten.ts), which must give the same epochs bit for bit. Target (issue 14):
 * the core within 1.25× of the hand-written loop everywhere. Times are CPU seconds (best of REPS
 * alternating rounds after a warm-up, each from a just-collected heap: `versus`), so other
 * processes on a shared machine, and the garbage of the other side's epoch summaries, distort
 * them less.
 */
import {
  MODEL_IDS,
  MODELS,
  resolveConfig,
  train,
  type EpochSummary,
  type GradientKind,
  type RunConfig,
  type RunOptions,
} from "../src/core";
import { linearLoop, twoNeuronLoop, wideLoop, type HandResult } from "./lib/core-handwritten";
import { ratioTarget, versus, type BenchResult } from "./lib/types";

const KINDS: GradientKind[] = ["analytic", "forward", "central"];
const REPS = 5;
/** Row-steps per run of a 2-weight model; wider models get fewer, so each run costs about the same. */
const STEPS = 2_900_000;
export const TARGET_RATIO = 1.25;

/** The hand-written loop of a model. */
export function hand(config: RunConfig): HandResult {
  const width = MODELS[config.model].width;
  if (width !== undefined) return wideLoop(config, config.gradient, width);
  return config.model === "linear"
    ? linearLoop(config, config.gradient)
    : twoNeuronLoop(config, config.gradient, config.model === "two-relu");
}

/** The hand loop computes what the core computes, or the comparison means nothing. */
function assertSame(config: RunConfig, h: HandResult): void {
  const core = train(config, { rows: false });
  const same =
    core.epochs.length === h.epochs.length &&
    core.epochs.every((e, i) => sameEpoch(e, h.epochs[i])) &&
    (core.divergence?.step ?? 0) === h.divergedStep;
  if (!same)
    throw new Error(`hand-written ${config.model}/${config.gradient} loop differs from the core`);
}

function sameEpoch(a: EpochSummary, b: EpochSummary): boolean {
  const keys = Object.keys(a.weights);
  return (
    a.epoch === b.epoch &&
    Object.is(a.sse, b.sse) &&
    Object.is(a.rootSse, b.rootSse) &&
    Object.is(a.rmse, b.rmse) &&
    keys.length === Object.keys(b.weights).length &&
    keys.every((k) => Object.is(a.weights[k], b.weights[k]))
  );
}

/** A run that does not diverge (the figures are for ordinary arithmetic, not NaN). */
function benchConfig(model: string, gradient: GradientKind, rows: number): RunConfig {
  const steps = STEPS / MODELS[model as RunConfig["model"]].weights.length;
  const data: RunOptions["data"] =
    rows === 29 ? undefined : { x: { kind: "random", n: rows, seed: 1 } };
  const lr = rows === 29 ? (model === "linear" ? 1e-4 : 1e-5) : 1e-6;
  return resolveConfig({
    model,
    gradient,
    optimizer: "sgd",
    lr,
    epochs: Math.max(1, Math.round(steps / rows)),
    data,
  });
}

export async function bench(): Promise<BenchResult> {
  const runs: Record<string, unknown>[] = [];
  const targets: BenchResult["targets"] = [];
  const lines = ["model       gradient   rows   core Msteps/s   hand Msteps/s   core/hand"];
  for (const rows of [29, 1000])
    for (const model of MODEL_IDS)
      for (const gradient of KINDS) {
        const config = benchConfig(model, gradient, rows);
        const steps = config.epochs * rows;
        assertSame(config, hand(config));
        const timed = versus(
          REPS,
          () => train(config, { rows: false }),
          () => hand(config)
        );
        const core = timed.a.seconds;
        const loop = timed.b.seconds;
        const ratio = core / loop;
        runs.push({
          model,
          gradient,
          rowsPerEpoch: rows,
          steps,
          coreStepsPerSecond: Math.round(steps / core),
          handStepsPerSecond: Math.round(steps / loop),
          ratio: +ratio.toFixed(3),
        });
        lines.push(
          `${model.padEnd(12)}${gradient.padEnd(11)}${String(rows).padStart(4)}${(steps / core / 1e6).toFixed(1).padStart(16)}${(steps / loop / 1e6).toFixed(1).padStart(16)}${ratio.toFixed(2).padStart(12)}`
        );
        targets.push(ratioTarget(`${model} ${gradient}, ${rows}-row epochs`, ratio, TARGET_RATIO));
      }
  return {
    name: "core",
    table: lines.join("\n"),
    json: {
      reps: REPS,
      optimizer: "sgd",
      timing:
        "best CPU time of REPS alternating rounds after a warm-up, each from a collected heap",
      targetRatio: TARGET_RATIO,
      runs,
    },
    targets,
  };
}
