import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  EXCEL_VERSION_FOR,
  GLOSSARY,
  explosionSentences,
  inExcelVersions,
  inGlossaryWords,
  stepPlace,
} from "../../../src/core/glossary";
import { API, NeedsNewerExcel, excelNeeded } from "../../../src/excel/requirements";
import { DOCTOR_API } from "../../../src/excel/doctor";

describe("the glossary: each idea named once", () => {
  it("names learning rate, step, epoch, √SSE, overshoot and the core, each once", () => {
    const terms = Object.values(GLOSSARY).map((g) => g.term);
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms).toEqual(
      expect.arrayContaining(["learning rate", "step", "epoch", "√SSE", "overshoot", "the core"])
    );
  });

  it("is what the help page says: every term and its meaning word for word", () => {
    const help = readFileSync(join(__dirname, "../../../src/taskpane/help.html"), "utf8");
    const text = help.replace(/\s+/g, " ");
    for (const g of Object.values(GLOSSARY)) expect(text).toContain(g.meaning);
  });

  it("names each term on the help page, in its words list", () => {
    const help = readFileSync(join(__dirname, "../../../src/taskpane/help.html"), "utf8");
    const words = help.slice(help.indexOf("<h2>Words</h2>")).replace(/\s+/g, " ").toLowerCase();
    for (const g of Object.values(GLOSSARY))
      expect(words).toContain(`<strong>${g.term.toLowerCase()}</strong>`);
  });

  it("says the core's formula symbol lr in words, and leaves names and ids alone", () => {
    expect(inGlossaryWords("new a = a − lr·de/da")).toBe("new a = a − learning rate·de/da");
    expect(inGlossaryWords("k = 2·lr·‖∇ŷ‖²")).toBe("k = 2·learning rate·‖∇ŷ‖²");
    expect(inGlossaryWords("LearningRate rerun-lr lrs")).toBe("LearningRate rerun-lr lrs");
    expect(inGlossaryWords("lr lr·x")).toBe("learning rate learning rate·x");
  });

  it("is read by Excel's older web views: no regular expression in src/ looks behind (ES2018)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith(".ts")
            ? [join(dir, e.name)]
            : []
      );
    const behind = files(join(__dirname, "../../../src")).filter((f) =>
      /\(\?<[!=]/.test(readFileSync(f, "utf8"))
    );
    expect(behind).toEqual([]);
  });

  it("says where a run diverged one way: the step, and its epoch only when there are several", () => {
    expect(stepPlace({ step: 27, epoch: 1 }, 1)).toBe("step 27");
    expect(stepPlace({ step: 87, epoch: 3 }, 5)).toBe("step 87 (epoch 3)");
  });

  it("says what to try when no rate was checked, and why when no step overshot", () => {
    const s = explosionSentences({
      step: 5,
      steps: 29,
      overshootFrom: null,
      everyUpdateOvershot: false,
      suggestion: null,
    });
    expect(s.why).toMatch(/^No single update overshot/);
    expect(s.tryRate).toMatch(/ten times smaller/);
  });
});

describe("requirement sets read as Excel versions", () => {
  it("rewrites the chart doctor's sentences without ExcelApi", () => {
    expect(
      inExcelVersions(
        "This Excel does not say which cells a chart reads (that needs ExcelApi 1.15: Microsoft 365 or Excel 2024), so typed-in categories cannot be detected."
      )
    ).toBe(
      "This Excel does not say which cells a chart reads (that needs Excel 2024 or Microsoft 365), so typed-in categories cannot be detected."
    );
    expect(
      inExcelVersions(
        "Checking charts as you add them needs ExcelApi 1.8 (Excel 2021 or Microsoft 365); use Check charts instead."
      )
    ).toBe(
      "Checking charts as you add them needs Excel 2021 or Microsoft 365; use Check charts instead."
    );
    expect(
      inExcelVersions(
        "This Excel cannot read secondary axes (ExcelApi 1.8), so they are not checked."
      )
    ).toBe(
      "This Excel cannot read secondary axes (needs Excel 2021 or Microsoft 365), so they are not checked."
    );
  });

  it("drops the set's number where the sentence already names the Excel", () => {
    expect(
      inExcelVersions(
        "Checking X values needs Microsoft 365 version 2008+ (or Excel on the web). This Excel does not support ExcelApi 1.12."
      )
    ).toBe("Checking X values needs Microsoft 365 version 2008+ (or Excel on the web).");
  });

  it("reads each set as the first Excel that has it (Office 2019: 1.7; Office 2021: to 1.14)", () => {
    expect(EXCEL_VERSION_FOR["1.7"]).toBe("Excel 2019 or later");
    for (const v of ["1.8", "1.9", "1.12", "1.14"])
      expect(EXCEL_VERSION_FOR[v]).toBe("Excel 2021 or Microsoft 365");
  });

  it("is the one table the pane's too-old-Excel messages use: every set the add-in needs, no set numbers", () => {
    for (const v of [...Object.values(API), ...Object.values(DOCTOR_API)]) {
      expect(EXCEL_VERSION_FOR[v], `ExcelApi ${v}`).toBeDefined();
      expect(excelNeeded(v, "Writing a run")).toBe(`Writing a run needs ${EXCEL_VERSION_FOR[v]}.`);
    }
    expect(new NeedsNewerExcel("1.8", "Switching calculation to automatic").message).toBe(
      "Switching calculation to automatic needs Excel 2021 or Microsoft 365."
    );
  });

  it("maps every set GradSheet names to an Excel a learner can buy or update to", () => {
    for (const v of Object.values(EXCEL_VERSION_FOR))
      expect(v).toMatch(/Excel 20\d\d|Microsoft 365/);
  });
});
