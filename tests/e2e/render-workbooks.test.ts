/**
 * Every workbook a learner can generate (each preset with its landscape, the comparison, a sweep
 * that crosses the divergence), printed by LibreOffice with one profile for the suite. Twice:
 * - "cells": each sheet's whole used range at its column widths (print setup removed), whose PDF
 *   text must never show ### and must show every learning rate's significant digits;
 * - "print": as generated, whose print setup must give a few pages, each chart whole on one.
 * Where the charts are anchored is read back from the written files' drawing parts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { colIndex } from "../../src/sheet/address";
import type { SheetPlan, WorkbookPlan } from "../../src/sheet/plan";
import { writeWorkbook } from "../../src/xlsx";
import { requireLibreOffice } from "./helpers/libreoffice";
import { LIBREOFFICE_HINT, requireProgram } from "./helpers/programs";
import {
  SWEEP_RATES,
  convertToPdf,
  drawingAnchors,
  everyWorkbook,
  pdfPages,
  type NamedBook,
} from "./render-books";

/** Two conversions of six books on a busy 2-core machine. */
const HOOK_MS = 900_000;

let dir = "";
let books: NamedBook[] = [];
const cells = new Map<string, string[]>();
const printed = new Map<string, string[]>();
const anchors = new Map<string, Map<string, number[][]>>();

const withoutPrint = (plan: WorkbookPlan): WorkbookPlan => ({
  ...plan,
  sheets: plan.sheets.map((s): SheetPlan => ({ ...s, print: undefined })),
});

beforeAll(() => {
  const { soffice } = requireLibreOffice();
  const pdftotext = requireProgram("pdftotext", ["/usr/bin/pdftotext"], LIBREOFFICE_HINT);
  dir = mkdtempSync(join(tmpdir(), "gradsheet-render-all-"));
  books = everyWorkbook();
  const files: string[] = [];
  for (const b of books) {
    const bytes = writeWorkbook(b.plan);
    anchors.set(b.name, drawingAnchors(bytes));
    files.push(join(dir, `print-${b.name}.xlsx`), join(dir, `cells-${b.name}.xlsx`));
    writeFileSync(files[files.length - 2], bytes);
    writeFileSync(files[files.length - 1], writeWorkbook(withoutPrint(b.plan)));
  }
  const pdfs = convertToPdf(soffice, files, dir);
  books.forEach((b, i) => {
    printed.set(b.name, pdfPages(pdftotext, pdfs[2 * i]));
    cells.set(b.name, pdfPages(pdftotext, pdfs[2 * i + 1]));
  });
}, HOOK_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = (m: Map<string, string[]>, name: string): string => m.get(name)!.join("\n");

describe("every generated sheet, at its default column widths in LibreOffice", () => {
  it("never shows ### (diverged runs, sweeps and comparisons included)", () => {
    expect(books.map((b) => b.name)).toEqual([
      "preset-graddesc-basic",
      "preset-one-neuron",
      "preset-two-neurons",
      "preset-two-relu",
      "compare",
      "sweep",
    ]);
    for (const b of books) {
      expect(cells.get(b.name)!.length, b.name).toBeGreaterThan(0);
      expect(all(cells, b.name), b.name).not.toContain("###");
    }
  });

  it("shows the explosion's numbers: the 2-neuron run's last √SSE in scientific notation", () => {
    expect(all(cells, "preset-two-neurons")).toMatch(/last √SSE[\s\S]*4\.51\d*E\+0?32/);
  });

  it("shows every swept learning rate with its significant digits", () => {
    const text = all(cells, "sweep");
    for (const lr of SWEEP_RATES) {
      const [m, e] = lr.toExponential(3).split("e");
      const digits = String(Number(m)).padEnd(3, ".0");
      expect(text, String(lr)).toContain(
        `${digits}E${e.startsWith("-") ? "-" : "+"}${e.replace(/^[-+]/, "").padStart(2, "0")}`
      );
    }
    expect(text).not.toMatch(/\b0\.0000\b/);
  });
});

describe("the charts of every sheet, as anchored in the written file", () => {
  it("put the first chart of every sheet within the first 16 columns and 45 rows", () => {
    for (const b of books)
      for (const [sheet, list] of anchors.get(b.name)!) {
        const [, , toCol, toRow] = list[0];
        expect(toCol, `${b.name} ${sheet}`).toBeLessThanOrEqual(16);
        expect(toRow, `${b.name} ${sheet}`).toBeLessThanOrEqual(46);
      }
  });

  it("put the error chart of each run sheet beside the parameters, and the pointer names the column of the next charts", () => {
    for (const b of books.filter((x) => x.name.startsWith("preset-"))) {
      const run = b.plan.sheets[0];
      const [error, , more] = anchors.get(b.name)!.get("xl/worksheets/sheet1.xml")!;
      expect(error.slice(0, 2)).toEqual([0, run.names[0].row + 1]);
      const pointer = run.blocks
        .flatMap((bl) => bl.cells.flat())
        .find((c) => typeof c?.value === "string" && /^column [A-Z]+ →$/.test(c.value))!;
      expect(colIndex(String(pointer.value).split(" ")[1])).toBe(more[0]);
    }
  });
});

describe("every workbook as printed", () => {
  it("takes a few pages: one per pair of run charts, one for the summary, one per experiment sheet", () => {
    for (const b of books) {
      const pages = printed.get(b.name)!.length;
      expect(pages, b.name).toBeLessThanOrEqual(
        b.name === "compare" ? 4 * 3 + 1 : b.name === "sweep" ? 1 : 5
      );
    }
  });

  it("prints the error chart with the parameters on the first page of a run sheet, and every chart title", () => {
    for (const b of books) {
      const pages = printed.get(b.name)!;
      if (b.name.startsWith("preset-"))
        expect(pages[0]).toMatch(/LearningRate[\s\S]*Squared error by step/);
      for (const s of b.plan.sheets)
        for (const c of s.charts)
          expect(pages.join("\n"), `${b.name}: ${c.title}`).toContain(c.title.split(" (")[0]);
    }
  });

  it("says so when finite differences lost h: the 2-neuron run's headline flags the step", () => {
    expect(printed.get("preset-two-neurons")![0]).toMatch(/h lost at step[\s\S]*\b29\b/);
  });
});
