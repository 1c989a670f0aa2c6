/**
 * `gradsheet sweep` and `gradsheet compare`: the same run at many learning rates, or with several
 * models, in summary mode. Each run's `epochs` and `divergence` are exactly what `gradsheet train`
 * prints for that run.
 */
import {
  BASE_MODEL_IDS,
  ConfigError,
  MODEL_IDS,
  type ModelId,
  type RunResult,
  type RunOptions,
} from "../../core";
import { compare, compareExperiment, logSpace, sweep, sweepExperiment } from "../../run";
import { optionalXlsxOut, writeWorkbookOut } from "../workbook-file";
import type { Command } from "../command";
import {
  RUN_OPTIONS,
  noPositional,
  numberList,
  parseArgs,
  runOptionsFrom,
  text,
  type OptionSpec,
  type ParsedArgs,
} from "../options";
import { num, table } from "../run-table";

const JSON_FLAG: OptionSpec = { flag: "--json", help: "print one JSON object with runs: [...]" };
const OUT_FLAG: OptionSpec = {
  flag: "--out",
  value: "FILE.xlsx",
  help: "also write the experiment as an .xlsx workbook",
};

function without(flag: string): OptionSpec[] {
  return RUN_OPTIONS.filter((o) => o.flag !== flag);
}

/** "1e-6,1e-5,1e-4" → the list; "1e-6:1e-2:9" → 9 log-spaced rates. */
export function parseLrs(s: string): number[] {
  if (s.includes(":")) {
    const p = s.split(":").map((v) => (v.trim() === "" ? NaN : Number(v)));
    if (p.length !== 3 || !p.every(Number.isFinite))
      throw new ConfigError(
        "lrs",
        `--lrs needs a list such as 1e-5,1e-4 or FROM:TO:COUNT such as 1e-6:1e-2:9, not "${s}".`
      );
    if (p[2] > 1000)
      throw new ConfigError("lrs", `--lrs asks for ${p[2]} rates; at most 1000 are allowed.`);
    return logSpace(p[0], p[1], p[2]);
  }
  const lrs = numberList("lrs", s, "--lrs");
  if (lrs.length > 1000)
    throw new ConfigError("lrs", `--lrs lists ${lrs.length} rates; at most 1000 are allowed.`);
  return lrs;
}

function required(parsed: ParsedArgs, name: string, example: string): string {
  const v = text(parsed, name);
  if (v === undefined)
    throw new ConfigError(name, `--${name} is required, e.g. --${name} ${example}.`);
  return v;
}

function finalRoot(r: { epochs: RunResult["epochs"] }): string {
  return num(r.epochs[r.epochs.length - 1].rootSse);
}

function divergedAt(r: { divergence: RunResult["divergence"] }): string {
  return r.divergence ? `epoch ${r.divergence.epoch}, row ${r.divergence.row}` : "-";
}

const SWEEP_OPTIONS: readonly OptionSpec[] = [
  {
    flag: "--lrs",
    value: "LIST",
    help: "learning rates: a list (1e-6,1e-5,1e-4) or FROM:TO:COUNT, log-spaced (1e-6:1e-2:9)",
  },
  ...without("--lr"),
  JSON_FLAG,
  OUT_FLAG,
];

export const sweepCommand: Command = {
  name: "sweep",
  summary: "train at several learning rates and find the largest one that stays stable",
  usage: "gradsheet sweep --lrs LIST [options] [--json]",
  description:
    "JSON: { runs: [{ lr, epochs, divergence }], largestStable }, epochs and divergence exactly as gradsheet train gives them.",
  options: SWEEP_OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, SWEEP_OPTIONS, "sweep");
    noPositional(parsed, "sweep");
    const lrs = parseLrs(required(parsed, "lrs", "1e-6,1e-5,1e-4"));
    const out = optionalXlsxOut(parsed);
    const options = runOptionsFrom(parsed);
    let result;
    if (out) {
      const e = sweepExperiment(options, lrs); // the pane's Sweep sheet, names scoped to it
      writeWorkbookOut(e.workbook, out);
      result = e.result;
    } else result = sweep(options, lrs);
    if (parsed.flags.has("json")) io.out(JSON.stringify(result) + "\n");
    else
      io.out(
        table(
          ["lr", "final √SSE", "diverged at"],
          result.runs.map((r) => [num(r.lr), finalRoot(r), divergedAt(r)])
        ) +
          `\n\nLargest stable learning rate: ${result.largestStable === null ? "none of these" : num(result.largestStable)}.\n`
      );
    return 0;
  },
};

const COMPARE_OPTIONS: readonly OptionSpec[] = [
  {
    flag: "--models",
    value: "LIST",
    help: `models to compare, e.g. ${BASE_MODEL_IDS.join(",")},relu-4 (any of ${BASE_MODEL_IDS.join(", ")}, relu-2 … relu-8)`,
  },
  ...without("--model"),
  JSON_FLAG,
  OUT_FLAG,
];

export const compareCommand: Command = {
  name: "compare",
  summary: "train several models on the same data, initial weights and learning rate",
  usage: "gradsheet compare --models LIST [options] [--json]",
  description: [
    "JSON: { runs: [{ model, epochs, divergence, collapsed? }] }, epochs and divergence exactly as gradsheet train gives them;",
    "collapsed (two-linear) is the one line it equals: slope a·c and intercept c·b + d.",
  ].join("\n"),
  options: COMPARE_OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, COMPARE_OPTIONS, "compare");
    noPositional(parsed, "compare");
    const models = required(parsed, "models", BASE_MODEL_IDS.join(","))
      .split(",")
      .map((m) => m.trim());
    for (const m of models)
      if (!MODEL_IDS.includes(m as ModelId))
        throw new ConfigError(
          "models",
          `Unknown model "${m}": choose from ${MODEL_IDS.join(", ")}.`
        );
    const out = optionalXlsxOut(parsed);
    const options: RunOptions = runOptionsFrom(parsed);
    const result = compare(options, models as ModelId[]);
    if (out) writeWorkbookOut(compareExperiment(options, models as ModelId[]).workbook, out);
    if (parsed.flags.has("json")) io.out(JSON.stringify(result) + "\n");
    else {
      const lines = result.runs.map((r) => [r.model, finalRoot(r), divergedAt(r)]);
      const notes = result.runs
        .filter((r) => r.collapsed)
        .map(
          (r) =>
            `${r.model} equals one line: ŷ = ${num(r.collapsed!.slope)}·x + ${num(r.collapsed!.intercept)}.`
        );
      io.out(
        table(["model", "final √SSE", "diverged at"], lines) +
          "\n" +
          (notes.length ? "\n" + notes.join("\n") + "\n" : "")
      );
    }
    return 0;
  },
};
