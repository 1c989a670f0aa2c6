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
  readFileSync,
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

/**
 * The bytes of an input file; `field` names the option in a refusal. Refuses anything but a
 * regular file before opening it, and checks again on the open descriptor (a swap in between).
 */
export function readInputFile(path: string, field: string, what = path): Buffer {
  let s: Stats | undefined;
  try {
    s = statOrNothing(path);
  } catch (e) {
    throw new ConfigError(field, `Cannot read ${what} (${errorCode(e)}).`);
  }
  if (!s) throw new ConfigError(field, `${what} does not exist.`);
  const kind = kindOf(s);
  if (kind) throw new ConfigError(field, `${what} is ${kind}, not a file.`);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new ConfigError(field, `Cannot read ${what} (${errorCode(e)}).`);
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) throw new ConfigError(field, `${what} is ${kindOf(now)}, not a file.`);
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(field, `Cannot read ${what} (${errorCode(e)}).`);
  } finally {
    closeSync(fd);
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

/** On SIGINT/SIGTERM: remove the temporary files, then die of the signal as usual. */
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
