/**
 * Files in and out, safe by construction, for every command that reads or writes one:
 * - an input must be a regular file: a folder, FIFO, socket or device is refused after a `stat`,
 *   before anything opens it (so a FIFO never blocks);
 * - an output must not be an input (same path, a symlink or a hard link to it: same device and
 *   inode) nor an existing folder, FIFO or device;
 * - an output is written to a temporary file in its own folder and renamed over the name only when
 *   complete; on any error (a full disk included) or on SIGINT/SIGTERM the temporary file is removed,
 *   so a failure leaves nothing behind and never a half-written file.
 * Every refusal is a ConfigError: one line, exit 2.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ConfigError } from "../core";

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "part of its path is not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is full",
  EFBIG: "the file is too large for the file system",
};

/** What a path is, in words, when it is not a regular file. */
function kindOf(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** stat, or undefined when nothing is there. */
function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw e;
  }
}

/** The largest input file read: a workbook or data file above it is refused before it is read. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const mib = (n: number): string => `${Math.ceil(n / 1048576)} MiB`;

/**
 * An input file that cannot be read; `reason` completes "the file …" ("is a folder, not a file",
 * "does not exist"), so a command that reads several files can say it per file.
 */
export class InputFileError extends ConfigError {
  constructor(
    field: string,
    what: string,
    readonly reason: string
  ) {
    super(field, `${what} ${reason}.`);
  }
}

/** Why a file of `s` cannot be read, or undefined when it can. */
function refusal(s: Stats, maxBytes: number): string | undefined {
  const kind = kindOf(s);
  if (kind) return `is ${kind}, not a file`;
  if (s.size > maxBytes) return `is ${mib(s.size)}, more than the ${mib(maxBytes)} GradSheet reads`;
  return undefined;
}

/**
 * The bytes of an input file; `field` names the option in a refusal (an InputFileError: one line,
 * exit 2). Refuses anything but a regular file and a file above `maxBytes` before opening it,
 * checks again on the open descriptor (a swap in between), and reads at most `maxBytes` (a file
 * growing meanwhile is refused too).
 */
export function readInputFile(
  path: string,
  field: string,
  what = path,
  maxBytes = MAX_INPUT_BYTES
): Buffer {
  const fail = (reason: string): never => {
    throw new InputFileError(field, what, reason);
  };
  let s: Stats | undefined;
  try {
    s = statOrNothing(path);
  } catch (e) {
    return fail(`cannot be read (${errorCode(e)})`);
  }
  if (!s) return fail("does not exist");
  const before = refusal(s, maxBytes);
  if (before) return fail(before);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    return fail(`cannot be read (${errorCode(e)})`);
  }
  try {
    const stat = fstatSync(fd);
    const now = refusal(stat, maxBytes);
    if (now) return fail(now);
    return (
      readAtMost(fd, stat.size, maxBytes) ?? fail(`grew past the ${mib(maxBytes)} GradSheet reads`)
    );
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    return fail(`cannot be read (${errorCode(e)})`);
  } finally {
    closeSync(fd);
  }
}

/**
 * All bytes of `fd` when there are at most `max`, undefined when there are more. The buffer starts
 * at the size `stat` gave (plus one byte, to see a file that grew) and doubles, up to `max + 1`, only
 * for a file that says less than it holds (a growing file, /proc).
 */
function readAtMost(fd: number, size: number, max: number): Buffer | undefined {
  let buf = Buffer.allocUnsafe(Math.min(Math.max(size, 65535) + 1, max + 1));
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total > max) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
      buf.copy(grown, 0, 0, total);
      buf = grown;
    }
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) return buf.subarray(0, total);
    total += n;
  }
}

/**
 * Refuse an output that is one of `inputs` (the same path, or the same file through a symlink or
 * a hard link) or that exists as anything but a regular file.
 */
export function checkOutput(out: string, field: string, inputs: readonly string[] = []): void {
  let o: Stats | undefined;
  try {
    o = statOrNothing(out);
  } catch (e) {
    throw new ConfigError(field, `Cannot write ${out}: ${errorCode(e)}.`);
  }
  for (const input of inputs) {
    const i = statOrNothing(input);
    const same = resolve(input) === resolve(out) || (o && i && o.dev === i.dev && o.ino === i.ino);
    if (same)
      throw new ConfigError(
        field,
        `--${field} ${out} is the input ${input}: name a new file; gradsheet never changes ${input} itself.`
      );
  }
  const kind = o && kindOf(o);
  if (kind)
    throw new ConfigError(
      field,
      `Cannot write ${out}: ${o?.isDirectory() ? "EISDIR (it is a folder)" : `it is ${kind}`}.`
    );
}

/** Temporary files being written, removed on SIGINT/SIGTERM. */
const pending = new Set<string>();
let handlersInstalled = false;

function removePending(): void {
  for (const p of pending) rmSync(p, { force: true });
  pending.clear();
}

/**
 * On SIGINT/SIGTERM: remove the temporary files, then die of the signal as usual. Node runs the
 * handler between tasks, so a signal during a (synchronous) write lets the write finish and the
 * output be renamed whole (the command may then end with its own exit code before the handler
 * runs); without a handler the signal would kill the process mid-write, leaving the temporary file
 * (tests/e2e/cli-signal.test.ts).
 */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    const onSignal = (): void => {
      removePending();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
  process.on("exit", removePending);
}

/** Writes one chunk of an output (all of it). */
export type ChunkSink = (bytes: Uint8Array) => void;

/**
 * Write an output through `produce`, which is handed a sink for its bytes: they go to a temporary
 * file beside `out` (`.NAME.PID.RANDOM.tmp`), renamed to `out` once `produce` returns. On any error
 * the temporary file is removed and the error rethrown; `out` is then as it was. Returns the size.
 */
export function writeOutputFile(out: string, produce: (sink: ChunkSink) => void): number {
  installSignalHandlers();
  const temp = join(
    dirname(out),
    `.${basename(out)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`
  );
  const fd = openSync(temp, "wx");
  pending.add(temp);
  let size = 0;
  let open = true;
  try {
    produce((b) => {
      for (let at = 0; at < b.length;) at += writeSync(fd, b, at);
      size += b.length;
    });
    closeSync(fd);
    open = false;
    renameSync(temp, out);
    pending.delete(temp);
  } catch (e) {
    if (open)
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    rmSync(temp, { force: true });
    pending.delete(temp);
    throw e;
  }
  return size;
}

/**
 * `writeOutputFile` for a command's output option (`field`): the output is checked first
 * (checkOutput), and a file-system failure is one line naming the path and why (exit 2).
 */
export function writeOutput(
  out: string,
  field: string,
  produce: (sink: ChunkSink) => void,
  inputs: readonly string[] = []
): number {
  checkOutput(out, field, inputs);
  try {
    return writeOutputFile(out, produce);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code || e instanceof ConfigError) throw e;
    throw new ConfigError(
      field,
      `Cannot write ${out}: ${code}${WRITE_ERRORS[code] ? ` (${WRITE_ERRORS[code]})` : ""}.`
    );
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}
