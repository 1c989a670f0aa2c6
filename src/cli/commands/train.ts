/** `gradsheet train`: run the core and print the epochs (and rows) as a table or as one JSON object. */
import { diagnostics, diagnosticsText, trainChecked } from "../../run";
import type { Command } from "../command";
import { RUN_OPTIONS, noPositional, parseArgs, runOptionsFrom } from "../options";
import { runJson } from "../run-json";
import { runTable } from "../run-table";

const OPTIONS = [
  ...RUN_OPTIONS,
  {
    flag: "--json",
    help: "print one JSON object: { config, epochs: [{ epoch, sse, rootSse, rmse, weights }], divergence, rows? }",
  },
  {
    flag: "--diagnostics",
    help: "add diagnostics: why it diverged, stability k per step, dead-ReLU rows, forward/central derivative error (always shown in the table)",
  },
  {
    flag: "--rows",
    help: "also record every step: rows: [{ epoch, row, step, x, y, weights, pred, error, analytic, forward, central, grad, state, newWeights, ... }]",
  },
] as const;

/** --rows keeps every step in memory and in the output (200,000 steps ≈ 120 MB of JSON, 0.9 GB of heap). */
export const ROWS_STEP_LIMIT = 200_000;

export const trainCommand: Command = {
  name: "train",
  summary: "run gradient descent and print each epoch's error and weights",
  usage: "gradsheet train [options] [--json] [--rows]",
  description: [
    "One optimizer step per data row (with --batch N: one per N rows, by the mean of their derivatives,",
    "the last batch of an epoch possibly shorter); each epoch starts from the previous epoch's last",
    "updated weights. sse is the sum of the rows' squared errors with the weights used in each row;",
    'rootSse = √sse is what graddesc labels "rmse"; rmse = √(sse / rows).',
    "In JSON, NaN and ±Infinity (a diverged run) are written as null; divergence is",
    "null or { epoch, row, step, quantity, value, reason } for the first row that diverged.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "train");
    noPositional(parsed, "train");
    const rows = parsed.flags.has("rows");
    const result = trainChecked(runOptionsFrom(parsed), {
      rows,
      refuse: {
        field: "rows",
        why: (steps) =>
          rows && steps > ROWS_STEP_LIMIT
            ? `--rows records every step, at most ${ROWS_STEP_LIMIT}; this run has ${steps} (epochs × data rows): leave out --rows for the epoch summaries.`
            : null,
      },
    });
    if (parsed.flags.has("json")) {
      const json = runJson(result);
      io.out(
        (parsed.flags.has("diagnostics")
          ? json.slice(0, -1) + `,"diagnostics":${JSON.stringify(diagnostics(result))}}`
          : json) + "\n"
      );
    } else io.out(runTable(result) + diagnosticsText(diagnostics(result)));
    return 0;
  },
};
