/**
 * A run too big for a worksheet is refused before any training (issue 21, fault 6). Expected
 * numbers by hand: a worksheet has 1,048,576 rows; a run sheet puts its first step on row 22
 * (21 rows of title, parameters, the 15-row chart band, group labels and headers above it).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, presetById, resolveConfig, train } from "../../../src/core";
import { buildRunSheet } from "../../../src/sheet";
import { EXCEL_ROWS, epochsThatFit, runFitProblem, runSheetRows } from "../../../src/sheet/limits";
import {
  compareExperiment,
  landscapeExperiment,
  planRun,
  sweepExperiment,
  trainReporting,
} from "../../../src/run";
import { cli } from "../cli/run-cli";

const twoNeurons = presetById("two-neurons")!.options;
const n = resolveConfig(twoNeurons).data.length;

describe("the worksheet limits", () => {
  it("counts 21 rows above the steps and one row per step", () => {
    expect(runSheetRows(1, 1)).toBe(22);
    expect(runSheetRows(3, 5)).toBe(36);
    // the run sheet's own table ends on that row
    const plan = buildRunSheet(train(resolveConfig({ ...twoNeurons, epochs: 2 }), { rows: true }), {
      name: "R",
    });
    const steps = plan.tables[0];
    expect(steps.row + 1 + steps.rows).toBe(runSheetRows(2, n));
  });

  it("says how many epochs fit: (1,048,576 − 21) ÷ data rows, rounded down", () => {
    expect(epochsThatFit(n)).toBe(Math.floor((1_048_576 - 21) / n));
    expect(
      runFitProblem({ epochs: epochsThatFit(n), data: resolveConfig(twoNeurons).data })
    ).toBeNull();
    const over = runFitProblem({
      epochs: epochsThatFit(n) + 1,
      data: resolveConfig(twoNeurons).data,
    });
    expect(over).toContain(`more than a worksheet's ${EXCEL_ROWS.toLocaleString("en-US")}`);
    expect(over).toContain(`at most ${epochsThatFit(n).toLocaleString("en-US")} epochs fit`);
  });

  it("refuses the run in the run service before training, as a ConfigError on the epochs field", () => {
    for (const attempt of [
      () => planRun({ ...twoNeurons, epochs: 100_000 }, { change: "new run" }),
      () => trainReporting({ ...twoNeurons, epochs: 100_000 }),
    ]) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe("epochs");
    }
  });

  it("refuses Compare, Sweep and landscape of such a run before training", () => {
    const big = { ...twoNeurons, epochs: 100_000 };
    expect(() => compareExperiment(big, ["linear", "two-linear"])).toThrow(/epochs fit/);
    expect(() => sweepExperiment(big, [1e-4, 1e-3])).toThrow(/epochs fit/);
    expect(() => landscapeExperiment(big)).toThrow(/epochs fit/);
  });

  it("gradsheet export --preset two-neurons --epochs 100000 exits 2 with one line and writes nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gs-limits-")), "big.xlsx");
    const r = await cli("export", "--preset", "two-neurons", "--epochs", "100000", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/at most [\d,]+ epochs fit/);
    expect(existsSync(out)).toBe(false);
  });

  it("gradsheet exercise of such a run exits 2 with the same line and writes nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "gs-limits-")), "big-ex.xlsx");
    const r = await cli("exercise", "--preset", "two-neurons", "--epochs", "100000", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/at most [\d,]+ epochs fit/);
    expect(existsSync(out)).toBe(false);
  });
});
