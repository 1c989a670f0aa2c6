/** `gradsheet lesson`: the forum thread's questions as one workbook, one live sheet per question. */
import { lessonPlan, lessonTitles } from "../../run";
import { writeWorkbookOut, xlsxOut } from "../workbook-file";
import type { Command } from "../command";
import { noPositional, parseArgs } from "../options";

const OPTIONS = [
  {
    flag: "--out",
    value: "FILE.xlsx",
    help: "the workbook to write (required; an existing file is replaced)",
  },
] as const;

export const lessonCommand: Command = {
  name: "lesson",
  summary:
    "write the lesson workbook: the forum thread's questions in order, one live sheet and chart each",
  usage: "gradsheet lesson --out FILE.xlsx",
  description: [
    "Sheets, in order:",
    ...lessonTitles().map((t) => `  ${t}`),
    "Each sheet's text names the cell to change (e.g. its LearningRate) to see the answer move.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "lesson");
    noPositional(parsed, "lesson");
    const out = xlsxOut(parsed);
    const bytes = writeWorkbookOut(lessonPlan(), out);
    io.out(
      `Wrote ${out}: ${lessonTitles().length} sheets, one per question and an exercise, ${(bytes / 1024).toFixed(0)} KiB.\n`
    );
    return 0;
  },
};
