/**
 * Excel writer benchmark: syncs and bytes per request when GradSheet writes a 1k, 10k and 100k-cell
 * run sheet (real core run, real SheetPlan) into the project's fake Excel, on a current Excel
 * (ExcelApi 1.12: formula columns filled down by Excel) and on Excel 2019 (1.7: every formula
 * sent). Targets (issue 4): at most 3 syncs up to 100k cells on current Excel; every request
 * under 4 MB on both. `npm run bench:excel` runs it alone; `npm run bench` runs it with the others.
 */
import { resolveConfig, train } from "../src/core";
import { buildRunSheet } from "../src/sheet";
import { planCellCount } from "../src/excel/plan-ops";
import { REQUEST_BUDGET, writePlan } from "../src/excel/write-run";
import type { ExcelHost } from "../src/excel/host";
import { createFakeExcel } from "../fake-excel";
import type { BenchResult } from "./lib/types";

const now = (): number => performance.now() / 1000;

const SIZES = [1_000, 10_000, 100_000];
const APIS = ["1.12", "1.7"];

/** A two-relu run whose sheet has about `cells` cells (rows scaled through the number of x values). */
function planOfSize(cells: number) {
  const probe = buildRunSheet(
    train(
      resolveConfig({
        model: "two-relu",
        epochs: 1,
        data: { x: { kind: "range", from: 1, to: 10, step: 1 } },
      }),
      { rows: true }
    ),
    { name: "probe" }
  );
  const perRow = probe.tables[0].columns.length;
  const fixed = planCellCount(probe) - perRow * 10;
  const n = Math.max(2, Math.round((cells - fixed) / perRow));
  const config = resolveConfig({
    model: "two-relu",
    lr: 1e-5,
    epochs: 1,
    data: { x: { kind: "range", from: 1, to: n, step: 1 } },
  });
  return buildRunSheet(train(config, { rows: true }), { name: `Run ${cells}` });
}

export interface WriterFigures {
  cells: number;
  api: string;
  syncs: number;
  requests: number;
  maxRequestBytes: number;
  totalBytes: number;
  ms: number;
}

/** Write one plan into a fresh fake and measure what was sent. */
export async function measure(cells: number, api: string): Promise<WriterFigures> {
  const plan = planOfSize(cells);
  const fake = createFakeExcel({ apiVersion: api });
  const host: ExcelHost = {
    run: (fn) => fake.Excel.run((ctx) => fn(ctx as unknown as Excel.RequestContext)),
    supports: (v) => fake.Office.context.requirements.isSetSupported("ExcelApi", v),
    syncTimeoutMs: 60_000,
  };
  const t0 = now();
  const report = await writePlan(host, plan, { record: { options: plan.meta } });
  const ms = (now() - t0) * 1000;
  const bytes = fake.requests.map((r) => r.bytes);
  return {
    cells: report.cells,
    api,
    syncs: fake.syncCount,
    requests: bytes.length,
    maxRequestBytes: Math.max(...bytes),
    totalBytes: bytes.reduce((a, b) => a + b, 0),
    ms: Math.round(ms),
  };
}

export async function bench(): Promise<BenchResult> {
  const rows: WriterFigures[] = [];
  for (const api of APIS) for (const size of SIZES) rows.push(await measure(size, api));
  const kb = (b: number) => (b / 1024).toFixed(1).padStart(9);
  const table = [
    "cells     ExcelApi  syncs  max KB/request  total KB   write ms (fake)",
    ...rows.map(
      (r) =>
        `${String(r.cells).padEnd(9)} ${r.api.padEnd(9)} ${String(r.syncs).padStart(5)}  ${kb(r.maxRequestBytes).padStart(14)} ${kb(r.totalBytes)}   ${String(r.ms).padStart(6)}`
    ),
  ].join("\n");
  const current = rows.filter((r) => r.api === "1.12");
  return {
    name: "excel-writer",
    table,
    json: { rows, budgetBytes: REQUEST_BUDGET },
    targets: [
      {
        what: "at most 3 syncs for sheets up to 100k cells (ExcelApi 1.9+)",
        met: current.every((r) => r.syncs <= 3),
      },
      {
        what: "every request under 4 MB (ExcelApi 1.12 and 1.7)",
        met: rows.every((r) => r.maxRequestBytes < REQUEST_BUDGET),
      },
    ],
  };
}

/** Run alone: print the table, the targets, and one JSON line. */
async function main(): Promise<void> {
  const r = await bench();
  console.log(r.table);
  for (const t of r.targets ?? []) console.log(`target ${t.met ? "met   " : "MISSED"} ${t.what}`);
  console.log(JSON.stringify({ [r.name]: r.json }));
}

if (require.main === module) void main();
