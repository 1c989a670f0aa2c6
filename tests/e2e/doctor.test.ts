/**
 * The doctor's fixed copies, opened by headless LibreOffice: each is read as an XY scatter chart
 * whose X values come from the right cells, and its printed chart (PDF → pixels) shows the right
 * x axis. The chart area is printed alone, so the PDF's text is the chart's own labels.
 * Set GRADSHEET_DOCTOR_PNG=DIR to keep the PNGs (before and after) for a look.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnoseFile, fixFile } from "../../src/xlsx/doctor";
import { buildWorkbook, errorByEpochBook, forumBook, secondaryBook, type BookSpec } from "../unit/doctor/workbooks";
import { loRecalc, requireLibreOffice, type LoSheet } from "./helpers/libreoffice";
import { LIBREOFFICE_HINT, requireProgram } from "./helpers/programs";
import { renderPages, type PageImage } from "./helpers/render";

/** The chart's anchor in the test books (E2:M23) with a margin. */
const CHART_AREA = "E1:M24";
const SCATTER = "com.sun.star.chart2.ScatterChartType";

interface Opened {
  sheet: LoSheet;
  page: PageImage;
  text: string;
}

let dir = "";
const opened: Record<string, { before: Opened; after: Opened }> = {};

/** Write `bytes`, open it in LibreOffice, print the chart area and measure the page. */
function open(name: string, bytes: Uint8Array, pdftoppm: string, pdftotext: string): Opened {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const pdf = join(dir, `${name}.pdf`);
  const dump = loRecalc(file, { pdf, printArea: CHART_AREA });
  const pages = renderPages(pdftoppm, pdf, dir, name);
  execFileSync(pdftoppm, ["-r", "80", "-png", "-singlefile", pdf, join(dir, name)]);
  return { sheet: dump.sheets[0], page: pages[0], text: execFileSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8" }) };
}

beforeAll(() => {
  const { pdftoppm } = requireLibreOffice();
  const pdftotext = requireProgram("pdftotext", ["/usr/bin/pdftotext"], LIBREOFFICE_HINT);
  dir = mkdtempSync(join(tmpdir(), "gradsheet-doctor-e2e-"));
  const cases: Record<string, BookSpec> = { forum: forumBook(), secondary: secondaryBook(), epoch: errorByEpochBook() };
  for (const [name, spec] of Object.entries(cases)) {
    const input = buildWorkbook(spec);
    const fixed = fixFile(input);
    expect(fixed.remaining, name).toEqual([]);
    opened[name] = { before: open(`${name}-before`, input, pdftoppm, pdftotext), after: open(`${name}-after`, fixed.bytes, pdftoppm, pdftotext) };
  }
  const keep = process.env.GRADSHEET_DOCTOR_PNG;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".png"))) copyFileSync(join(dir, f), join(keep, f));
  }
}, 900_000); // six LibreOffice sessions: about 20 s each, far more on a busy machine
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The axis labels in the printed chart's text, as numbers, in reading order. */
const numbersIn = (text: string): number[] => (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);

describe("the forum's line chart (typed-in categories 1..21), fixed and opened in LibreOffice", () => {
  it("was a line chart with no x cells before the fix", () => {
    const [s] = opened.forum.before.sheet.charts[0].series;
    expect(s.type).toBe("com.sun.star.chart2.LineChartType");
    expect(s.x ?? null).toBeNull();
    expect(opened.forum.before.text).toMatch(/1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+10\s+11\s+12\s+13\s+14\s+15\s+16\s+17\s+18\s+19\s+20\s+21/);
  });

  it("is an XY scatter chart reading X from the x cells A2:A22 and Y from B2:B22", () => {
    expect(opened.forum.after.sheet.charts[0].series).toEqual([{ type: SCATTER, x: "$Sheet1.$A$2:$A$22", y: "$Sheet1.$B$2:$B$22" }]);
  });

  it("prints an x axis that runs over the x values (−100 to 150), not 1..21", () => {
    const t = opened.forum.after.text;
    expect(t).toMatch(/-100\s+-50\s+(?:-?\d+\s+)*0\s+50\s+100\s+150/);
    expect(t).not.toMatch(/19\s+20\s+21/);
    expect(t).toContain("y = 2x + 30");
  });

  it("draws the series in its colour (the PNG is not blank)", () => {
    expect(opened.forum.after.page.ink).toBeGreaterThan(0.02);
    expect(opened.forum.after.page.colour).toBeGreaterThan(0.001);
  });
});

