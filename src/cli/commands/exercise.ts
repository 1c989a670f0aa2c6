/**
 * `gradsheet exercise`: a run's workbook with chosen columns left for the learner to write (the
 * export of the same run otherwise), or with `--variants N` one such file per learner variant.
 */
import { ConfigError, MAX_VARIANT, variantNumber } from "../../core";
import {
  DEFAULT_BLANK,
  EXERCISE_WORDS,
  blankList,
  exerciseWorkbookPlan,
  trainRun,
} from "../../run";
import type { Command } from "../command";
import { writeWorkbookOut, xlsxOut } from "../workbook-file";
import { RUN_OPTIONS, noPositional, parseArgs, runOptionsFrom, text } from "../options";
import { DEFAULT_NAME } from "./export";

const OPTIONS = [
  ...RUN_OPTIONS,
  {
    flag: "--blank",
    value: "LIST",
    help: `the columns to leave for the learner: ${EXERCISE_WORDS.join(", ")} or column headers as the sheet writes them (ŷ, de/da, new a), comma separated (default ${DEFAULT_BLANK.join(",")})`,
  },
  {
    flag: "--out",
    value: "FILE.xlsx",
    help: "the workbook to write (required; an existing file is replaced)",
  },
  {
    flag: "--variants",
    value: "N",
    help: "write N files, one per variant K = 1 … N, named FILE-K.xlsx (instead of --variant K)",
  },
  {
    flag: "--name",
    value: "NAME",
    help: 'the worksheet\'s name (default "Run 1")',
  },
] as const;

/** At most this many files from one --variants. */
const MAX_FILES = 1000;

/** FILE.xlsx → FILE-K.xlsx. */
export const variantPath = (out: string, k: number): string => out.replace(/(\.xlsx)$/i, `-${k}$1`);

export const exerciseCommand: Command = {
  name: "exercise",
  summary:
    "write a run's workbook with columns left for the learner to write (gradsheet check grades them)",
  usage: "gradsheet exercise [options] [--blank LIST] --out FILE.xlsx",
  description: [
    "The same sheet as export writes for the same run (layout, names, charts), except that the",
    "step rows of the --blank columns are empty and shaded: the learner writes their formulas.",
    "Cells after them keep their formulas and read the learner's values. --variants N writes one",
    `file per learner (FILE-1.xlsx …), each with its own x values and initial weights (N ≤ ${MAX_FILES}).`,
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "exercise");
    noPositional(parsed, "exercise");
    const out = xlsxOut(parsed);
    const blankText = text(parsed, "blank");
    const blank = blankText === undefined ? DEFAULT_BLANK : blankList(blankText);
    const name = text(parsed, "name") ?? DEFAULT_NAME;
    const options = runOptionsFrom(parsed);
    const many = text(parsed, "variants");
    if (many !== undefined && options.variant !== undefined)
      throw new ConfigError("variants", "Give --variant K or --variants N, not both.");
    const count = many === undefined ? undefined : Math.min(variantNumber(many), MAX_VARIANT);
    if (count !== undefined && count > MAX_FILES)
      throw new ConfigError(
        "variants",
        `--variants writes at most ${MAX_FILES} files, not ${count}.`
      );
    const jobs =
      count === undefined
        ? [{ path: out, options }]
        : Array.from({ length: count }, (_, i) => ({
            path: variantPath(out, i + 1),
            options: { ...options, variant: i + 1 },
          }));
    // Every plan is made (and every word checked) before the first file is written.
    const first = exerciseWorkbookPlan(trainRun(jobs[0].options), { name, blank });
    for (const [i, job] of jobs.entries()) {
      const plan = i === 0 ? first : exerciseWorkbookPlan(trainRun(job.options), { name, blank });
      writeWorkbookOut(plan, job.path);
      const blanks = (plan.sheets[0].meta.exercise as { headers: string[] }).headers;
      io.out(
        `Wrote ${job.path}: ${blanks.length} column(s) for the learner (${blanks.join(", ")}).\n`
      );
    }
    return 0;
  },
};
