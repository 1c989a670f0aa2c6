/**
 * One vocabulary: no words the glossary retired, anywhere a learner reads. The scan covers every
 * string the pane's sources hold (string literals and template text of src/taskpane), the pane's
 * and help page's HTML text, the preset blurbs, and the plan of every preset's sheet, every
 * experiment's and the lesson's: cell texts, notes, column descriptions, names' notes and chart
 * titles. Column headers and sheet names are left out: the exercise contract and the naming rule
 * fix them ("2 neurons lr 1e-4" is a sheet's name, not a sentence).
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { GLOSSARY, PRESETS, type ModelId } from "../../../src/core";
import {
  compareExperiment,
  landscapeExperiment,
  lessonPlan,
  lessonTitles,
  runPlan,
  sweepExperiment,
  trainRun,
} from "../../../src/run";
import type { SheetPlan } from "../../../src/sheet";
import { DEFAULT_X, orderedPresets, presetBlurb } from "../../../src/taskpane/form";
import { paneForm } from "../../helpers/pane-form";

const root = join(__dirname, "../../..");
const paneDir = join(root, "src/taskpane");

/** The words #22 retired, each with what to say instead (the brief's list, not the glossary's). */
const RETIRED: { word: RegExp; instead: string }[] = [
  { word: /(?<![\w-])lr(?![\w-])/, instead: "learning rate" },
  { word: /log10 SSE/i, instead: "the glossary's name for the landscape's measure" },
  { word: /divergence bound/i, instead: "explosion limit" },
  { word: /training core/i, instead: "the core / the core's numbers" },
  { word: /GradSheet's own numbers/i, instead: "the core's numbers" },
  { word: /Log-spaced/i, instead: "evenly spaced on a log scale" },
  { word: /ExcelApi/, instead: "the Excel version (needs Excel 2021 or Microsoft 365)" },
  { word: /row \d+ \(step \d+\)/, instead: "step 27 (epoch 1)" },
  // one number format: the learner's (1e-4), not 0.0001
  { word: /learning rate 0\.000\d/, instead: "learning rate 1e-4" },
  // "step" is one row of the sheet: h is a nudge, a count is "each 1 more"
  { word: /difference step|step of 1\b/i, instead: "nudge h / each 1 more" },
];

/** "graddesc basic" only as the preset's own label, or explained in the same text. */
const unexplainedGraddesc = (t: string): boolean =>
  /graddesc basic/i.test(t) &&
  t.trim() !== GLOSSARY.graddescBasic.term &&
  !/graddesc\.xlsm/.test(t);

/** Each retired word a text uses, as "word → instead: text". */
function faults(where: string, texts: Iterable<string>): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const r of RETIRED)
      if (r.word.test(t)) out.push(`${where}: ${r.word} → ${r.instead}: ${t}`);
    if (unexplainedGraddesc(t)) out.push(`${where}: "graddesc basic" unexplained: ${t}`);
  }
  return out;
}

/** A source file's prose: its string literals and template texts that hold a space (not ids or keys). */
function sourceStrings(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n))
      out.push([n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" # "));
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out.filter((s) => /\s/.test(s.trim()));
}

/** An HTML page's text: tags and comments dropped, entities left as they are. */
const htmlText = (file: string): string[] =>
  readFileSync(file, "utf8")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .split(/<[^>]+>/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);

/** What a learner reads on a sheet (not its headers), with the sheet names of its workbook masked. */
function planTexts(p: SheetPlan, names: string[]): string[] {
  const out: string[] = [];
  for (const b of p.blocks)
    for (const row of b.cells)
      for (const c of row) {
        if (typeof c?.value === "string") out.push(c.value);
        if (c?.comment) out.push(c.comment);
      }
  for (const t of p.tables) for (const c of t.columns) out.push(c.description);
  for (const n of p.names) if (n.comment) out.push(n.comment);
  for (const ch of p.charts)
    out.push(ch.title, ch.xAxis.title, ch.yAxis.title, ...ch.series.map((s) => s.name));
  const masked = [...names].sort((a, b) => b.length - a.length);
  return out.map((t) => masked.reduce((s, n) => s.split(n).join("‹sheet›"), t));
}

const sheetsFaults = (sheets: SheetPlan[]): string[] =>
  sheets.flatMap((p) =>
    faults(
      `sheet “${p.name}”`,
      new Set(
        planTexts(
          p,
          sheets.map((s) => s.name)
        )
      )
    )
  );

const TWO = PRESETS.find((p) => p.id === "two-neurons")!.options;

describe("one vocabulary: no retired word where a learner reads", () => {
  it("finds the retired words it looks for (the scan itself can fail)", () => {
    expect(
      faults("t", ["Set lr to 1e-5", "the training core", "graddesc basic at lr 1e-4"])
    ).toHaveLength(4);
    expect(faults("t", ["the learning rate", "rerun-lr", GLOSSARY.graddescBasic.term])).toEqual([]);
  });

  it("in every string of the pane's sources", () => {
    const files = readdirSync(paneDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    expect(
      files.flatMap((f) => faults(`src/taskpane/${f}`, sourceStrings(join(paneDir, f))))
    ).toEqual([]);
    // and the messages src/excel hands the pane as they are: Check this sheet's, a too-old Excel's
    for (const f of ["check.ts", "requirements.ts"])
      expect(faults(`src/excel/${f}`, sourceStrings(join(root, "src/excel", f)))).toEqual([]);
  });

  it("in the pane's page and the help page", () => {
    for (const page of ["taskpane.html", "help.html"])
      expect(faults(page, htmlText(join(paneDir, page)))).toEqual([]);
  });

  it("in each preset's blurb, as the preset sets the form and once the learner changed it, and the lesson's titles", () => {
    const blurbs = orderedPresets().flatMap((p) =>
      [{ x: DEFAULT_X }, { x: "1, 2, 3", lr: "1e-3" }].map((changes) =>
        presetBlurb(
          p,
          paneForm({
            model: String(p.options.model),
            optimizer: String(p.options.optimizer),
            lr: String(p.options.lr),
            epochs: String(p.options.epochs),
            gradient: String(p.options.gradient),
            ...changes,
          })
        )
      )
    );
    expect(faults("blurb", blurbs)).toEqual([]);
    expect(faults("lesson titles", lessonTitles())).toEqual([]);
  });

  it("in the plan of every preset's sheet: notes, column descriptions, labels, chart titles", () => {
    const sheets = PRESETS.map((p) => runPlan(trainRun(p.options)));
    sheets.push(runPlan(trainRun({ ...TWO, optimizer: "adam", lr: 0.01, epochs: 2, batch: 4 })));
    sheets.push(runPlan(trainRun({ ...TWO, model: "relu-3", epochs: 1 })));
    expect(sheetsFaults(sheets)).toEqual([]);
  });

  it("in the experiments' sheets and the lesson's", () => {
    const models: ModelId[] = ["linear", "two-linear", "two-relu"];
    expect(sheetsFaults(compareExperiment(TWO, models).workbook.sheets)).toEqual([]);
    expect(sheetsFaults(sweepExperiment(TWO, [1e-5, 1e-4, 1e-3]).workbook.sheets)).toEqual([]);
    expect(sheetsFaults(landscapeExperiment(TWO).workbook.sheets)).toEqual([]);
    expect(sheetsFaults(lessonPlan().sheets)).toEqual([]);
  });
});
