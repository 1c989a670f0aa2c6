/**
 * Headless LibreOffice as the end-to-end oracle: runs `lo_recalc.py` beside it with
 * Debian's python3 (the one python3-uno is built for) and returns its JSON dump.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LIBREOFFICE_HINT, requireProgram } from "./programs";

/** A cell as LibreOffice recalculated it: exact double, text, empty (null) or an error. */
export type LoValue = number | string | null | { error: string; code: number | null };

export interface LoSheet {
  name: string;
  rows: LoValue[][];
  charts: { name: string; series: { x?: string; y?: string; type?: string; error?: string }[] }[];
  /** Cell notes, 0-based. */
  notes: { row: number; col: number; text: string }[];
}

export interface LoDump {
  engine: string;
  timings_s: Record<string, number>;
  names: { name: string; content: string; sheet: string | null }[];
  sheets: LoSheet[];
  /** With `set`: the sheets as loaded and recalculated, before the new values were typed in. */
  baseline: LoSheet[] | null;
}

export interface LoOptions {
  /** Defined name → value to type into its cell, then recalculate. */
  set?: Record<string, number>;
  /** Also export the recalculated book to this PDF. */
  pdf?: string;
  /** With `pdf`: print only this range of the first sheet, on one page shaped like it. */
  printArea?: string;
  timeoutSeconds?: number;
}

const SCRIPT = fileURLToPath(new URL("./lo_recalc.py", import.meta.url));

/** The programs the LibreOffice suite needs, or a loud failure with the install line. */
export function requireLibreOffice(): { soffice: string; python: string; pdftoppm: string } {
  const soffice = requireProgram(
    "soffice",
    ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"],
    LIBREOFFICE_HINT
  );
  const python =
    requireProgram(
      "python3-uno (Debian's /usr/bin/python3 with uno)",
      ["/usr/lib/python3/dist-packages/uno.py"],
      LIBREOFFICE_HINT
    ) && "/usr/bin/python3";
  const pdftoppm = requireProgram("pdftoppm", ["/usr/bin/pdftoppm"], LIBREOFFICE_HINT);
  return { soffice, python, pdftoppm };
}

/** Open `file` in headless LibreOffice with recalculation forced, and dump every sheet. */
export function loRecalc(file: string, opts: LoOptions = {}): LoDump {
  const { soffice, python } = requireLibreOffice();
  const timeout = opts.timeoutSeconds ?? 240;
  const args = [SCRIPT, file, "--soffice", soffice, "--timeout", String(timeout)];
  for (const [name, value] of Object.entries(opts.set ?? {}))
    args.push("--set", `${name}=${value}`);
  if (opts.pdf) args.push("--pdf", opts.pdf);
  if (opts.printArea) args.push("--print-area", opts.printArea);
  const out = execFileSync(python, args, {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    timeout: (timeout + 30) * 1000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as LoDump;
}

/** One file for {@link loRecalcMany}: where it is, and optionally the PDF to print (only `printArea` of its first sheet). */
export interface LoJob {
  file: string;
  /** Also save the recalculated book here as .xlsx (as LibreOffice saves a learner's file). */
  save?: string;
  pdf?: string;
  printArea?: string;
}

/**
 * Open many files in one headless LibreOffice session (one soffice, one profile for the whole
 * suite), each recalculated, printed when asked, and dumped like {@link loRecalc}; in job order.
 */
export function loRecalcMany(jobs: LoJob[], timeoutSeconds = 600): LoDump[] {
  const { soffice, python } = requireLibreOffice();
  const dir = mkdtempSync(join(tmpdir(), "lo-jobs-"));
  try {
    const list = join(dir, "jobs.json");
    writeFileSync(
      list,
      JSON.stringify(
        jobs.map((j) => ({ input: j.file, pdf: j.pdf, print_area: j.printArea, save: j.save }))
      )
    );
    const args = [
      SCRIPT,
      "--jobs",
      list,
      "--soffice",
      soffice,
      "--timeout",
      String(timeoutSeconds),
    ];
    const out = execFileSync(python, args, {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      timeout: (timeoutSeconds + 30) * 1000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return (JSON.parse(out) as { results: LoDump[] }).results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
