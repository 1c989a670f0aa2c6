/** `gradsheet lesson`: the forum thread's questions as one workbook, one live sheet per question. */
import { ConfigError } from "../../core";
import { buildLesson, QUESTIONS } from "../../sheet/lesson";
import { writeWorkbookOut } from "../workbook-file";
import type { Command } from "../command";
import { noPositional, parseArgs, text } from "../options";

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
    ...QUESTIONS.flatMap((q, i) =>
      i === 1
        ? [
            "  1b. Your turn: write ŷ and e for two neurons (gradsheet check grades it)",
            `  ${q.title}`,
          ]
        : [`  ${q.title}`]
    ),
    "Each sheet's text names the cell to change (e.g. its LearningRate) to see the answer move.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "lesson");
    noPositional(parsed, "lesson");
    const out = text(parsed, "out");
    if (out === undefined) throw new ConfigError("out", "The option --out FILE.xlsx is required.");
    if (!/\.xlsx$/i.test(out))
      throw new ConfigError("out", `The output file must end in .xlsx, got "${out}".`);
    const bytes = writeWorkbookOut(buildLesson(), out);
    io.out(
      `Wrote ${out}: ${QUESTIONS.length + 1} sheets, one per question and an exercise, ${(bytes / 1024).toFixed(0)} KiB.\n`
    );
    return 0;
  },
};
