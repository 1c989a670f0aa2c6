/** The wide ReLU models (relu-2 … relu-8) through every command: train, export, sweep and compare. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { wideInit } from "../../../src/core";
import { parts } from "../../helpers/xlsx-file";
import { cli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "gradsheet-wide-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--model relu-n", () => {
  it("trains a layer of 4 ReLU neurons from the seeded default weights, or from --init-seed's", async () => {
    const o = JSON.parse((await cli("train", "--model", "relu-4", "--lr", "1e-5", "--json")).out);
    expect(o.config.init).toEqual(wideInit(4, 1));
    expect(Object.keys(o.epochs[0].weights)).toEqual([
      "a1",
      "a2",
      "a3",
      "a4",
      "b1",
      "b2",
      "b3",
      "b4",
      "c1",
      "c2",
      "c3",
      "c4",
      "d",
    ]);
    const seeded = JSON.parse(
      (await cli("train", "--model", "relu-4", "--init-seed", "7", "--json")).out
    );
    expect(seeded.config.init).toEqual(wideInit(4, 7));
    const given = JSON.parse(
      (await cli("train", "--model", "relu-2", "--init", "a1=0.5,d=2", "--json")).out
    );
    expect(given.config.init).toEqual({ ...wideInit(2, 1), a1: 0.5, d: 2 });
  });

  it("exports an 8-neuron sheet with its 25 initial-weight names", async () => {
    const out = join(dir, "wide.xlsx");
    const r = await cli("export", "--model", "relu-8", "--lr", "1e-5", "--out", out);
    expect(r.code).toBe(0);
    const wb = parts(new Uint8Array(readFileSync(out)))["xl/workbook.xml"];
    for (const name of ["InitA_1", "InitB_8", "InitC_8", "InitD"])
      expect(wb).toContain(`name="${name}"`);
  });

  it("sweeps and compares like any model", async () => {
    const s = JSON.parse(
      (await cli("sweep", "--lrs", "1e-5,1e-4", "--model", "relu-2", "--json")).out
    );
    expect(s.runs).toHaveLength(2);
    const c = JSON.parse(
      (await cli("compare", "--models", "two-relu,relu-4", "--lr", "1e-5", "--json")).out
    );
    expect(c.runs.map((r: { model: string }) => r.model)).toEqual(["two-relu", "relu-4"]);
    const t = JSON.parse((await cli("train", "--model", "relu-4", "--lr", "1e-5", "--json")).out);
    expect(c.runs[1].epochs).toEqual(t.epochs);
  });

  it("refuses a ninth neuron and a bad --init-seed with one line", async () => {
    for (const [args, message] of [
      [["--model", "relu-9"], /Unknown model "relu-9"/],
      [["--model", "relu-2", "--init-seed", "x"], /init seed/],
    ] as [string[], RegExp][]) {
      const r = await cli("train", ...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
  });
});
