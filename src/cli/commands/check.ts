/**
 * `gradsheet check FILE.xlsx… [--json]`: grade saved workbooks from their cached values (no
 * spreadsheet engine): one line per GradSheet sheet, a block per file when there are several and a
 * one-line summary. Exit 0 every sheet right and nothing empty, 1 a cell wrong or empty, 2 a file
 * that cannot be graded (one line on stderr); with several files, the worst.
 */
import { ConfigError } from "../../core";
import {
  CheckInputError,
  checkWorkbookBytes,
  gradeExit,
  gradeJson,
  gradeLine,
  type SheetGrade,
} from "../../run";
import type { Command } from "../command";
import { parseArgs } from "../options";
import { InputFileError, readInputFile } from "../safe-file";

const OPTIONS = [
  { flag: "--json", help: "print { sheets: [{ sheet, kind, cells, right, wrong, … }] }" },
] as const;

type FileResult = { file: string; sheets: SheetGrade[] } | { file: string; error: string };

function gradeFile(file: string): FileResult {
  try {
    return { file, sheets: checkWorkbookBytes(readInputFile(file, "file")) };
  } catch (e) {
    if (e instanceof CheckInputError) return { file, error: e.message };
    if (e instanceof InputFileError) return { file, error: `it ${e.reason}` };
    throw e;
  }
}

const exitOf = (r: FileResult): number => ("error" in r ? 2 : gradeExit(r.sheets));

export const checkCommand: Command = {
  name: "check",
  summary:
    "grade saved workbooks from their calculated values: every GradSheet sheet, each learner's cell right, wrong or empty",
  usage: "gradsheet check FILE.xlsx… [--json]",
  description: [
    "Reads each GradSheet sheet of the files as Excel or LibreOffice saved it and compares its",
    "values with the core at the sheet's current settings (a changed LearningRate included).",
    "Exercise sheets: each blank cell right, wrong or still empty; the first wrong cell is named",
    "with the core's value and the step's explanation. Exit 0 all right, 1 a cell wrong or empty,",
    "2 a file that cannot be graded (one line).",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "check");
    const files = parsed.positional;
    if (!files.length)
      throw new ConfigError("file", "Give at least one workbook: gradsheet check FILE.xlsx.");
    const results = files.map(gradeFile);
    const worst = Math.max(...results.map(exitOf));
    for (const r of results)
      if ("error" in r) io.err(`gradsheet check: ${r.file}: cannot grade it: ${r.error}.\n`);
    if (parsed.flags.has("json")) {
      const one = (r: FileResult) =>
        "error" in r
          ? { file: r.file, error: r.error }
          : { file: r.file, sheets: r.sheets.map(gradeJson) };
      if (results.length === 1 && !("error" in results[0]))
        io.out(`${JSON.stringify({ sheets: results[0].sheets.map(gradeJson) })}\n`);
      else if (results.length > 1) {
        const sheets = results.flatMap((r) =>
          "error" in r ? [] : r.sheets.map((s) => ({ file: r.file, ...gradeJson(s) }))
        );
        io.out(`${JSON.stringify({ files: results.map(one), sheets })}\n`);
      }
      return worst;
    }
    if (results.length === 1) {
      const r = results[0];
      if (!("error" in r)) io.out(r.sheets.map((s) => `${gradeLine(s)}\n`).join(""));
      return worst;
    }
    for (const r of results) {
      io.out(`${r.file}\n`);
      io.out(
        "error" in r
          ? `  cannot grade it: ${r.error}\n`
          : r.sheets.map((s) => `  ${gradeLine(s)}\n`).join("")
      );
    }
    const ok = results.filter((r) => exitOf(r) === 0).length;
    const bad = results.filter((r) => exitOf(r) === 2).length;
    io.out(
      `${results.length} files: ${ok} all right, ${results.length - ok - bad} with wrong or empty cells${bad ? `, ${bad} could not be graded` : ""}.\n`
    );
    return worst;
  },
};
