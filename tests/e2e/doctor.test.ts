/**
 * The doctor's fixed copies, opened by headless LibreOffice: the forum's and the secondary-axis
 * cases, every workbook of the doctor's own corpus (other tools' shapes: prefixed XML, Strict,
 * date axes, bars and columns, several charts in one drawing, group shapes, chart sheets,
 * extension lists) and a chart LibreOffice wrote itself. Each fixed copy is read back as charts
 * of the right type over the right cells, and printed (PDF → text and pixels). The whole suite
 * uses one soffice session (one profile) for every file, plus one profile for LibreOffice's re-save.
 * Set GRADSHEET_DOCTOR_PNG=DIR to keep the PNGs for a look.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnoseFile, fixFile } from "../../src/xlsx/doctor";
import { corpus, type CorpusCase } from "../unit/doctor/corpus";
import {
  buildWorkbook,
  errorByEpochBook,
  forumBook,
  secondaryBook,
} from "../unit/doctor/workbooks";
import { loRecalcMany, requireLibreOffice, type LoDump, type LoJob } from "./helpers/libreoffice";
import { LIBREOFFICE_HINT, requireProgram } from "./helpers/programs";
import { renderPages, type PageImage } from "./helpers/render";

/** The first chart's anchor in the test books (E2:M23) with a margin; each further chart sits 23 rows lower. */
const printArea = (charts: number): string => `E1:M${1 + 23 * charts}`;
const SCATTER = "com.sun.star.chart2.ScatterChartType";
const LO_TYPES: Record<string, string> = {
  scatter: SCATTER,
  line: "com.sun.star.chart2.LineChartType",
  area: "com.sun.star.chart2.AreaChartType",
  column: "com.sun.star.chart2.ColumnChartType",
  bar: "com.sun.star.chart2.ColumnChartType", // LibreOffice draws bars as a swapped column chart
};

interface Opened {
  dump: LoDump;
  page: PageImage;
  text: string;
}

let dir = "";
const opened: Record<string, Opened> = {};
const fixedModels: Record<string, ReturnType<typeof diagnoseFile>["model"]> = {};

/** `soffice --convert-to` with the suite's one profile for conversions (one profile per process: see oracles.md §6). */
function sofficeConvert(
  soffice: string,
  profile: string,
  file: string,
  filter: string,
  outDir: string
): string {
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      filter,
      "--outdir",
      outDir,
      file,
    ],
    {
      timeout: 180_000,
      stdio: "ignore",
    }
  );
  const out = join(outDir, file.split("/").pop()!);
  if (!existsSync(out)) throw new Error(`soffice wrote nothing for ${file} (${filter})`);
  return out;
}

/** The same package with every entry named in lower case, as the test books' relationships spell them. */
function lowerCaseParts(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([n, d]) => [n === "[Content_Types].xml" ? n : n.toLowerCase(), d])
    )
  );
}

/** The forum's workbook as LibreOffice itself saves it (third-party DrawingML). */
function savedByLibreOffice(soffice: string): Uint8Array {
  const src = join(dir, "lo-src");
  const saved = join(dir, "lo-saved");
  mkdirSync(src);
  mkdirSync(saved);
  const input = join(src, "forum.xlsx");
  writeFileSync(input, buildWorkbook(forumBook()));
  return readFileSync(
    sofficeConvert(
      soffice,
      join(dir, "convert-profile"),
      input,
      "xlsx:Calc MS Excel 2007 XML",
      saved
    )
  );
}

