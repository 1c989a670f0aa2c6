import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parts, reopen } from "../../helpers/xlsx-file";
import { cli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "gradsheet-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gradsheet export", () => {
  it("writes the run as a workbook with workbook-wide names and says what it wrote", async () => {
    const out = join(dir, "run.xlsx");
    const r = await cli(
      "export",
      "--model",
      "two-relu",
      "--gradient",
      "forward",
      "--epochs",
      "2",
      "--out",
      out
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/^Wrote .*run\.xlsx: 58 steps, 2 epoch\(s\), \d+ KiB\.\n$/);
    const p = parts(new Uint8Array(readFileSync(out)));
    expect(p["xl/workbook.xml"]).toMatch(
      /<definedName name="LearningRate"[^>]*>'Run 1'!\$[A-Z]+\$\d+<\/definedName>/
    );
    // the run's names are workbook-wide; only the print area (which Excel scopes to its sheet) has a localSheetId
    expect(p["xl/workbook.xml"]).not.toMatch(
      /<definedName name="(?!_xlnm\.Print_Area")[^"]*" localSheetId/
    );
    expect(p["xl/workbook.xml"]).toContain(
      '<definedName name="_xlnm.Print_Area" localSheetId="0">'
    );
    expect(
      Object.keys(p).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length
    ).toBeGreaterThanOrEqual(3);
  });

  it("names the sheet after --name, made valid for Excel", async () => {
    const out = join(dir, "named.xlsx");
    expect((await cli("export", "--name", "lr: 1e-4 / sgd", "--out", out)).code).toBe(0);
    expect((await reopen(new Uint8Array(readFileSync(out)))).worksheets.map((w) => w.name)).toEqual(
      ["lr 1e-4 sgd"]
    );
  });

  it.each([
    [["--lr", "-1"], /learning rate/i],
    [[], /--out FILE\.xlsx is required/],
    [["--out", "run.csv"], /must end in \.xlsx/],
    [["--out", "/no/such/dir/run.xlsx"], /Cannot write \/no\/such\/dir\/run\.xlsx: ENOENT/],
    [["--model", "cubic"], /model/i],
  ])("exits 2 with one line for %j", async (args, message) => {
    const r = await cli(
      "export",
      ...(args.includes("--out")
        ? args
        : [...args, ...(args.length ? ["--out", join(dir, "bad.xlsx")] : [])])
    );
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(existsSync(join(dir, "bad.xlsx"))).toBe(false);
  });
});

describe("--out on every command that writes a workbook", () => {
  const commands: [command: string, args: string[], required: boolean][] = [
    ["export", [], true],
    ["exercise", [], true],
    ["lesson", [], true],
    ["sweep", ["--lrs", "1e-5,1e-4"], false],
    ["compare", ["--models", "linear,two-linear"], false],
    ["landscape", [], false],
  ];

  it.each(commands)("%s refuses a file not ending in .xlsx in one line", async (command, args) => {
    const r = await cli(command, ...args, "--out", join(dir, "run.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `gradsheet ${command}: The output file must end in .xlsx, got "${join(dir, "run.csv")}".\n`
    );
    expect(existsSync(join(dir, "run.csv"))).toBe(false);
  });

  it.each(commands.filter(([, , required]) => required))(
    "%s requires it",
    async (command, args) => {
      const r = await cli(command, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`gradsheet ${command}: The option --out FILE.xlsx is required.\n`);
    }
  );
});
