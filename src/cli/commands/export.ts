/** `gradsheet export`: train a run and write it as an .xlsx workbook with live formulas and native charts. */
import { runWorkbookPlan, trainRun } from "../../run";
import type { Command } from "../command";
import { writeWorkbookOut, xlsxOut } from "../workbook-file";
import { RUN_OPTIONS, noPositional, parseArgs, runOptionsFrom, text } from "../options";

const OPTIONS = [
  ...RUN_OPTIONS,
  {
    flag: "--out",
    value: "FILE.xlsx",
    help: "the workbook to write (required; an existing file is replaced)",
  },
  {
    flag: "--landscape",
    help: "add a loss-landscape sheet: log10 SSE over a grid of two weights (a, b or a, c) as formulas, the run's path marked",
  },
  {
    flag: "--name",
    value: "NAME",
    help: 'the worksheet\'s name (default "Run 1"; made valid for Excel: 31 characters, no []:*?/\\)',
  },
] as const;

/** A one-run file's sheet, unless --name says otherwise. */
export const DEFAULT_NAME = "Run 1";

export const exportCommand: Command = {
  name: "export",
  summary:
    "write a run as an .xlsx workbook: one formula row per step, named parameters, native charts",
  usage: "gradsheet export [options] --out FILE.xlsx",
  description: [
    "The workbook recalculates in Excel and LibreOffice: type a new value into the LearningRate cell",
    "and every row and chart follows. Every formula also stores the value this run computed, so the",
    "numbers show before any recalculation. Names (LearningRate, …) are workbook-wide.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "export");
    noPositional(parsed, "export");
    const out = xlsxOut(parsed);
    const options = runOptionsFrom(parsed);
    const result = trainRun(options);
    const plan = runWorkbookPlan(result, {
      name: text(parsed, "name") ?? DEFAULT_NAME,
      landscape: parsed.flags.has("landscape"),
    });
    const bytes = writeWorkbookOut(plan, out); // streamed: the file is never held whole in memory
    const steps = result.rows?.length ?? 0;
    io.out(
      `Wrote ${out}: ${steps} steps, ${result.epochs.length} epoch(s), ${(bytes / 1024).toFixed(0)} KiB.\n`
    );
    return 0;
  },
};
