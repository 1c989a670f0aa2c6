/**
 * The exported run as a learner first sees it, as LibreOffice draws it: the sheet's first print
 * area (title, parameters, headline and the first charts of the band) is printed to PDF
 * (recalculated first), rasterised with pdftoppm, and must show those charts' titles and coloured
 * series, not just empty frames. With GRADSHEET_DOCS_IMAGE=1 the picture is also written to
 * docs/images/export-chart.png for the README.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetById, resolveConfig, train } from "../../src/core";
import { a1 } from "../../src/sheet/address";
import type { SheetPlan } from "../../src/sheet/plan";
import { buildWorkbookPlan } from "../../src/sheet/workbook";
import { writeWorkbook } from "../../src/xlsx";
import { loRecalc, requireLibreOffice } from "./helpers/libreoffice";
import { LIBREOFFICE_HINT, requireProgram } from "./helpers/programs";
import { renderPages, type PageImage } from "./helpers/render";

/** One LibreOffice session per hook; on a busy 2-core machine a start alone has taken 20 s. */
const LO_HOOK_MS = 300_000;

const PRESET = "two-relu";
let dir = "";
let plan: SheetPlan;
let pages: PageImage[];
let text = "";

/** The sheet's first print area, as "A1:B2". */
function firstPage(p: SheetPlan): string {
  const r = p.print!.areas[0];
  return `${a1(r.row, r.col)}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** The charts inside the first print area. */
function chartsOnFirstPage(p: SheetPlan): SheetPlan["charts"] {
  const r = p.print!.areas[0];
  return p.charts.filter(
    (c) =>
      c.anchor.col + c.anchor.cols <= r.col + r.cols &&
      c.anchor.row + c.anchor.rows <= r.row + r.rows
  );
}

beforeAll(() => {
  const { pdftoppm } = requireLibreOffice();
  const pdftotext = requireProgram("pdftotext", ["/usr/bin/pdftotext"], LIBREOFFICE_HINT);
  dir = mkdtempSync(join(tmpdir(), "gradsheet-render-"));
  const result = train(resolveConfig(presetById(PRESET)!.options), { rows: true });
  const book = buildWorkbookPlan([{ result, name: "Run 1" }]);
  plan = book.sheets[0];
  const file = join(dir, "run.xlsx");
  writeFileSync(file, writeWorkbook(book));
  const pdf = join(dir, "charts.pdf");
  loRecalc(file, { pdf, printArea: firstPage(plan) });
  pages = renderPages(pdftoppm, pdf, dir, "charts");
  text = execFileSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8" });
  if (process.env.GRADSHEET_DOCS_IMAGE) {
    execFileSync(pdftoppm, ["-r", "110", "-png", "-singlefile", pdf, join(dir, "export-chart")]);
    const docs = new URL("../../docs/images/", import.meta.url);
    mkdirSync(docs, { recursive: true });
    copyFileSync(join(dir, "export-chart.png"), new URL("export-chart.png", docs));
  }
}, LO_HOOK_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`preset ${PRESET}'s export as it opens, rendered by LibreOffice`, () => {
  it("fit on one printed page", () => {
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeGreaterThan(pages[0].height);
  });

  it("show the parameters and the error chart, with every chart's title and axis titles", () => {
    expect(text).toMatch(/LearningRate[\s\S]*Squared error by step/);
    expect(chartsOnFirstPage(plan).map((c) => c.id)).toEqual(["error-by-step", "weights-by-step"]);
    for (const c of chartsOnFirstPage(plan)) {
      expect(text, c.title).toContain(c.title.replace(/"/g, '"').split(" (")[0]);
      expect(text, c.xAxis.title).toContain(c.xAxis.title);
    }
  });

  it("draw ink and coloured series, not empty frames", () => {
    expect(pages[0].ink).toBeGreaterThan(0.03);
    // Series colours (red error, blue/orange/green/purple weights); grid lines and text are grey or black.
    expect(pages[0].colour).toBeGreaterThan(0.003);
  });
});
