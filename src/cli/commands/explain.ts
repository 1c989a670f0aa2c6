/** `gradsheet explain`: one step of a run with its numbers, as the pane's Explain tab shows it, or as JSON. */
import { ConfigError } from "../../core";
import { explainRun } from "../../run";
import type { Command } from "../command";
import { RUN_OPTIONS, noPositional, parseArgs, runOptionsFrom, text } from "../options";

const OPTIONS = [
  ...RUN_OPTIONS,
  {
    flag: "--step",
    value: "N",
    help: "the step to explain, counted from 1 over the whole run (epoch 2's first step is rows + 1) (required)",
  },
  {
    flag: "--json",
    help: "print one JSON object: { step, epoch, row, x, y, lr, weightsBefore, prediction, squaredError, gradient, derivatives, state, weightsAfter, k, overshoots, batch? }",
  },
] as const;

export const explainCommand: Command = {
  name: "explain",
  summary:
    "explain one step with its numbers: ŷ written out, the error, each derivative, the optimizer's update, k",
  usage: "gradsheet explain [options] --step N [--json]",
  description: [
    "Shows the step's weights, ŷ = … written with numbers, e = (ŷ − y)², every derivative (the kind the run",
    "uses, the analytic one beside it), the optimizer's state update, the new weights, and",
    "k = 2·lr·‖∇ŷ‖² (2·Σ η_w·(∂ŷ/∂w)² for RMSProp and Adam): above 2 the step overshoots.",
    "With --batch N a row that does not end its batch only adds to the batch's sum; the last row updates",
    "with the mean. In JSON, gradient is the derivative that drives the update (the batch's mean Σ/n on",
    "an update row); NaN is written as null. The numbers are the core's, as the sheet's cells hold them.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "explain");
    noPositional(parsed, "explain");
    const step = text(parsed, "step");
    if (step === undefined)
      throw new ConfigError("step", "--step N is required: the step to explain, counted from 1.");
    const explained = explainRun(runOptionsFrom(parsed), step);
    io.out(parsed.flags.has("json") ? JSON.stringify(explained.json) + "\n" : explained.text);
    return 0;
  },
};
