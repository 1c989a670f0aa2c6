/**
 * The doctor on a workbook file, as a use case of the run service: the bytes of an .xlsx/.xlsm in,
 * its charts' findings out (and with a fix, the fixed copy's bytes and what changed), in the shape
 * `gradsheet doctor --json` prints, with the exit status the contract gives (0 no problems, 1
 * problems remain). The caller reads and writes the files (safely: see src/cli/safe-file.ts); a
 * file that cannot be read throws DoctorInputError (one line, exit 2).
 */
import { diagnoseFile, fixFile, type FileFix } from "../xlsx/doctor";

type Finding = FileFix["findings"][number];
type ChartModel = FileFix["model"]["charts"][number];

/** One chart as the report lists it. */
export interface DoctorChartSummary {
  id: string;
  name?: string;
  sheet?: string;
  title?: string;
  type: ChartModel["type"];
  series: number;
}

/** What `doctor --json` prints. */
export interface DoctorFileJson {
  file: string;
  charts: DoctorChartSummary[];
  findings: Finding[];
  fix?: {
    out: string;
    changedParts: string[];
    applied: FileFix["applied"];
    skipped: FileFix["skipped"];
    remaining: Finding[];
  };
}

/** The doctor's answer on one file. */
export interface DoctorFileResult {
  json: DoctorFileJson;
  /** 0: no findings or only notes (with a fix: none left in the copy); 1: problems remain. */
  exit: 0 | 1;
  /** With `fixOut`: the fixed copy (bytes to write to `fixOut`) and what changed. */
  fixed?: FileFix;
}

/** Errors and warnings: what exit status 1 reports. Notes say a chart is right as it is. */
export function doctorProblems(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== "note");
}

/** Diagnose `bytes` (named `file` in the report), and fix them into a copy for `fixOut` when given. */
export function doctorFile(file: string, bytes: Uint8Array, fixOut?: string): DoctorFileResult {
  if (fixOut === undefined) {
    const { model, findings } = diagnoseFile(bytes);
    return {
      json: { file, charts: chartList(model.charts), findings },
      exit: doctorProblems(findings).length ? 1 : 0,
    };
  }
  const fixed = fixFile(bytes);
  return {
    json: {
      file,
      charts: chartList(fixed.model.charts),
      findings: fixed.findings,
      fix: {
        out: fixOut,
        changedParts: fixed.changedParts,
        applied: fixed.applied,
        skipped: fixed.skipped,
        remaining: fixed.remaining,
      },
    },
    exit: doctorProblems(fixed.remaining).length ? 1 : 0,
    fixed,
  };
}

function chartList(charts: readonly ChartModel[]): DoctorChartSummary[] {
  return charts.map((c) => ({
    id: c.id,
    name: c.name,
    sheet: c.sheet,
    title: c.title,
    type: c.type,
    series: c.series.length,
  }));
}
