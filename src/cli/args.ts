/**
 * A tiny command-line parser: `--flag value`, `--flag=value` and boolean `--flag`, checked against
 * a list of OptionSpecs, with aligned help lines. Every mistake is a ConfigError with one sentence.
 */
import { ConfigError } from "../core";

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
/** Parse `args` against `specs`. Throws ConfigError on an unknown, repeated or valueless flag. */
export function parseArgs(
  args: readonly string[],
  specs: readonly OptionSpec[],
  command: string
): ParsedArgs {
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
    if (!spec)
      throw new ConfigError(
        "options",
        `Unknown option "${flag}" for gradsheet ${command}; see gradsheet ${command} --help.`
      );
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
    throw new ConfigError(
      "options",
      `Unexpected argument "${parsed.positional[0]}" for gradsheet ${command}; options start with --.`
    );
}

/** A valued flag as text, or undefined when absent. */
export function text(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/** How the CLI reads a data file; tests may pass their own. */
/** Help lines for a list of options, aligned. */
export function optionsHelp(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => (s.value ? `${s.flag} ${s.value}` : s.flag));
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}${s.help}`).join("\n");
}