beforeAll(() => {
  const { soffice, pdftoppm } = requireLibreOffice();
  const pdftotext = requireProgram("pdftotext", ["/usr/bin/pdftotext"], LIBREOFFICE_HINT);
  dir = mkdtempSync(join(tmpdir(), "gradsheet-doctor-e2e-"));
  const books: Record<string, { bytes: Uint8Array; charts: number; wholeBook?: boolean }> = {
    "forum-before": { bytes: buildWorkbook(forumBook()), charts: 1 },
    "secondary-before": { bytes: buildWorkbook(secondaryBook()), charts: 1 },
    "epoch-before": { bytes: buildWorkbook(errorByEpochBook()), charts: 1 },
  };
  const fix = (name: string, bytes: Uint8Array, charts: number, wholeBook = false) => {
    const fixed = fixFile(bytes);
    expect(
      fixed.remaining.filter((f) => f.severity !== "note"),
      name
    ).toEqual([]);
    fixedModels[name] = diagnoseFile(fixed.bytes).model;
    books[name] = { bytes: fixed.bytes, charts, wholeBook };
  };
  fix("forum", books["forum-before"].bytes, 1);
  fix("secondary", books["secondary-before"].bytes, 1);
  for (const c of corpus()) fix(c.name, c.bytes, c.types.length, c.name === "chart-sheet");
  // LibreOffice looks parts up case-sensitively (Excel, as OPC requires, does not), so it opens
  // the part-name-case copy with its entries named as their relationships spell them.
  books["part-name-case"].bytes = lowerCaseParts(books["part-name-case"].bytes);
  const loSaved = savedByLibreOffice(soffice);
  opened.loSavedFindings = {
    text: JSON.stringify(diagnoseFile(loSaved).findings.map((f) => [f.code, f.fixable])),
  } as Opened;
  fix("lo-written", loSaved, 1);

  const jobs: (LoJob & { name: string })[] = Object.entries(books).map(([name, b]) => {
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, b.bytes);
    return {
      name,
      file,
      pdf: join(dir, `${name}.pdf`),
      ...(b.wholeBook ? {} : { printArea: printArea(b.charts) }),
    };
  });
  const dumps = loRecalcMany(jobs, 1500);
  jobs.forEach((j, k) => {
    // The most colourful page: the chart's (a whole book prints its data sheet first).
    const page = renderPages(pdftoppm, j.pdf!, dir, j.name).reduce((a, b) =>
      b.colour > a.colour ? b : a
    );
    const text = execFileSync(pdftotext, ["-layout", j.pdf!, "-"], { encoding: "utf8" });
    opened[j.name] = { dump: dumps[k], page, text };
  });
  const keep = process.env.GRADSHEET_DOCTOR_PNG;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const j of jobs)
      execFileSync(pdftoppm, ["-r", "80", "-png", "-singlefile", j.pdf!, join(keep, j.name)]);
  }
}, 1_800_000); // one LibreOffice session for about twenty files, far longer on a busy machine
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every chart LibreOffice read, on every sheet, in order. */
const chartsOf = (name: string) => opened[name].dump.sheets.flatMap((s) => s.charts);
/** "Data!$A$2:$A$6" (or "'My data'!…") as LibreOffice writes ranges: "$Data.$A$2:$A$6". */
const loRange = (ref: string): string => {
  const k = ref.lastIndexOf("!");
  return `$${ref.slice(0, k).replace(/^'|'$/g, "")}.${ref.slice(k + 1)}`;
};
/** The axis labels in the printed chart's text, as numbers, in reading order. */
const numbersIn = (text: string): number[] => (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);

describe("the forum's line chart (typed-in categories 1..21), fixed and opened in LibreOffice", () => {
  it("was a line chart with no x cells before the fix", () => {
    const [s] = chartsOf("forum-before")[0].series;
    expect(s.type).toBe("com.sun.star.chart2.LineChartType");
    expect(s.x ?? null).toBeNull();
    expect(opened["forum-before"].text).toMatch(
      /1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+10\s+11\s+12\s+13\s+14\s+15\s+16\s+17\s+18\s+19\s+20\s+21/
    );
  });

  it("is an XY scatter chart reading X from the x cells A2:A22 and Y from B2:B22", () => {
    expect(chartsOf("forum")[0].series).toEqual([
      { type: SCATTER, x: "$Sheet1.$A$2:$A$22", y: "$Sheet1.$B$2:$B$22" },
    ]);
  });

  it("prints an x axis that runs over the x values (−100 to 150), not 1..21", () => {
    const t = opened.forum.text;
    expect(t).toMatch(/-100\s+-50\s+(?:-?\d+\s+)*0\s+50\s+100\s+150/);
    expect(t).not.toMatch(/19\s+20\s+21/);
    expect(t).toContain("y = 2x + 30");
  });

  it("draws the series in its colour (the PNG is not blank)", () => {
    expect(opened.forum.page.ink).toBeGreaterThan(0.02);
    expect(opened.forum.page.colour).toBeGreaterThan(0.001);
  });
});

