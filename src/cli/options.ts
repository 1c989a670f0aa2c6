/**
 * The run options every training command shares, turned into the core's RunOptions (the parser is
 * ./args, the data flags ./data-options). Every mistake is a ConfigError with one sentence; nothing
 * here prints.
 */
import {
  BASE_MODEL_IDS,
  ConfigError,
  LIMITS,
  OPTIMIZER_IDS,
  PRESETS,
  presetById,
  type RunOptions,
  parseDecimal,
} from "../core";
import {
  noPositional,
  optionsHelp,
  parseArgs,
  text,
  type OptionSpec,
  type ParsedArgs,
} from "./args";
import { dataFrom, numberList, wholeNumber, type ReadFile } from "./data-options";
import { readInputFile } from "./safe-file";

export {
  noPositional,
  numberList,
  optionsHelp,
  parseArgs,
  text,
  type OptionSpec,
  type ParsedArgs,
  type ReadFile,
};

export const RUN_OPTIONS: readonly OptionSpec[] = [
  {
    flag: "--preset",
    value: "ID",
    help: `start from a preset (${PRESETS.map((p) => p.id).join(", ")}); other flags override it`,
  },
  {
    flag: "--model",
    value: "M",
    help: `${BASE_MODEL_IDS.join(" | ")} | relu-2 … relu-8 (a layer of n ReLU neurons) (default linear)`,
  },
  { flag: "--optimizer", value: "O", help: `${OPTIMIZER_IDS.join(" | ")} (default sgd)` },
  { flag: "--lr", value: "N", help: "learning rate, above 0 (default 1e-4)" },
  { flag: "--epochs", value: "N", help: `number of epochs, 1 to ${LIMITS.maxEpochs} (default 1)` },
  {
    flag: "--gradient",
    value: "K",
    help: "analytic | forward | central: the derivative that drives the update (default analytic)",
  },
  { flag: "--h", value: "N", help: "finite-difference step, above 0 (default 0.01, graddesc's)" },
  {
    flag: "--batch",
    value: "N",
    help: "rows per mini-batch, 1 to the rows of an epoch: the weights change once per batch, by the mean derivative (default 1)",
  },
  {
    flag: "--init",
    value: "W",
    help: "initial weights: one number for all (--init 1) or by name (--init a=1,b=1,c=1,d=1; missing ones are 1); in compare, as in the pane, one number starts the 1- and 2-neuron models only: a relu-n layer keeps its seeded draw (--init-seed), since equal weights keep its neurons identical",
  },
  {
    flag: "--init-seed",
    value: "S",
    help: "seed of a wide model's default initial weights: a_j, b_j, c_j uniform in [−1, 1), d = 1 (default 1)",
  },
  {
    flag: "--beta",
    value: "N",
    help: "momentum β, Adam β1, RMSProp decay, in [0, 1) (default 0.9)",
  },
  { flag: "--beta2", value: "N", help: "Adam β2, in [0, 1) (default 0.999)" },
  {
    flag: "--eps",
    value: "N",
    help: "ε added to √(mean square) by RMSProp and Adam, ≥ 0 (default 1e-8; 0 as graddesc)",
  },
  { flag: "--no-bias-correction", help: "Adam without bias correction (graddesc's Adam sheet)" },
  { flag: "--x", value: "LIST", help: "x values, e.g. 14,86,28 (default: graddesc's 29 x values)" },
  {
    flag: "--data",
    value: "FILE",
    help: "CSV of x, or of x,y (one row per line, optional header)",
  },
  {
    flag: "--x-column",
    value: "C",
    help: "with --data: the column of x, by header or number (needed when the file has more than two columns)",
  },
  { flag: "--y-column", value: "C", help: "with --data: the column of y, by header or number" },
  {
    flag: "--random",
    value: "N",
    help: "N x values drawn uniformly from 1..100 like graddesc's RANDBETWEEN(1,100)",
  },
  { flag: "--seed", value: "S", help: "seed for --random and --noise (default 1)" },
  { flag: "--range", value: "FROM:TO:STEP", help: "evenly spaced x, e.g. -80:120:10" },
  {
    flag: "--target",
    value: "SLOPE,INTERCEPT",
    help: "y = slope·x + intercept for generated y (default 2,30)",
  },
  {
    flag: "--noise",
    value: "SD",
    help: "add seeded Gaussian noise of this standard deviation to y",
  },
  {
    flag: "--shuffle",
    value: "SEED",
    help: "shuffle the rows of every epoch with this seed (default: data order)",
  },
  {
    flag: "--variant",
    value: "K",
    help: "one variant per learner (1 to 1000000): seeded x values (as many as the default's, in its range) and initial weights; given --x or --init are kept",
  },
];

