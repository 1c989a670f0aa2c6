/**
 * The lesson's questions, in the order the forum thread (reference/forum-live-coding-16.txt) meets
 * them. Each is a run (or a sweep) and a short text that names the cell to change to see the
 * answer move; the texts quote the core's own numbers for that run.
 */
import {
  deadRelu,
  explainDivergence,
  logSpace,
  presetOptions,
  resolveConfig,
  sweep,
  train,
  type RunOptions,
  type RunResult,
  type SweepResult,
} from "../../core";
import { learnerNumber as num } from "../../core/learner-number";

/** One question: its sheet name, title, the run it shows, and its text given where LearningRate sits. */
export interface Question {
  name: string;
  title: string;
  options: RunOptions;
  /** The sweep this question shows instead of a run sheet. */
  sweep?: { lrs: number[] };
  /** Extra: the collapsed line a·c, c·b + d beside the run. */
  collapsed?: boolean;
  text(run: RunResult | SweepResult, lrCell: string): string;
}

const TWO = { model: "two-linear", optimizer: "sgd", gradient: "analytic", init: 1 } as const;

const finalRoot = (r: RunResult) => num(r.epochs[r.epochs.length - 1].rootSse);
const asRun = (r: RunResult | SweepResult) => r as RunResult;

/** The eight questions, in order. */
export const QUESTIONS: readonly Question[] = [
  {
    name: "1 One neuron",
    title: "1. One neuron: ŷ = a·x + b learns y = 2x + 30",
    options: presetOptions("graddesc-basic"),
    text: (r, lr) =>
      `One SGD step per row: each row's weights are the previous row's new weights. √SSE after epoch 1 is ${num(asRun(r).epochs[0].rootSse)} (graddesc's basic sheet) and ${finalRoot(asRun(r))} after 5 epochs. ` +
      `Set LearningRate (${lr}) to 3e-5 to see it learn more slowly, or to 2e-4: then k = 2·learning rate·(x² + 1) passes 2 on the largest x (99) and the error chart climbs.`,
  },
  {
    name: "2 Two neurons explode",
    title: "2. Two neurons explode at learning rate 1e-4: why?",
    options: { ...TWO, lr: 1e-4, epochs: 1 },
    text: (r, lr) => {
      const e = explainDivergence(asRun(r));
      const first = e?.firstOvershoot;
      return (
        `ŷ = c·(a·x + b) + d. ${first ? `The first step with k = 2·learning rate·‖∇ŷ‖² above 2 is step ${first.step} (x = ${num(first.x)}, k = ${num(first.k)}): it moves ŷ past y by more than it was off, so that row's error grows, the weights grow, and the next k is larger still. ` : ""}` +
        `${e ? `The run diverges at step ${e.step}. ` : ""}The k column is flagged where k > 2. Set LearningRate (${lr}) to 1e-5 and every k stays at most 2.`
      );
    },
  },
  {
    name: "3 A smaller rate",
    title: "3. A smaller rate: the same two neurons at learning rate 1e-5",
    options: { ...TWO, lr: 1e-5, epochs: 5 },
    text: (r, lr) =>
      `Every step has k ≤ 2, so no step overshoots and √SSE falls epoch after epoch to ${finalRoot(asRun(r))}. ` +
      `Set LearningRate (${lr}) to 3e-5: a few steps on large x have k > 2 and the error jumps, yet the run recovers; at 1e-4 it explodes (sheet 2).`,
  },
  {
    name: "4 ReLU dies",
    title: "4. With a ReLU the first neuron dies and only d learns",
    options: presetOptions("two-relu"),
    text: (r, lr) =>
      `ŷ = c·max(0, a·x + b) + d. ${deadRelu(asRun(r))?.text ?? ""} The de/da, de/db and de/dc columns are 0 from there on. ` +
      `Set LearningRate (${lr}) to 1e-5: a·x + b stays positive and all four weights keep learning.`,
  },
  {
    name: "5 One line",
    title: "5. Two linear neurons are one line: slope a·c, intercept c·b + d",
    options: { ...TWO, lr: 1e-5, epochs: 5 },
    collapsed: true,
    text: (_r, lr) =>
      `Without an activation, c·(a·x + b) + d = (a·c)·x + (c·b + d): the two neurons can only draw one straight line, the one in the fit chart. ` +
      `The cells beside the per-epoch table compute a·c and c·b + d from the last row's weights, next to the target's 2 and 30. Set LearningRate (${lr}) to 3e-5 and watch both cells move: at any rate the model stays one line.`,
  },
  {
    name: "6 Sweep",
    title: "6. Which learning rates work? A sweep from 1e-6 to 1e-3",
    options: { ...TWO, epochs: 5 },
    sweep: { lrs: logSpace(1e-6, 1e-3, 10) },
    text: (r) => {
      const s = r as SweepResult;
      return (
        `Each rate trains the two neurons of sheet 3 for 5 epochs. The largest rate that did not diverge is ${s.largestStable === null ? "none of these" : num(s.largestStable)} (cell J5); the chart leaves a gap where a run diverged. ` +
        `To watch a rate live, set LearningRate on sheet 3 to it.`
      );
    },
  },
  {
    name: "7 Momentum and Adam",
    title: "7. Momentum and Adam: Adam at learning rate 0.01 on the same two neurons",
    options: { ...TWO, optimizer: "adam", lr: 0.01, epochs: 5 },
    text: (r, lr) => {
      const momentum = train(
        resolveConfig({ ...TWO, optimizer: "momentum", lr: 1e-5, epochs: 5 }),
        { rows: false }
      );
      return (
        `Momentum averages the derivatives (v ← β·v + (1 − β)·g; w ← w − learning rate·v): at learning rate 1e-5 it reaches √SSE ${finalRoot(momentum)} after 5 epochs. ` +
        `Adam divides each weight's update by √v̂, so every weight moves about the learning rate per step whatever its derivative: at learning rate 0.01 √SSE reaches ${finalRoot(asRun(r))}. ` +
        `Set LearningRate (${lr}) to 0.1: some steps have k > 2; set Beta to 0 to drop the averaging of m.`
      );
    },
  },
  {
    name: "8 Wider ReLU layer",
    title: "8. A wider ReLU layer: 4 neurons, ŷ = Σ c_j·max(0, a_j·x + b_j) + d",
    options: { model: "relu-4", optimizer: "sgd", lr: 1e-5, epochs: 5, gradient: "analytic" },
    text: (r, lr) =>
      `Each neuron starts from its own seeded weights (equal ones would stay equal forever). ${deadRelu(asRun(r))?.text ?? ""} √SSE after 5 epochs: ${finalRoot(asRun(r))}. ` +
      `Set LearningRate (${lr}) to 3e-5: some steps overshoot (k > 2) as with two neurons.`,
  },
];

/** A question's run (every row recorded) or sweep. */
export function questionRun(q: Question): RunResult | SweepResult {
  return q.sweep ? sweep(q.options, q.sweep.lrs) : train(resolveConfig(q.options), { rows: true });
}