describe("the secondary-axis chart, fixed and opened in LibreOffice", () => {
  it("keeps both series, now on one scatter chart type, with their x and y cells", () => {
    expect(chartsOf("secondary")[0].series).toEqual([
      { type: SCATTER, x: "$Fit.$A$2:$A$22", y: "$Fit.$B$2:$B$22" },
      { type: SCATTER, x: "$Fit.$A$2:$A$22", y: "$Fit.$C$2:$C$22" },
    ]);
  });

  it("prints one vertical scale that covers both series (−190 … 310), where before there were two", () => {
    const nums = numbersIn(opened.secondary.text);
    const before = numbersIn(opened["secondary-before"].text);
    expect(before.length).toBeGreaterThan(nums.length); // the right-hand axis' labels are gone
    expect(Math.min(...nums)).toBeLessThanOrEqual(-190);
    expect(Math.max(...nums)).toBeGreaterThanOrEqual(310);
    expect(opened.secondary.page.colour).toBeGreaterThan(0.001);
  });
});

describe("graddesc's Error by epoch chart, left as it is (its x is the epoch count by design)", () => {
  it("is read by LibreOffice as the line chart it is, counting epochs 1..25", () => {
    expect(chartsOf("epoch-before")[0].series[0].type).toBe("com.sun.star.chart2.LineChartType");
    expect(opened["epoch-before"].text).toContain("Error by epoch");
    expect(opened["epoch-before"].text).toMatch(/1\s+2\s+3\s+4\s+5\s+6/);
  });
});

describe("the doctor's corpus (other tools' shapes), fixed and opened in LibreOffice", () => {
  const cases: CorpusCase[] = corpus();
  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: every chart is read with its fixed type, over the cells the doctor linked",
    (name, c) => {
      const charts = chartsOf(name);
      expect(charts.map((ch) => ch.series[0]?.type)).toEqual(c.fixedTypes.map((t) => LO_TYPES[t]));
      fixedModels[name].charts.forEach((m, k) => {
        if (m.type !== "scatter") return;
        expect(charts[k].series).toEqual(
          m.series.map((s) => ({
            type: SCATTER,
            x: loRange((s.x as { ref: string }).ref),
            y: loRange((s.y as { ref: string }).ref),
          }))
        );
      });
    }
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s: prints every chart's title and coloured series",
    (name) => {
      for (const m of fixedModels[name].charts) expect(opened[name].text).toContain(m.title);
      expect(opened[name].page.colour).toBeGreaterThan(0.0005);
    }
  );

  it("prints the area chart's converted x axis right to left, as it was (orientation kept)", () => {
    const nums = numbersIn(
      opened["area-look"].text
        .split("\n")
        .filter((l) => /\d/.test(l))
        .pop() ?? ""
    );
    expect(nums.length).toBeGreaterThan(2);
    expect(nums[0]).toBeGreaterThan(nums[nums.length - 1]);
  });
});

describe("a chart written by LibreOffice itself (third-party DrawingML)", () => {
  it("is read and fixed to a scatter chart on the x cells, and that copy renders with the x axis", () => {
    expect(opened.loSavedFindings.text).toBe(JSON.stringify([["absent-categories", true]])); // LibreOffice drops typed-in categories
    expect(chartsOf("lo-written")[0].series).toEqual([
      { type: SCATTER, x: "$Sheet1.$A$2:$A$22", y: "$Sheet1.$B$2:$B$22" },
    ]);
    expect(opened["lo-written"].text).toMatch(/-100\s+-50/);
    expect(opened["lo-written"].page.colour).toBeGreaterThan(0.0005);
  });
});