/** The largest --data file read: ample for a worksheet's 1,048,576 rows of a few columns. */
const MAX_DATA_BYTES = 128 * 1024 * 1024;

const readUtf8: ReadFile = (path) =>
  readInputFile(path, "data", `the data file ${path}`, MAX_DATA_BYTES).toString("utf8");

/**
 * The core's RunOptions from parsed run flags (RUN_OPTIONS). Numbers stay text where the core
 * validates them (`resolveConfig` names the bad field); lists and sources are parsed here.
 */
export function runOptionsFrom(parsed: ParsedArgs, readFile: ReadFile = readUtf8): RunOptions {
  const presetId = text(parsed, "preset");
  const preset = presetId === undefined ? undefined : presetById(presetId);
  if (presetId !== undefined && !preset)
    throw new ConfigError(
      "preset",
      `Unknown preset "${presetId}": choose one of ${PRESETS.map((p) => p.id).join(", ")}.`
    );
  const o: RunOptions = { ...preset?.options };
  const scalar = [
    "model",
    "optimizer",
    "lr",
    "epochs",
    "gradient",
    "h",
    "beta",
    "beta2",
    "eps",
    "batch",
  ] as const;
  for (const name of scalar) {
    const v = text(parsed, name);
    if (v === undefined) continue;
    if (name !== "model" && name !== "optimizer" && name !== "gradient") decimal(name, v);
    o[name] = v;
  }
  const init = text(parsed, "init");
  if (init !== undefined) o.init = parseInit(init);
  if (parsed.flags.has("no-bias-correction")) o.biasCorrection = false;
  // Seeds are checked whatever the model: a seed the run does not use is still a mistake to report.
  const initSeed = text(parsed, "init-seed");
  if (initSeed !== undefined)
    o.initSeed = wholeNumber("init-seed", initSeed, 0, 2 ** 32 - 1, "--init-seed (the init seed)");
  const shuffle = text(parsed, "shuffle");
  if (shuffle !== undefined)
    o.shuffleSeed = wholeNumber("shuffle", shuffle, 0, 2 ** 32 - 1, "--shuffle (the shuffle seed)");
  const variant = text(parsed, "variant");
  if (variant !== undefined) o.variant = variant;
  const data = dataFrom(parsed, readFile);
  if (data !== undefined) o.data = data;
  return o;
}

/** Refuse a number that is not written in decimal ("0x10", "Infinity", "1_0"): --lr 0x10 is not 16. */
function decimal(name: string, v: string): void {
  if (Number.isNaN(parseDecimal(v)))
    throw new ConfigError(
      name,
      `--${name} (${WORDS[name] ?? name}) must be a decimal number such as 0.001, not "${v}".`
    );
}

const WORDS: Record<string, string> = {
  lr: "the learning rate",
  epochs: "the number of epochs",
  h: "the finite-difference step",
  beta: "β",
  beta2: "β2",
  eps: "ε",
  batch: "the batch size",
  init: "an initial weight",
};

/** "1" → "1"; "a=1,b=2" → { a: "1", b: "2" } (the core checks the names and ranges). */
function parseInit(s: string): RunOptions["init"] {
  if (!s.includes("=")) {
    decimal("init", s);
    return s;
  }
  const w: Record<string, string> = {};
  for (const part of s.split(",")) {
    const m = /^\s*([A-Za-z]\w*)\s*=\s*(\S.*?)\s*$/.exec(part);
    if (!m)
      throw new ConfigError(
        "init",
        `--init needs name=value pairs such as a=1,b=1, not "${part}".`
      );
    if (m[1] in w) throw new ConfigError("init", `--init names the weight ${m[1]} twice.`);
    decimal("init", m[2]);
    w[m[1]] = m[2];
  }
  return w;
}
