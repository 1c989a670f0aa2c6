import { describe, expect, it } from "vitest";
import { parseLrs } from "../../../src/cli/commands/experiments";
import { cli } from "./run-cli";

describe("gradsheet sweep --json", () => {
  it("prints runs: [{ lr, epochs, divergence }] with each run exactly as gradsheet train gives it", async () => {
    const opts = ["--model", "two-linear", "--gradient", "forward", "--epochs", "2"];
    const s = JSON.parse((await cli("sweep", "--lrs", "1e-5,1e-4", ...opts, "--json")).out);
    expect(s.runs.map((r: { lr: number }) => r.lr)).toEqual([1e-5, 1e-4]);
    for (const run of s.runs) {
      const t = JSON.parse((await cli("train", "--lr", String(run.lr), ...opts, "--json")).out);
      expect(run.epochs).toEqual(t.epochs);
      expect(run.divergence).toEqual(t.divergence);
    }
    expect(s.runs[1].divergence).toMatchObject({ epoch: 1, row: 27 });
    expect(s.largestStable).toBe(1e-5);
  });

  it("accepts a log-spaced FROM:TO:COUNT range", () => {
    expect(parseLrs("1e-6:1e-3:4")).toEqual([1e-6, 1e-5, 1e-4, 1e-3]);
  });

  it("refuses --lr (the rates come from --lrs) and a missing --lrs, with one line and exit 2", async () => {
    for (const args of [
      ["sweep", "--lrs", "1e-4", "--lr", "1e-3"],
      ["sweep"],
      ["sweep", "--lrs", "0,1e-4"],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("prints a table and the largest stable rate without --json", async () => {
    const r = await cli(
      "sweep",
      "--lrs",
      "1e-5,1e-4",
      "--model",
      "two-linear",
      "--gradient",
      "forward"
    );
    expect(r.out).toMatch(/Largest stable learning rate: 1e-5\./);
  });
});

describe("gradsheet compare --json", () => {
  it("prints runs: [{ model, epochs, divergence }] for the same data, weights and rate", async () => {
    const opts = ["--lr", "1e-5", "--epochs", "3", "--gradient", "forward"];
    const c = JSON.parse(
      (await cli("compare", "--models", "linear,two-linear,two-relu", ...opts, "--json")).out
    );
    expect(c.runs.map((r: { model: string }) => r.model)).toEqual([
      "linear",
      "two-linear",
      "two-relu",
    ]);
    for (const run of c.runs) {
      const t = JSON.parse((await cli("train", "--model", run.model, ...opts, "--json")).out);
      expect(run.epochs).toEqual(t.epochs);
      expect(run.divergence).toEqual(t.divergence);
    }
    expect(c.runs[1].collapsed.slope).toBeCloseTo(
      c.runs[1].epochs[2].weights.a * c.runs[1].epochs[2].weights.c,
      12
    );
  });

  it("refuses an unknown model and --model with one line", async () => {
    for (const args of [
      ["compare", "--models", "linear,deep"],
      ["compare", "--models", "linear", "--model", "linear"],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("gradsheet compare and sweep --out", () => {
  it("write the comparison workbook (Compare first, one live sheet per model) and the sweep sheet", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { unzipSync, strFromU8 } = await import("fflate");
    const dir = mkdtempSync(join(tmpdir(), "gradsheet-"));
    const c = await cli(
      "compare",
      "--models",
      "linear,two-linear",
      "--lr",
      "1e-5",
      "--epochs",
      "2",
      "--out",
      join(dir, "c.xlsx")
    );
    expect(c.code).toBe(0);
    const book = strFromU8(unzipSync(readFileSync(join(dir, "c.xlsx")))["xl/workbook.xml"]);
    expect([...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "Compare",
      "1 neuron",
      "2 neurons",
    ]);
    const s = await cli("sweep", "--lrs", "1e-5,1e-4", "--out", join(dir, "s.xlsx"));
    expect(s.code).toBe(0);
    expect(strFromU8(unzipSync(readFileSync(join(dir, "s.xlsx")))["xl/workbook.xml"])).toMatch(
      /name="Sweep"/
    );
  });

  it("refuse an --out that is not .xlsx before training", async () => {
    const r = await cli("sweep", "--lrs", "1e-5", "--out", "x.csv");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must end in .xlsx/);
  });
});

describe("gradsheet export --landscape", () => {
  it("adds the loss-landscape sheet after the run sheet", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { unzipSync, strFromU8 } = await import("fflate");
    const file = join(mkdtempSync(join(tmpdir(), "gradsheet-")), "l.xlsx");
    expect(
      (await cli("export", "--preset", "graddesc-basic", "--landscape", "--out", file)).code
    ).toBe(0);
    const book = strFromU8(unzipSync(readFileSync(file))["xl/workbook.xml"]);
    expect([...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "Run 1",
      "Run 1 landscape",
    ]);
  });
});

describe("gradsheet landscape", () => {
  it("prints log10 SSE over the (a, b) grid as JSON, exactly the core's grid, with the run's path", async () => {
    const { landscapeAxes, lossGrid, resolveConfig, train } = await import("../../../src/core");
    const o = JSON.parse((await cli("landscape", "--epochs", "2", "--points", "7", "--json")).out);
    const result = train(resolveConfig({ epochs: 2 }));
    const axes = landscapeAxes(result, 7);
    expect([o.wx, o.wy]).toEqual(["a", "b"]);
    expect(o.xs).toEqual(axes.xs);
    expect(o.grid).toEqual(lossGrid(result, axes));
    expect(o.path).toHaveLength(58);
    expect(o.path[0]).toEqual({ step: 1, x: 1, y: 1 });
  });

  it("finds the valley floor near the target line while graddesc's run is still far up the intercept", async () => {
    const r = await cli("landscape", "--preset", "graddesc-basic");
    expect(r.out).toMatch(/Lowest cell: log10 SSE [\d.]+ at a = 1\.9\d*, b = 30\.\d+/);
    expect(r.out).toMatch(/The path ends \(step 145\) at a = 2\.5\d+, b = 1\.29/);
  });

  it("refuses a grid size out of range with one line", async () => {
    const r = await cli("landscape", "--points", "2");
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});
