/**
 * Export benchmark: time to write a run's workbook (`writeWorkbook`, and the sheet plan before it)
 * and the file's size at 1k, 10k and 100k steps, and how long headless LibreOffice takes to open
 * and recalculate the 1k and 10k files. Target (issue 3): growth linear in rows, i.e. the time and
 * bytes per step at 100k within 2× of those at 1k.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig, train } from "../src/core";
import { buildWorkbookPlan } from "../src/sheet/workbook";
import { writeWorkbook } from "../src/xlsx";
import { loRecalc } from "../tests/e2e/helpers/libreoffice";
import { best, now, type BenchResult } from "./lib/types";

const STEPS = [1_000, 10_000, 100_000];
const LO_STEPS = new Set([1_000, 10_000]);
const ROWS_PER_EPOCH = 1_000;
const TARGET_RATIO = 2;

interface Row {
  steps: number;
  formulaCells: number;
  planSeconds: number;
  writeSeconds: number;
  bytes: number;
  loSeconds?: number;
  loLoadAndCalcSeconds?: number;
}

/** A two-neuron ReLU run with forward differences over `steps` steps (1,000 random x per epoch). */
function run(steps: number) {
  const config = resolveConfig({
    model: "two-relu", optimizer: "adam", gradient: "forward", lr: 1e-3, epochs: steps / ROWS_PER_EPOCH,
    data: { x: { kind: "random", n: ROWS_PER_EPOCH, seed: 7 } },
  });
  return train(config, { rows: true });
}

function measure(steps: number, dir: string): Row {
  const result = run(steps);
  const reps = steps >= 100_000 ? 1 : 3;
  const plan = best(reps, () => buildWorkbookPlan([{ result, name: "Run 1" }]));
  const bytes = best(reps, () => writeWorkbook(plan.result));
  const formulaCells = plan.result.sheets[0].tables.reduce((n, t) => n + t.rows * t.columns.filter((c) => c.formula).length, 0);
  const row: Row = { steps, formulaCells, planSeconds: plan.seconds, writeSeconds: bytes.seconds, bytes: bytes.result.length };
  if (LO_STEPS.has(steps)) {
    const file = join(dir, `export-${steps}.xlsx`);
    writeFileSync(file, bytes.result);
    const t0 = now();
    const lo = loRecalc(file);
    row.loSeconds = now() - t0;
    row.loLoadAndCalcSeconds = lo.timings_s.load + lo.timings_s.calculateAll;
  }
  return row;
}

const fmt = (n: number | undefined, digits = 3) => (n === undefined ? "-" : n.toFixed(digits));

export async function bench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "gradsheet-bench-export-"));
  try {
    const rows = STEPS.map((s) => measure(s, dir));
    const [small, mid, large] = rows;
    const perStep = (r: Row, k: "writeSeconds" | "bytes") => r[k] / r.steps;
    const timeRatio = perStep(large, "writeSeconds") / perStep(small, "writeSeconds");
    const timeRatioMid = perStep(large, "writeSeconds") / perStep(mid, "writeSeconds");
    const sizeRatio = perStep(large, "bytes") / perStep(small, "bytes");
    const lines = [
      "steps     formula cells   plan s   write s   µs/step   file KiB   bytes/step   LibreOffice s (load+recalc)",
      ...rows.map((r) => `${String(r.steps).padEnd(10)}${String(r.formulaCells).padStart(13)}${fmt(r.planSeconds).padStart(9)}${fmt(r.writeSeconds).padStart(10)}`
        + `${fmt((r.writeSeconds / r.steps) * 1e6, 1).padStart(10)}${(r.bytes / 1024).toFixed(0).padStart(11)}${(r.bytes / r.steps).toFixed(1).padStart(13)}`
        + `   ${fmt(r.loSeconds, 2)}${r.loSeconds === undefined ? "" : ` (${fmt(r.loLoadAndCalcSeconds, 2)})`}`),
      `per step, 100k vs 1k: write time ×${timeRatio.toFixed(2)}, file size ×${sizeRatio.toFixed(2)}; 100k vs 10k: write time ×${timeRatioMid.toFixed(2)}`,
    ];
    return {
      name: "export",
      table: lines.join("\n"),
      json: { model: "two-relu", optimizer: "adam", gradient: "forward", rows, perStepRatio100kTo1k: { writeTime: +timeRatio.toFixed(3), bytes: +sizeRatio.toFixed(3) }, perStepRatio100kTo10k: { writeTime: +timeRatioMid.toFixed(3) } },
      targets: [
        { what: `export time per step at 100k within ${TARGET_RATIO}× of 1k (×${timeRatio.toFixed(2)})`, met: timeRatio <= TARGET_RATIO },
        { what: `file size per step at 100k within ${TARGET_RATIO}× of 1k (×${sizeRatio.toFixed(2)})`, met: sizeRatio <= TARGET_RATIO },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("export.ts")) {
  bench().then((r) => {
    console.log(r.table);
    console.log(JSON.stringify({ [r.name]: r.json, targets: r.targets }));
  });
}
