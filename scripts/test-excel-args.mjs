/**
 * How scripts/test-excel.mjs starts npx, apart so it can be tested on any machine. On Windows,
 * `npx.cmd` can only be spawned through a shell (Node 20 refuses .cmd files without one), and a
 * shell splits an argument with spaces ("npx webpack serve --config …" for --dev-server) into
 * words. So npm's own npx-cli.js is run with this Node, no shell, every argument passed as it is;
 * only when that file is missing is the shell used, each argument quoted for cmd.exe.
 */
import { dirname, join } from "node:path";

/** `arg` quoted for cmd.exe when it has spaces or characters cmd treats specially. */
export function quoteForCmd(arg) {
  if (arg !== "" && !/[\s"&|<>^()%!]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, "$1$1")}"`;
}

/**
 * The command, arguments and shell flag that run `npx args…`: `exists(path)` says whether a file
 * is there (npm's npx-cli.js beside node on Windows).
 */
export function npxInvocation(
  args,
  platform = process.platform,
  execPath = process.execPath,
  exists = () => false
) {
  if (platform !== "win32") return { command: "npx", args, shell: false };
  const cli = join(dirname(execPath), "node_modules", "npm", "bin", "npx-cli.js");
  if (exists(cli)) return { command: execPath, args: [cli, ...args], shell: false };
  return { command: "npx.cmd", args: args.map(quoteForCmd), shell: true };
}

/** The command that closes Excel after the run, as Microsoft's add-in templates do; null where there is none. */
export function closeExcelCommand(platform = process.platform) {
  if (platform === "win32") return { command: "taskkill", args: ["/im", "excel.exe", "/f"] };
  if (platform === "darwin")
    return { command: "osascript", args: ["-e", 'quit app "Microsoft Excel"'] };
  return null;
}