describe("the secondary-axis chart, fixed and opened in LibreOffice", () => {
  it("keeps both series, now on one scatter chart type, with their x and y cells", () => {
    expect(opened.secondary.after.sheet.charts[0].series).toEqual([
      { type: SCATTER, x: "$Fit.$A$2:$A$22", y: "$Fit.$B$2:$B$22" },
      { type: SCATTER, x: "$Fit.$A$2:$A$22", y: "$Fit.$C$2:$C$22" },
    ]);
  });

  it("prints one vertical scale that covers both series (−190 … 310), where before there were two", () => {
    const nums = numbersIn(opened.secondary.after.text);
    const before = numbersIn(opened.secondary.before.text);
    expect(before.length).toBeGreaterThan(nums.length); // the right-hand axis' labels are gone
    expect(Math.min(...nums)).toBeLessThanOrEqual(-190);
    expect(Math.max(...nums)).toBeGreaterThanOrEqual(310);
    expect(opened.secondary.after.page.colour).toBeGreaterThan(0.001);
  });
});

describe("graddesc's Error by epoch chart (no categories), fixed and opened in LibreOffice", () => {
  it("reads X from the epoch cells B38:B62", () => {
    expect(opened.epoch.before.sheet.charts[0].series[0].x ?? null).toBeNull();
    expect(opened.epoch.after.sheet.charts[0].series).toEqual([{ type: SCATTER, x: "$basic.$B$38:$B$62", y: "$basic.$C$38:$C$62" }]);
  });

  it("prints an epoch axis ending at 25 or a little beyond, and the title", () => {
    const t = opened.epoch.after.text;
    expect(t).toContain("Error by epoch");
    expect(t).toMatch(/0\s+5\s+10\s+15\s+20\s+25/);
    expect(opened.epoch.after.page.ink).toBeGreaterThan(0.02);
  });
});

/** `soffice --convert-to` with a fresh profile per run (one profile per process: see oracles.md §6). */
function sofficeConvert(soffice: string, file: string, filter: string, outDir: string): string {
  const profile = mkdtempSync(join(dir, "profile-"));
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, file], {
    timeout: 180_000,
    stdio: "ignore",
  });
  const out = join(outDir, file.split("/").pop()!.replace(/\.xlsx$/, filter.startsWith("pdf") ? ".pdf" : ".xlsx"));
  if (!existsSync(out)) throw new Error(`soffice wrote nothing for ${file} (${filter})`);
  return out;
}

describe("a chart written by LibreOffice itself (third-party DrawingML)", () => {
  it("is read, fixed to a scatter chart on the x cells, and that copy renders with the x axis", () => {
    const { soffice, pdftoppm } = requireLibreOffice();
    const src = join(dir, "lo-src");
    const saved = join(dir, "lo-saved");
    mkdirSync(src);
    mkdirSync(saved);
    const input = join(src, "forum.xlsx");
    writeFileSync(input, buildWorkbook(forumBook()));
    const resaved = sofficeConvert(soffice, input, "xlsx:Calc MS Excel 2007 XML", saved);
    const bytes = readFileSync(resaved);
    const { model, findings } = diagnoseFile(bytes);
    expect(model.charts.map((c) => c.type)).toEqual(["line"]);
    expect(findings.map((f) => f.fixable)).toEqual([true]); // LibreOffice drops typed-in categories: absent
    const fixed = fixFile(bytes);
    expect(fixed.remaining).toEqual([]);
    const fixedFile = join(dir, "lo-fixed.xlsx");
    writeFileSync(fixedFile, fixed.bytes);
    expect(loRecalc(fixedFile).sheets[0].charts[0].series).toEqual([{ type: SCATTER, x: "$Sheet1.$A$2:$A$22", y: "$Sheet1.$B$2:$B$22" }]);
    const pdfDir = join(dir, "lo-pdf");
    mkdirSync(pdfDir);
    const pdf = sofficeConvert(soffice, fixedFile, "pdf", pdfDir);
    execFileSync(pdftoppm, ["-r", "60", "-png", "-singlefile", pdf, join(pdfDir, "lo-fixed")]);
    expect(existsSync(join(pdfDir, "lo-fixed.png"))).toBe(true);
    const [page] = renderPages(pdftoppm, pdf, pdfDir, "lo-fixed-ppm");
    expect(page.colour).toBeGreaterThan(0.0005);
  }, 600_000);
});
