/**
 * Command-line options: a tiny parser (`--flag value`, `--flag=value`, boolean `--flag`) and the
 * run options every training command shares, turned into the core's RunOptions. Every mistake is
 * a ConfigError with one sentence; nothing here prints.
 */
import { readFileSync } from "node:fs";
import {
  BASE_MODEL_IDS, ConfigError, LIMITS, OPTIMIZER_IDS, PRESETS, parseCsv, presetById,
  type DataSpec, type RunOptions, type XSource,
} from "../core";

/** One flag. With `value` it takes an argument (its placeholder in help); without, it is a switch. */
export interface OptionSpec {
  flag: string;
  value?: string;
  help: string;
}

/** Parsed flags by name (without the dashes): a string for valued flags, true for switches. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** The run options of DESIGN.md's contract, shared by train, export and friends. */
export const RUN_OPTIONS: readonly OptionSpec[] = [
  { flag: "--preset", value: "ID", help: `start from a preset (${PRESETS.map((p) => p.id).join(", ")}); other flags override it` },
  { flag: "--model", value: "M", help: `${BASE_MODEL_IDS.join(" | ")} | relu-2 … relu-8 (a layer of n ReLU neurons) (default linear)` },
  { flag: "--optimizer", value: "O", help: `${OPTIMIZER_IDS.join(" | ")} (default sgd)` },
  { flag: "--lr", value: "N", help: "learning rate, above 0 (default 1e-4)" },
  { flag: "--epochs", value: "N", help: `number of epochs, 1 to ${LIMITS.maxEpochs} (default 1)` },
  { flag: "--gradient", value: "K", help: "analytic | forward | central: the derivative that drives the update (default analytic)" },
  { flag: "--h", value: "N", help: "finite-difference step, above 0 (default 0.01, graddesc's)" },
  { flag: "--batch", value: "N", help: "rows per mini-batch, 1 to the rows of an epoch: the weights change once per batch, by the mean derivative (default 1)" },
  { flag: "--init", value: "W", help: "initial weights: one number for all (--init 1) or by name (--init a=1,b=1,c=1,d=1; missing ones are 1)" },
  { flag: "--init-seed", value: "S", help: "seed of a wide model's default initial weights: a_j, b_j, c_j uniform in [−1, 1), d = 1 (default 1)" },
  { flag: "--beta", value: "N", help: "momentum β, Adam β1, RMSProp decay, in [0, 1) (default 0.9)" },
  { flag: "--beta2", value: "N", help: "Adam β2, in [0, 1) (default 0.999)" },
  { flag: "--eps", value: "N", help: "ε added to √(mean square) by RMSProp and Adam, ≥ 0 (default 1e-8; 0 as graddesc)" },
  { flag: "--no-bias-correction", help: "Adam without bias correction (graddesc's Adam sheet)" },
  { flag: "--x", value: "LIST", help: "x values, e.g. 14,86,28 (default: graddesc's 29 x values)" },
  { flag: "--data", value: "FILE", help: "CSV of x, or of x,y (one row per line, optional header)" },
  { flag: "--random", value: "N", help: "N x values drawn uniformly from 1..100 like graddesc's RANDBETWEEN(1,100)" },
  { flag: "--seed", value: "S", help: "seed for --random and --noise (default 1)" },
  { flag: "--range", value: "FROM:TO:STEP", help: "evenly spaced x, e.g. -80:120:10" },
  { flag: "--target", value: "SLOPE,INTERCEPT", help: "y = slope·x + intercept for generated y (default 2,30)" },
  { flag: "--noise", value: "SD", help: "add seeded Gaussian noise of this standard deviation to y" },
  { flag: "--shuffle", value: "SEED", help: "shuffle the rows of every epoch with this seed (default: data order)" },
];

/** Parse `args` against `specs`. Throws ConfigError on an unknown, repeated or valueless flag. */
export function parseArgs(args: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byFlag = new Map(specs.map((s) => [s.flag, s]));
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const spec = byFlag.get(flag);
    if (!spec) throw new ConfigError("options", `Unknown option "${flag}" for gradsheet ${command}; see gradsheet ${command} --help.`);
    const name = flag.slice(2);
    if (flags.has(name)) throw new ConfigError(name, `The option ${flag} is given twice.`);
    if (!spec.value) {
      if (eq >= 0) throw new ConfigError(name, `The option ${flag} takes no value.`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith("--")))
      throw new ConfigError(name, `The option ${flag} needs a value (${spec.value}).`);
    if (eq < 0) i++;
    flags.set(name, value);
  }
  return { flags, positional };
}

/** Throws unless there are no positional arguments. */
export function noPositional(parsed: ParsedArgs, command: string): void {
  if (parsed.positional.length)
    throw new ConfigError("options", `Unexpected argument "${parsed.positional[0]}" for gradsheet ${command}; options start with --.`);
}

/** A valued flag as text, or undefined when absent. */
export function text(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/** How the CLI reads a data file; tests may pass their own. */
export type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, "utf8");

/**
 * The core's RunOptions from parsed run flags (RUN_OPTIONS). Numbers stay text where the core
 * validates them (`resolveConfig` names the bad field); lists and sources are parsed here.
 */
