/**
 * `gradsheet doctor FILE.xlsx|FILE.xlsm [--json] [--fix OUT]`: check a workbook's charts for the
 * axis mistakes learners make and, with --fix, write a fixed copy in which only chart parts change.
 *
 * Exit codes: 0 nothing wrong (no findings, or only notes; with --fix: none left in the fixed
 * copy); 1 problems (errors or warnings) remain; 2 bad options, a file that cannot be read or an
 * output that cannot be written (one line on stderr).
 */
import { extname } from "node:path";
import { ConfigError } from "../../core";
import type { Finding } from "../../doctor";
import {
  DoctorInputError,
  doctorFile,
  doctorProblems as problems,
  useInflater,
  useZipCodec,
  type FileFix,
} from "../../run";
import type { Command } from "../command";
import { parseArgs, text } from "../options";
import { checkOutput, readInputFile, writeOutput } from "../safe-file";
import { zlibCrc32, zlibInflate } from "../workbook-file";
import { deflateRawSync } from "node:zlib";

// zlib's inflate (limited by the bytes it produces), DEFLATE and CRC-32 for every workbook read.
useInflater(zlibInflate);
useZipCodec({
  deflate: (d) => deflateRawSync(d, { level: 6 }),
  crc32: zlibCrc32 && ((d) => zlibCrc32!(d, 0)),
});

const OPTIONS = [
  { flag: "--json", help: "print one JSON object: { file, charts, findings, fix? }" },
  {
    flag: "--fix",
    value: "OUT",
    help: "write a fixed copy to OUT (same extension as FILE); FILE itself is never changed",
  },
] as const;

export const doctorCommand: Command = {
  name: "doctor",
  summary:
    "check a workbook's charts (x axis not linked to the x cells, hidden secondary axes, …) and fix them in a copy",
  usage: "gradsheet doctor FILE.xlsx|FILE.xlsm [--json] [--fix OUT]",
  description: [
    "Finds numeric x on a category axis, typed-in or missing categories (an axis of 1..n), X or Y",
    "values typed into the chart, X and Y ranges that do not pair up, series on a hidden or",
    "differently scaled secondary axis, log axes over values ≤ 0, and manual calculation.",
    "It acts on line, area and scatter charts; a date axis already places points by value, and a column",
    "or bar chart with numeric labels gets a note only. Notes (such as an epoch log whose x is the row",
    "number by design) say a chart is right as it is.",
    "--fix turns line and area charts into XY scatter charts linked to the x cells (keeping position,",
    "orientation, colours, number formats, names and titles); every part of the file other than the",
    "charts stays byte-identical, macros included.",
    "Exit status: 0 no problems (no findings, or only notes; with --fix: none left in the copy),",
    "1 problems (errors or warnings) remain, 2 bad input or an output that cannot be written.",
  ].join("\n"),
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "doctor");
    if (parsed.positional.length !== 1)
      throw new ConfigError(
        "file",
        parsed.positional.length
          ? `Give one workbook, not ${parsed.positional.length}.`
          : "Give the workbook to check: gradsheet doctor FILE.xlsx."
      );
    const file = parsed.positional[0];
    const ext = extname(file).toLowerCase();
    if (ext === ".xls")
      throw new ConfigError(
        "file",
        `${file} is an old binary .xls workbook; save it as .xlsx or .xlsm in Excel first.`
      );
    if (ext !== ".xlsx" && ext !== ".xlsm")
      throw new ConfigError("file", `${file} is not an .xlsx or .xlsm workbook.`);
    const out = text(parsed, "fix");
    if (out !== undefined) {
      if (extname(out).toLowerCase() !== ext)
        throw new ConfigError("fix", `--fix ${out} must keep the extension ${ext} of ${file}.`);
      checkOutput(out, "fix", [file]);
    }
    const bytes = readInputFile(file, "file");
    const json = parsed.flags.has("json");
    try {
      const result = doctorFile(file, bytes, out);
      const fixed = result.fixed;
      if (out !== undefined && fixed) writeOutput(out, "fix", (sink) => sink(fixed.bytes), [file]);
      io.out(
        json
          ? JSON.stringify(result.json, null, 2) + "\n"
          : report(file, result.json.findings, result.json.charts.length) +
              (out !== undefined && fixed ? fixReport(out, fixed) : "")
      );
      return result.exit;
    } catch (e) {
      if (e instanceof DoctorInputError) throw new ConfigError("file", `${file}: ${e.message}.`);
      throw e;
    }
  },
};

/** The findings as text a learner reads, grouped by chart. */
export function report(file: string, findings: readonly Finding[], chartCount: number): string {
  const bad = problems(findings).length;
  const notes = findings.length - bad;
  const counts = [bad ? plural(bad, "finding") : "", notes ? plural(notes, "note") : ""]
    .filter(Boolean)
    .join(", ");
  const lines = [`${file}: ${plural(chartCount, "chart")}, ${counts || "no findings"}`];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.chartId
      ? `${f.chartName ?? f.chartId}${f.sheet ? ` on sheet "${f.sheet}"` : ""} (${f.chartId})`
      : "Workbook";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [where, fs] of groups) {
    lines.push("", where);
    for (const f of fs) {
      lines.push(`  ${f.severity.toUpperCase()} ${f.code}: ${f.title}`);
      lines.push(`    ${f.explanation}`);
      const ev: string[] = [];
      if (f.evidence.series.length)
        ev.push(
          `series ${f.evidence.series.map((s) => `${s.index + 1}${s.name ? ` "${s.name}"` : ""}`).join(", ")}`
        );
      if (f.evidence.cells.length) ev.push(`cells ${f.evidence.cells.join(", ")}`);
      if (f.evidence.values?.length) ev.push(`values ${f.evidence.values.map(String).join(", ")}`);
      if (ev.length) lines.push(`    Evidence: ${ev.join("; ")}`);
      lines.push(`    ${f.fixable ? "Fix" : "To do"}: ${f.fix}`);
    }
  }
  return lines.join("\n") + "\n";
}

function fixReport(out: string, f: FileFix): string {
  const lines = [
    "",
    f.changedParts.length
      ? `Wrote ${out}: changed ${f.changedParts.join(", ")}; every other part is byte-identical.`
      : `Wrote ${out}: nothing to change, an identical copy.`,
  ];
  for (const a of f.applied) lines.push(`  fixed ${a.code}: ${a.change}`);
  for (const s of f.skipped) lines.push(`  not fixed ${s.code}: ${s.reason}`);
  const left = problems(f.remaining).length;
  lines.push(
    left
      ? `${plural(left, "finding")} left in ${out}.`
      : `No findings left in ${out}${f.remaining.length ? " (only notes)" : ""}.`
  );
  return lines.join("\n") + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
