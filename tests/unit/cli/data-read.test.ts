/**
 * Data read right or refused (issue 23, fault 6): a CSV's delimiter is detected and a semicolon
 * file's decimal commas read as decimals; a third numeric column is refused naming the columns
 * unless --x-column/--y-column pick two; numbers are decimal only; every run option is checked for
 * every model, even one the model does not use.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, parseDecimal } from "../../../src/core/data";
import { cli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "gradsheet-data-"));
function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("parseCsv", () => {
  it("reads a semicolon file's decimal commas: 1,5;32 is x = 1.5, y = 32", () => {
    expect(parseCsv("x;y\n1,5;32\n-2,25;1e3\n")).toEqual({ x: [1.5, -2.25], y: [32, 1000] });
  });

  it("detects a tab, a semicolon or a comma from the first line", () => {
    expect(parseCsv("1\t32\n2\t34")).toEqual({ x: [1, 2], y: [32, 34] });
    expect(parseCsv("1;32\n2;34")).toEqual({ x: [1, 2], y: [32, 34] });
    expect(parseCsv("1.5,32\n2,34")).toEqual({ x: [1.5, 2], y: [32, 34] });
  });

  it("refuses a third column, naming the columns, unless two are picked", () => {
    expect(() => parseCsv("x,y,z\n1,2,3\n")).toThrow(
      "The data file has 3 columns (x, y, z); say which are x and y with --x-column and --y-column."
    );
    expect(() => parseCsv("1,2,3\n")).toThrow("(column 1, column 2, column 3)");
    expect(parseCsv("a,x,y\n9,1,32\n9,2,34\n", { x: "x", y: "3" })).toEqual({
      x: [1, 2],
      y: [32, 34],
    });
    expect(() => parseCsv("x,y,z\n1,2,3\n", { x: "x", y: "w" })).toThrow(
      "--y-column w is not a column of the data file (x, y, z)."
    );
  });

  it("reads decimal numbers only", () => {
    expect(() => parseCsv("0x10,1\n")).toThrow('"0x10"');
    expect(() => parseCsv("1,Infinity\n2,3\n")).toThrow('"Infinity"');
    expect(parseDecimal(" -1.5e3 ")).toBe(-1500);
    for (const t of ["0x10", "0b1", "0o7", "Infinity", "", "1_000", "1,5", "--1"])
      expect(parseDecimal(t)).toBeNaN();
  });
});

describe("run options", () => {
  it("reads a semicolon CSV with decimal commas through --data", async () => {
    const r = await cli("train", "--data", csv("eu.csv", "x;y\n1,5;32\n2,5;34\n"), "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { epochs: unknown[] };
    expect(rows.epochs).toHaveLength(1);
    const rowsRun = await cli("train", "--data", csv("eu2.csv", "1,5;32\n"), "--json", "--rows");
    expect((JSON.parse(rowsRun.out) as { rows: { x: number; y: number }[] }).rows[0]).toMatchObject(
      { x: 1.5, y: 32 }
    );
  });

  it("refuses a three-column CSV, and takes it with --x-column and --y-column", async () => {
    const p = csv("three.csv", "step,x,y\n1,1,32\n2,2,34\n");
    const refused = await cli("train", "--data", p, "--json");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("3 columns (step, x, y)");
    const picked = await cli(
      "train",
      "--data",
      p,
      "--x-column",
      "x",
      "--y-column",
      "y",
      "--json",
      "--rows"
    );
    expect(picked.code).toBe(0);
    expect((JSON.parse(picked.out) as { rows: { x: number }[] }).rows.map((r) => r.x)).toEqual([
      1, 2,
    ]);
  });

  it("refuses hexadecimal and other non-decimal numbers in every numeric option", async () => {
    for (const [flag, value] of [
      ["--lr", "0x10"],
      ["--epochs", "0x2"],
      ["--h", "Infinity"],
      ["--beta", "0b1"],
      ["--init", "0x1"],
      ["--init", "a=0x1"],
      ["--x", "1,0x10"],
      ["--target", "2,0x1e"],
    ]) {
      const r = await cli("train", flag, value, "--json");
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("checks --init-seed and --shuffle for every model, even one that does not use them", async () => {
    for (const model of ["linear", "two-linear", "two-relu"]) {
      const r = await cli("train", "--model", model, "--init-seed", "abc", "--json");
      expect(r.code, model).toBe(2);
      expect(r.err).toContain('must be a whole number from 0 to 4294967295, not "abc"');
    }
    expect((await cli("train", "--shuffle", "1.5", "--json")).code).toBe(2);
    expect((await cli("train", "--model", "linear", "--init-seed", "7", "--json")).code).toBe(0);
  });
});
