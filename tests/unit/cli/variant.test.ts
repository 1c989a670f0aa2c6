/** --variant K is a run option of every run command. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "gradsheet-variant-"));

describe("--variant K on every run command", () => {
  it("changes train's numbers, and the same K gives the same numbers", async () => {
    const sse = async (...a: string[]) =>
      JSON.parse((await cli("train", "--json", ...a)).out).epochs[0].sse;
    expect(await sse("--variant", "4")).not.toBe(await sse());
    expect(await sse("--variant", "4")).toBe(await sse("--variant", "4"));
  });

  it.each([
    ["export", "--out", join(dir, "v.xlsx")],
    ["exercise", "--out", join(dir, "e.xlsx")],
    ["explain", "--step", "2"],
    ["sweep", "--lrs", "1e-5:1e-4:2", "--json"],
    ["compare", "--models", "linear,two-linear", "--json"],
    ["landscape", "--json"],
  ])("is accepted by %s", async (command, ...rest) => {
    const r = await cli(command, "--variant", "5", "--epochs", "1", ...rest);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it("refuses a K that is not a whole number with one line (exit 2)", async () => {
    const r = await cli("train", "--variant", "0");
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});
