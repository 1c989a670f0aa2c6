/**
 * The doctor's promises on any file (issue 23), checked on seeded mutants of the project's own and
 * hand-made workbooks (see ./doctor-fuzz/mutants.ts): the built CLI runs `doctor FILE --json` and
 * `doctor FILE --fix OUT` as a child process per mutant, with a memory limit
 * (--max-old-space-size=1024) and a time limit (60 s), and each run must:
 *   exit 0, 1 or 2 (never killed, never out of memory); with 2, print one line on stderr; never a
 *   stack trace or an internal error; leave the input's bytes unchanged; with --fix, leave either a
 *   whole output (exit 0/1) or none (exit 2), and no temporary file.
 * GRADSHEET_FUZZ_COUNT=N runs N mutants (default 200); GRADSHEET_FUZZ_SEED=S runs mutant S alone.
 * A failure names its seed. The CLI is built first (npm run build:cli) unless GRADSHEET_FUZZ_NO_BUILD=1.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpus } from "../unit/doctor/corpus";
import {
  buildWorkbook,
  errorByEpochBook,
  forumBook,
  secondaryBook,
} from "../unit/doctor/workbooks";
import { mutant } from "./doctor-fuzz/mutants";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "gradsheet.js");
const COUNT = Number(process.env.GRADSHEET_FUZZ_COUNT ?? 200);
const ONE = process.env.GRADSHEET_FUZZ_SEED;
const FIRST_SEED = 23_000;
const TIME_LIMIT_MS = 60_000;
const PARALLEL = 2;

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--max-old-space-size=1024", BIN, ...args], {
      timeout: TIME_LIMIT_MS,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** The promises one run broke, in words (empty when it kept them all). */
function broken(run: Run, json: boolean): string[] {
  const out: string[] = [];
  if (run.signal) out.push(`killed by ${run.signal} (time or memory limit)`);
  else if (run.code === null || ![0, 1, 2].includes(run.code)) out.push(`exit ${run.code}`);
  if (/\n\s+at .+:\d+:\d+\)?/.test(run.stderr)) out.push("a stack trace on stderr");
  if (/internal error|FATAL|heap out of memory/i.test(run.stderr))
    out.push(`an internal error: ${run.stderr.trim().slice(0, 200)}`);
  if (run.code === 2 && run.stderr.trim().split("\n").length !== 1)
    out.push(`exit 2 with ${run.stderr.trim().split("\n").length} lines on stderr`);
  if (run.code === 2 && run.stdout !== "") out.push("exit 2 with output on stdout");
  if (json && (run.code === 0 || run.code === 1))
    try {
      JSON.parse(run.stdout);
    } catch {
      out.push("--json printed something that is not one JSON object");
    }
  return out;
}

let dir = "";
const bases: Uint8Array[] = [];
const zeros = new Uint8Array(64 * 1024 * 1024);

beforeAll(() => {
  if (
    process.env.GRADSHEET_FUZZ_NO_BUILD !== "1" ||
    !existsSync(join(ROOT, "build", "cli", "main.js"))
  )
    execFileSync("npm", ["run", "build:cli"], { cwd: ROOT, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "gradsheet-doctor-fuzz-"));
  // The project's own workbooks, as its CLI writes them.
  for (const args of [
    ["export", "--epochs", "2"],
    ["lesson"],
    ["export", "--model", "two-relu", "--optimizer", "adam"],
  ]) {
    const out = join(dir, `own-${bases.length}.xlsx`);
    execFileSync(process.execPath, [BIN, ...args, "--out", out], { stdio: "ignore" });
    bases.push(Uint8Array.from(readFileSync(out))); // a copy: a Buffer's slice() would share it
    rmSync(out);
  }
  // Hand-made ones: the forum's, the secondary axis, graddesc's epoch log, the doctor's corpus.
  bases.push(
    buildWorkbook(forumBook()),
    buildWorkbook(forumBook({ macro: true, calcMode: "manual" })),
    buildWorkbook(secondaryBook({ hidden: true })),
    buildWorkbook(errorByEpochBook()),
    ...corpus().map((c) => c.bytes)
  );
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run both commands on mutant `seed`; the broken promises, each prefixed with the seed. */
async function check(seed: number): Promise<string[]> {
  const m = mutant(seed, bases, zeros);
  const own = join(dir, `m${seed}`);
  rmSync(own, { recursive: true, force: true });
  execFileSync("mkdir", ["-p", own]);
  const file = join(own, `book${m.ext}`);
  const out = join(own, `fixed${m.ext}`);
  writeFileSync(file, m.bytes);
  const before = sha(m.bytes);
  const failures: string[] = [];
  const report = (what: string) =>
    failures.push(`seed ${seed} (${m.what}): ${what} — rerun with GRADSHEET_FUZZ_SEED=${seed}`);
  const diagnose = await cli(["doctor", file, "--json"]);
  for (const b of broken(diagnose, true)) report(`doctor --json: ${b}`);
  const fix = await cli(["doctor", file, "--fix", out]);
  for (const b of broken(fix, false)) report(`doctor --fix: ${b}`);
  if (sha(readFileSync(file)) !== before) report("the input changed");
  const left = readdirSync(own).filter((n) => n !== `book${m.ext}` && n !== `fixed${m.ext}`);
  if (left.length) report(`files left behind: ${left.join(", ")}`);
  const wrote = existsSync(out);
  if (fix.code === 2 && wrote) report("--fix exited 2 but wrote an output");
  if ((fix.code === 0 || fix.code === 1) && !wrote)
    report(`--fix exited ${fix.code} without an output`);
  if (wrote && fix.code !== 2) {
    const again = await cli(["doctor", out, "--json"]);
    if (again.code === 2) report(`the fixed copy is refused: ${again.stderr.trim()}`);
  }
  if (!failures.length) rmSync(own, { recursive: true, force: true });
  return failures;
}

describe("the doctor on seeded mutants of workbooks", () => {
  it(
    `keeps its promises on ${ONE ? `mutant ${ONE}` : `${COUNT} mutants`} (doctor --json and --fix)`,
    async () => {
      const seeds = ONE ? [Number(ONE)] : Array.from({ length: COUNT }, (_, k) => FIRST_SEED + k);
      const failures: string[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < seeds.length) failures.push(...(await check(seeds[next++])));
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      expect(failures, failures.join("\n")).toEqual([]);
    },
    24 * 3600_000
  );
});
