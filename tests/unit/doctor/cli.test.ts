import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { doctorCommand } from "../../../src/cli/commands/doctor";
import { main } from "../../../src/cli/main";
import { buildWorkbook, errorByEpochBook, forumBook } from "./workbooks";

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) }, [
    doctorCommand,
  ]);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "gradsheet-doctor-cli-"));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe("gradsheet doctor", () => {
  it("prints the findings with their evidence and exits 1", async () => {
    const p = file("forum.xlsx", buildWorkbook(forumBook()));
    const r = await run("doctor", p);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out).toContain("1 chart, 1 finding");
    expect(r.out).toContain('Chart 1 on sheet "Sheet1" (xl/charts/chart1.xml)');
    expect(r.out).toContain("ERROR literal-categories");
    expect(r.out).toContain(
      'Evidence: series 1 "y"; cells Sheet1!$B$2:$B$22; values 1, 2, 3, 4, 5, 6'
    );
    expect(r.out).toContain("Sheet1!$A$2:$A$22");
  });

  it("prints one JSON object with --json", async () => {
    const p = file("forum-json.xlsx", buildWorkbook(forumBook()));
    const r = await run("doctor", p, "--json");
    const j = JSON.parse(r.out);
    expect(j.charts).toEqual([
      {
        id: "xl/charts/chart1.xml",
        name: "Chart 1",
        sheet: "Sheet1",
        title: "y = 2x + 30",
        type: "line",
        series: 1,
      },
    ]);
    expect(j.findings.map((f: { code: string }) => f.code)).toEqual(["literal-categories"]);
  });

  it("writes a fixed copy with --fix, leaves the input alone and exits 0 when nothing is left", async () => {
    const input = buildWorkbook(forumBook({ macro: true }));
    const p = file("forum.xlsm", input);
    const out = join(dir, "forum-fixed.xlsm");
    const r = await run("doctor", p, "--fix", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `Wrote ${out}: changed xl/charts/chart1.xml; every other part is byte-identical.`
    );
    expect(r.out).toContain(
      "fixed literal-categories: Turned the line chart into an XY scatter chart"
    );
    expect(Buffer.from(readFileSync(p)).equals(Buffer.from(input))).toBe(true);
    expect((await run("doctor", out)).code).toBe(0);
  });

  it("exits 0 on graddesc's Error by epoch chart: its finding is a note, not a problem", async () => {
    const p = file("epoch-note.xlsx", buildWorkbook(errorByEpochBook()));
    const r = await run("doctor", p);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 chart, 1 note");
    expect(r.out).toContain("NOTE absent-categories");
    const fixed = await run("doctor", p, "--fix", join(dir, "epoch-note-fixed.xlsx"));
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain("nothing to change");
  });

  it("exits 1 after --fix when something could not be fixed, and says what to do", async () => {
    const spec = errorByEpochBook(false);
    const p = file(
      "epoch.xlsx",
      buildWorkbook({ ...spec, chart: { ...spec.chart, type: "scatter" } })
    );
    const r = await run("doctor", p, "--fix", join(dir, "epoch-fixed.xlsx"), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.fix.changedParts).toEqual([]);
    expect(j.fix.skipped[0].reason).toMatch(/column/);
  });

  it.each([
    [["doctor"], /Give the workbook to check/],
    [["doctor", "nope.xlsx"], /nope.xlsx does not exist\./],
    [["doctor", "old.xls"], /old binary .xls/],
    [["doctor", "data.csv"], /not an .xlsx or .xlsm/],
    [["doctor", "a.xlsx", "--fix", "b.xlsm"], /must keep the extension .xlsx/],
    [["doctor", "a.xlsx", "--fix", "a.xlsx"], /never changes a.xlsx itself/],
  ])("rejects %j with exit 2 and one line", async (argv, msg) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    [
      "a folder that does not exist",
      () => "/nonexistent-dir/x.xlsx",
      /Cannot write \/nonexistent-dir\/x.xlsx: ENOENT \(its folder does not exist\)\./,
    ],
    [
      "a folder",
      () => (mkdirSync(join(dir, "folder.xlsx"), { recursive: true }), join(dir, "folder.xlsx")),
      /Cannot write .*folder.xlsx: EISDIR \(it is a folder\)\./,
    ],
    [
      "a path under a file",
      () => join(dir, "plain.xlsx", "x.xlsx"),
      /Cannot write .*plain.xlsx\/x.xlsx: ENOTDIR/,
    ],
  ])(
    "refuses an output in %s with exit 2 and one line, and leaves the input alone",
    async (_, out, msg) => {
      const input = buildWorkbook(forumBook());
      const p = file("plain.xlsx", input);
      const r = await run("doctor", p, "--fix", out());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/internal error/);
      expect(Buffer.from(readFileSync(p)).equals(Buffer.from(input))).toBe(true);
    }
  );

  it("reports a password-protected file in one line with exit 2", async () => {
    const p = file(
      "locked.xlsx",
      Uint8Array.from([
        ...[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)],
        ...[..."EncryptedPackage"].flatMap((ch) => [ch.charCodeAt(0), 0]),
      ])
    );
    const r = await run("doctor", p);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/locked.xlsx: the file is password-protected/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("reports a damaged file in one line with exit 2", async () => {
    const p = file("broken.xlsx", buildWorkbook(forumBook()).slice(0, 300));
    const r = await run("doctor", p);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken.xlsx: the workbook is damaged/);
  });
});
