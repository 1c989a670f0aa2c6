/** What every `gradsheet` command provides, and how it talks to the terminal. */
import type { OptionSpec } from "./options";

/** Where a command writes. Tests pass a recorder; the binary passes stdout and stderr. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * One `gradsheet <name>` command. `main` prints its help for `--help`/`-h` (from `usage`,
 * `description` and `options`), so `run` never sees those flags.
 */
export interface Command {
  name: string;
  /** One line for `gradsheet --help`. */
  summary: string;
  /** e.g. "gradsheet train [options] [--json] [--rows]". */
  usage: string;
  /** A few sentences printed under the usage line. */
  description?: string;
  /** Every flag the command accepts, in help order. */
  options: readonly OptionSpec[];
  /** Exit code: 0 on success. Throw ConfigError for a bad option (main prints one line). */
  run(args: readonly string[], io: CliIo): number | Promise<number>;
}