export function runOptionsFrom(parsed: ParsedArgs, readFile: ReadFile = readUtf8): RunOptions {
  const presetId = text(parsed, "preset");
  const preset = presetId === undefined ? undefined : presetById(presetId);
  if (presetId !== undefined && !preset)
    throw new ConfigError("preset", `Unknown preset "${presetId}": choose one of ${PRESETS.map((p) => p.id).join(", ")}.`);
  const o: RunOptions = { ...preset?.options };
  const scalar = ["model", "optimizer", "lr", "epochs", "gradient", "h", "beta", "beta2", "eps", "batch"] as const;
  for (const name of scalar) {
    const v = text(parsed, name);
    if (v !== undefined) o[name] = v;
  }
  const init = text(parsed, "init");
  if (init !== undefined) o.init = parseInit(init);
  if (parsed.flags.has("no-bias-correction")) o.biasCorrection = false;
  const initSeed = text(parsed, "init-seed");
  if (initSeed !== undefined) o.initSeed = initSeed;
  const shuffle = text(parsed, "shuffle");
  if (shuffle !== undefined) o.shuffleSeed = shuffle;
  const data = dataFrom(parsed, readFile);
  if (data !== undefined) o.data = data;
  return o;
}

/** "1" → "1"; "a=1,b=2" → { a: "1", b: "2" } (the core checks the names and numbers). */
function parseInit(s: string): RunOptions["init"] {
  if (!s.includes("=")) return s;
  const w: Record<string, string> = {};
  for (const part of s.split(",")) {
    const m = /^\s*([A-Za-z]\w*)\s*=\s*(\S.*?)\s*$/.exec(part);
    if (!m) throw new ConfigError("init", `--init needs name=value pairs such as a=1,b=1, not "${part}".`);
    if (m[1] in w) throw new ConfigError("init", `--init names the weight ${m[1]} twice.`);
    w[m[1]] = m[2];
  }
  return w;
}

function dataFrom(parsed: ParsedArgs, readFile: ReadFile): RunOptions["data"] {
  const sources = ["x", "data", "random", "range"].filter((n) => parsed.flags.has(n));
  if (sources.length > 1)
    throw new ConfigError("data", `Give only one source of x values, not ${sources.map((n) => "--" + n).join(" and ")}.`);
  const seedText = text(parsed, "seed");
  const seed = seedText === undefined ? 1 : wholeNumber("seed", seedText, 0, 2 ** 32 - 1, "--seed");
  if (seedText !== undefined && !parsed.flags.has("random") && !parsed.flags.has("noise"))
    throw new ConfigError("seed", "--seed applies only with --random or --noise.");
  const targetText = text(parsed, "target");
  const noiseText = text(parsed, "noise");
  const noise = noiseText === undefined ? undefined : nonNegative("noise", noiseText, "--noise");

  let x: XSource | undefined;
  const list = text(parsed, "x");
  if (list !== undefined) x = { kind: "list", x: numberList("x", list, "--x") };
  const random = text(parsed, "random");
  if (random !== undefined) x = { kind: "random", n: wholeNumber("random", random, 1, LIMITS.maxRows, "--random"), seed };
  const range = text(parsed, "range");
  if (range !== undefined) x = parseRange(range);
  const file = text(parsed, "data");
  if (file !== undefined) {
    const csv = parseCsv(readData(file, readFile));
    if (csv.y) {
      if (targetText !== undefined || noise !== undefined)
        throw new ConfigError("data", `${file} gives y already; --target and --noise apply only to generated y.`);
      return csv.x.map((xv, i) => ({ x: xv, y: (csv.y as number[])[i] }));
    }
    x = { kind: "list", x: csv.x };
  }
  if (x === undefined && targetText === undefined && noise === undefined) return undefined;
  const spec: DataSpec = {};
  if (x) spec.x = x;
  if (targetText !== undefined) {
    const t = numberList("target", targetText, "--target");
    if (t.length !== 2) throw new ConfigError("target", `--target needs slope,intercept such as 2,30, not "${targetText}".`);
    spec.target = { slope: t[0], intercept: t[1] };
  }
  if (noise !== undefined) {
    spec.noise = noise;
    spec.noiseSeed = seed;
  }
  return spec;
}

function readData(file: string, readFile: ReadFile): string {
  try {
    return readFile(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ConfigError("data", `Cannot read the data file ${file}: ${why}.`);
  }
}

function parseRange(s: string): XSource {
  const p = s.split(":");
  const n = p.map((v) => (v.trim() === "" ? NaN : Number(v)));
  if (p.length !== 3 || !n.every(Number.isFinite))
    throw new ConfigError("range", `--range needs FROM:TO:STEP such as -80:120:10, not "${s}".`);
  return { kind: "range", from: n[0], to: n[1], step: n[2] };
}

/** "14, 86,28" → [14, 86, 28]; throws naming the first entry that is not a finite number. */
export function numberList(field: string, s: string, what: string): number[] {
  const parts = s.split(",").map((v) => v.trim());
  if (parts.length === 1 && parts[0] === "") throw new ConfigError(field, `${what} needs at least one number.`);
  return parts.map((v) => {
    const n = v === "" ? NaN : Number(v);
    if (!Number.isFinite(n)) throw new ConfigError(field, `${what} has "${v}", which is not a number.`);
    return n;
  });
}

function wholeNumber(field: string, s: string, lo: number, hi: number, what: string): number {
  const n = s.trim() === "" ? NaN : Number(s);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new ConfigError(field, `${what} must be a whole number from ${lo} to ${hi}, not "${s}".`);
  return n;
}

function nonNegative(field: string, s: string, what: string): number {
  const n = s.trim() === "" ? NaN : Number(s);
  if (!(n >= 0) || !Number.isFinite(n)) throw new ConfigError(field, `${what} must be a number of 0 or more, not "${s}".`);
  return n;
}

/** Help lines for a list of options, aligned. */
export function optionsHelp(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => (s.value ? `${s.flag} ${s.value}` : s.flag));
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}${s.help}`).join("\n");
}
