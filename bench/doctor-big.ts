/**
 * The doctor on a big but legal workbook (issue 23): a 600,000-row sheet with a line chart over
 * every row (its caches holding every point). Targets: diagnosed (`doctor --json`) in under 5 s,
 * fixed (`--fix`) in under 10 s, each with a peak resident memory under 1 GiB. Each run is its own
 * process (bench/lib/doctor-child.ts), so its peak memory is its own.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bigBook } from "./lib/big-book";
import type { BenchResult } from "./lib/types";

const ROWS = 600_000;

interface ChildRun {
  code: number;
  seconds: number;
  peakMiB: number;
}

function child(file: string, out?: string): ChildRun {
  const stdout = execFileSync(
    process.execPath,
    ["--import", "tsx", join(__dirname, "lib", "doctor-child.ts"), file, ...(out ? [out] : [])],
    { encoding: "utf8", maxBuffer: 1 << 20 }
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as ChildRun;
}

export async function bench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "gradsheet-bench-doctor-"));
  try {
    const file = join(dir, "big.xlsx");
    writeFileSync(file, bigBook(ROWS));
    const size = statSync(file).size / 1024 / 1024;
    const diagnose = child(file);
    const fix = child(file, join(dir, "fixed.xlsx"));
    const table = [
      `workbook: ${ROWS.toLocaleString("en-US")} rows, a chart over every row, ${size.toFixed(1)} MiB`,
      `doctor --json   exit ${diagnose.code}  ${diagnose.seconds.toFixed(2)} s  peak ${diagnose.peakMiB.toFixed(0)} MiB`,
      `doctor --fix    exit ${fix.code}  ${fix.seconds.toFixed(2)} s  peak ${fix.peakMiB.toFixed(0)} MiB`,
    ].join("\n");
    return {
      name: "doctor-big",
      table,
      json: { rows: ROWS, fileMiB: size, diagnose, fix },
      targets: [
        { what: "600k-row book diagnosed in under 5 s", met: diagnose.seconds < 5 },
        { what: "600k-row book fixed in under 10 s", met: fix.seconds < 10 },
        {
          what: "peak memory under 1 GiB for both",
          met: diagnose.peakMiB < 1024 && fix.peakMiB < 1024,
        },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
