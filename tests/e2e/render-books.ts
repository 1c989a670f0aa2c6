/**
 * Every workbook a learner can generate, as the pane and the CLI build them: each preset's run sheet
 * with its loss landscape, the forum's model comparison, and a learning-rate sweep that crosses the
 * divergence. The rendering suite prints each with LibreOffice.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import {
  PRESETS,
  logSpace,
  resolveConfig,
  sweep,
  train,
  type ModelId,
  type RunOptions,
} from "../../src/core";
import {
  buildCompareWorkbook,
  buildLandscapeSheet,
  buildSweepSheet,
} from "../../src/sheet/experiments";
import type { WorkbookPlan } from "../../src/sheet/plan";
import { buildWorkbookPlan } from "../../src/sheet/workbook";

export interface NamedBook {
  /** File stem, e.g. "preset-two-neurons", "compare", "sweep". */
  name: string;
  plan: WorkbookPlan;
}

/** The forum's three models, compared at the 2-neuron preset's settings over three epochs. */
export const COMPARE_MODELS: ModelId[] = ["linear", "two-linear", "two-relu"];
export const COMPARE_OPTIONS: RunOptions = {
  ...PRESETS.find((p) => p.id === "two-neurons")!.options,
  epochs: 3,
};
/** Nine rates from 1e-6 to 1e-2: the small ones learn, the large ones explode. */
export const SWEEP_RATES = logSpace(1e-6, 1e-2, 9);
export const SWEEP_OPTIONS: RunOptions = { model: "two-linear", gradient: "forward", epochs: 2 };

/** One book per preset (run sheet, then its landscape), the comparison and the sweep. */
export function everyWorkbook(): NamedBook[] {
  const presets = PRESETS.map((p): NamedBook => {
    const result = train(resolveConfig(p.options), { rows: true });
    const plan = buildWorkbookPlan([{ result, name: p.label }]);
    plan.sheets.push(buildLandscapeSheet(result, `${p.label} landscape`));
    return { name: `preset-${p.id}`, plan };
  });
  const runs = COMPARE_MODELS.map((model) =>
    train(resolveConfig({ ...COMPARE_OPTIONS, model }), { rows: true })
  );
  const sweepSheet = buildSweepSheet(
    sweep(SWEEP_OPTIONS, SWEEP_RATES),
    resolveConfig(SWEEP_OPTIONS)
  );
  return [
    ...presets,
    { name: "compare", plan: buildCompareWorkbook(runs) },
    { name: "sweep", plan: { sheets: [sweepSheet], namesScope: "workbook" } },
  ];
}

/**
 * Convert `files` to PDF in `outDir` with one soffice run and one fresh profile that recalculates
 * every formula on load (LibreOffice keeps cached values by default: oracles.md §3.1). Throws,
 * with soffice's output, when a PDF is missing: soffice exits 0 even when it wrote nothing.
 */
export function convertToPdf(
  soffice: string,
  files: string[],
  outDir: string,
  timeoutSeconds = 600
): string[] {
  const profile = mkdtempSync(join(tmpdir(), "gradsheet-render-profile-"));
  try {
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_PROFILE);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...files,
    ];
    const log = spawnSync(soffice, args, {
      encoding: "utf8",
      timeout: timeoutSeconds * 1000,
      killSignal: "SIGKILL",
    });
    const pdfs = files.map((f) => join(outDir, basename(f).replace(/\.xlsx$/, ".pdf")));
    const missing = pdfs.filter((p) => !existsSync(p));
    if (missing.length)
      throw new Error(
        `soffice wrote no ${missing.join(", ")} (status ${log.status}): ${log.stdout}${log.stderr}`
      );
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Each page's text of a PDF (pdftotext -layout, pages split at form feeds). */
export function pdfPages(pdftotext: string, pdf: string): string[] {
  const text = execFileSync(pdftotext, ["-layout", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return text.split("\f").slice(0, -1);
}

/** Where each chart of each sheet is anchored in a written .xlsx, read back from its drawing parts: sheet file name → [col, row, toCol, toRow][]. */
export function drawingAnchors(xlsx: Uint8Array): Map<string, number[][]> {
  const files = unzipSync(xlsx);
  const text = (name: string) => strFromU8(files[name]);
  const out = new Map<string, number[][]>();
  for (const name of Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const rels = files[name.replace("worksheets/", "worksheets/_rels/") + ".rels"];
    const target = rels && /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(strFromU8(rels));
    if (!target) continue;
    const nums = (tag: string, x: string) =>
      Number(new RegExp(`<xdr:${tag}>(\\d+)</xdr:${tag}>`).exec(x)![1]);
    const anchors = [
      ...text(`xl/drawings/${target[1]}`).matchAll(
        /<xdr:from>(.*?)<\/xdr:from><xdr:to>(.*?)<\/xdr:to>/g
      ),
    ].map((m) => [nums("col", m[1]), nums("row", m[1]), nums("col", m[2]), nums("row", m[2])]);
    out.set(name, anchors);
  }
  return out;
}
