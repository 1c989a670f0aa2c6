/**
 * The run options that say where x and y come from (--x, --data, --random, --range, --target,
 * --noise, --seed), turned into the core's data spec. Every mistake is a ConfigError naming its flag.
 */
import {
  ConfigError,
  LIMITS,
  parseCsv,
  type DataSpec,
  type RunOptions,
  type XSource,
  parseDecimal,
} from "../core";
import { text, type ParsedArgs } from "./args";

/** Reads a data file's text (the CLI passes the file system; tests pass a table). */
export type ReadFile = (path: string) => string;

/** The run's data from the source flags, or undefined when none is given (the preset's data). */
export function dataFrom(parsed: ParsedArgs, readFile: ReadFile): RunOptions["data"] {
  const sources = ["x", "data", "random", "range"].filter((n) => parsed.flags.has(n));
  if (sources.length > 1)
    throw new ConfigError(
      "data",
      `Give only one source of x values, not ${sources.map((n) => "--" + n).join(" and ")}.`
    );
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
  if (random !== undefined)
    x = { kind: "random", n: wholeNumber("random", random, 1, LIMITS.maxRows, "--random"), seed };
  const range = text(parsed, "range");
  if (range !== undefined) x = parseRange(range);
  const file = text(parsed, "data");
  if (file !== undefined) {
    const csv = parseCsv(readData(file, readFile), {
      ...(text(parsed, "x-column") !== undefined ? { x: text(parsed, "x-column") } : {}),
      ...(text(parsed, "y-column") !== undefined ? { y: text(parsed, "y-column") } : {}),
    });
    if (csv.y) {
      if (targetText !== undefined || noise !== undefined)
        throw new ConfigError(
          "data",
          `${file} gives y already; --target and --noise apply only to generated y.`
        );
      return csv.x.map((xv, i) => ({ x: xv, y: (csv.y as number[])[i] }));
    }
    x = { kind: "list", x: csv.x };
  }
  for (const flag of ["x-column", "y-column"])
    if (parsed.flags.has(flag) && file === undefined)
      throw new ConfigError(flag, `--${flag} applies only with --data.`);
  if (x === undefined && targetText === undefined && noise === undefined) return undefined;
  const spec: DataSpec = {};
  if (x) spec.x = x;
  if (targetText !== undefined) {
    const t = numberList("target", targetText, "--target");
    if (t.length !== 2)
      throw new ConfigError(
        "target",
        `--target needs slope,intercept such as 2,30, not "${targetText}".`
      );
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
    if (e instanceof ConfigError) throw e;
    const why =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ConfigError("data", `Cannot read the data file ${file}: ${why}.`);
  }
}

function parseRange(s: string): XSource {
  const p = s.split(":");
  const n = p.map(parseDecimal);
  if (p.length !== 3 || !n.every(Number.isFinite))
    throw new ConfigError("range", `--range needs FROM:TO:STEP such as -80:120:10, not "${s}".`);
  return { kind: "range", from: n[0], to: n[1], step: n[2] };
}

/** "14, 86,28" → [14, 86, 28]; throws naming the first entry that is not a finite number. */
export function numberList(field: string, s: string, what: string): number[] {
  const parts = s.split(",").map((v) => v.trim());
  if (parts.length === 1 && parts[0] === "")
    throw new ConfigError(field, `${what} needs at least one number.`);
  return parts.map((v) => {
    const n = parseDecimal(v);
    if (!Number.isFinite(n))
      throw new ConfigError(field, `${what} has "${v}", which is not a number.`);
    return n;
  });
}

export function wholeNumber(
  field: string,
  s: string,
  lo: number,
  hi: number,
  what: string
): number {
  const n = parseDecimal(s);
  if (!Number.isInteger(n) || n < lo || n > hi)
    throw new ConfigError(field, `${what} must be a whole number from ${lo} to ${hi}, not "${s}".`);
  return n;
}

function nonNegative(field: string, s: string, what: string): number {
  const n = parseDecimal(s);
  if (!(n >= 0) || !Number.isFinite(n))
    throw new ConfigError(field, `${what} must be a number of 0 or more, not "${s}".`);
  return n;
}
