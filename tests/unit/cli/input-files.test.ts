/**
 * Every command that reads a user's file reads it one way (src/cli/safe-file's readInputFile):
 * `check FILE…`, `doctor FILE` and `--data FILE.csv` refuse a folder, a FIFO (without blocking on
 * it), a device such as /dev/zero (endless, here through a symlink named like a workbook) and a file above the size GradSheet reads, each in one
 * line naming what the path is, exit 2, before reading it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run-cli";

/** The most a workbook may hold: 512 MiB. */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), "gradsheet-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Paths that are not files GradSheet reads, and the words a refusal must say of each. */
function hostile(ext: string): [path: string, words: string][] {
  const folder = join(dir, `folder${ext}`);
  mkdirSync(folder, { recursive: true });
  const fifo = join(dir, `fifo${ext}`);
  execFileSync("mkfifo", ["-m", "600", fifo]);
  const zero = join(dir, `zero${ext}`);
  symlinkSync("/dev/zero", zero);
  return [
    [folder, "is a folder, not a file"],
    [fifo, "is a FIFO (named pipe), not a file"],
    [zero, "is a device, not a file"],
  ];
}

/** A sparse file one byte above `bytes`: its size is what counts, not its disk blocks. */
function bigFile(name: string, bytes: number): string {
  const p = join(dir, name);
  writeFileSync(p, "");
  truncateSync(p, bytes + 1);
  return p;
}

function expectOneLine(r: { code: number; out: string; err: string }, ...words: string[]) {
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  for (const w of words) expect(r.err).toContain(w);
}

describe("gradsheet check on a path that is not a workbook file", () => {
  it("names a folder, a FIFO and /dev/zero for what they are, exit 2, one line each", async () => {
    for (const [path, words] of hostile(".check.xlsx")) {
      const r = await cli("check", path);
      expectOneLine(r, `${path}: cannot grade it: it ${words}.`);
    }
  });

  it("refuses a file above 512 MiB before reading it", async () => {
    const big = bigFile("big.xlsx", MAX_INPUT_BYTES);
    const r = await cli("check", big);
    expectOneLine(r, "it is 513 MiB, more than the 512 MiB GradSheet reads.");
  });

  it("says a missing file does not exist", async () => {
    const r = await cli("check", join(dir, "missing.xlsx"));
    expectOneLine(r, "missing.xlsx: cannot grade it: it does not exist.");
  });
});

describe("gradsheet doctor on a path that is not a workbook file", () => {
  it("names a folder, a FIFO and /dev/zero for what they are, exit 2, one line each", async () => {
    for (const [path, words] of hostile(".doctor.xlsx")) {
      const r = await cli("doctor", path);
      expectOneLine(r, `gradsheet doctor: ${path} ${words}.`);
    }
  });

  it("refuses a file above 512 MiB before reading it", async () => {
    const big = bigFile("big-doctor.xlsx", MAX_INPUT_BYTES);
    const r = await cli("doctor", big);
    expectOneLine(r, `${big} is 513 MiB, more than the 512 MiB GradSheet reads.`);
  });
});

describe("--data on a path that is not a data file", () => {
  it("names a folder, a FIFO and /dev/zero for what they are, in train and export", async () => {
    for (const [path, words] of hostile(".csv")) {
      for (const command of ["train", "export"]) {
        const out = join(dir, "never.xlsx");
        const r = await cli(
          command,
          "--data",
          path,
          ...(command === "export" ? ["--out", out] : [])
        );
        expectOneLine(r, `the data file ${path} ${words}.`);
      }
    }
  });

  it("refuses a data file above 128 MiB (a worksheet's rows of a few columns fit well below)", async () => {
    const big = bigFile("big.csv", 128 * 1024 * 1024);
    const r = await cli("train", "--data", big);
    expectOneLine(r, `the data file ${big} is 129 MiB, more than the 128 MiB GradSheet reads.`);
  });
});
