/**
 * `gradsheet <command> [options]`: the command table, help, and the one place errors become an
 * exit code. A ConfigError (bad option) prints its one sentence on stderr and exits 2; anything
 * else is a bug: one line on stderr, exit 1 (set GRADSHEET_DEBUG=1 for the stack).
 */
import { ConfigError } from "../core";
import type { CliIo, Command } from "./command";
import { exportCommand } from "./commands/export";
import { exerciseCommand } from "./commands/exercise";
import { checkCommand } from "./commands/check";
import { explainCommand } from "./commands/explain";
import { lessonCommand } from "./commands/lesson";
import { landscapeCommand } from "./commands/landscape";
import { compareCommand, sweepCommand } from "./commands/experiments";
import { doctorCommand } from "./commands/doctor";
import { trainCommand } from "./commands/train";
import { RUN_OPTIONS, optionsHelp } from "./options";

/** Every command, in help order. Add yours here. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  exportCommand,
  exerciseCommand,
  checkCommand,
  sweepCommand,
  compareCommand,
  landscapeCommand,
  explainCommand,
  lessonCommand,
  doctorCommand,
];

const processIo: CliIo = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/** Top-level help: the commands and the run options they share. */
export function mainHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "gradsheet: gradient descent, one row at a time, as data, tables and Excel workbooks.",
    "",
    "Usage: gradsheet <command> [options]      gradsheet <command> --help",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Run options (train, export and the other training commands):",
    optionsHelp(RUN_OPTIONS),
    "",
    "Bad options exit with status 2 and one line on stderr.",
    "",
  ].join("\n");
}

/** Help for one command. */
export function commandHelp(c: Command): string {
  return [
    `Usage: ${c.usage}`,
    "",
    c.summary + ".",
    ...(c.description ? ["", c.description] : []),
    "",
    "Options:",
    optionsHelp(c.options),
    "",
  ].join("\n");
}

/** Run the CLI with argv (without node and script); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly Command[] = COMMANDS
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(mainHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(
      `gradsheet: unknown command "${name}"; the commands are ${commands.map((c) => c.name).join(", ")} (see gradsheet --help).\n`
    );
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`gradsheet ${name}: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.err(`gradsheet ${name}: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.GRADSHEET_DEBUG) io.err(`${err?.stack ?? ""}\n`);
    return 1;
  }
}
