/** `gradsheet exercise` and `gradsheet check` as a teacher meets them: files, lines and exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig, train } from "../../../src/core";
import { runWorkbookPlan } from "../../../src/run";
import { writeWorkbook } from "../../../src/xlsx";
import { filledExercise } from "../exercise/filled";
import { cli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "gradsheet-check-"));
const X = ["--x", "14,86,28,51"];

describe("gradsheet exercise", () => {
  it("writes the exercise and check counts its blank cells as still empty (exit 1)", async () => {
    const out = join(dir, "ex.xlsx");
    expect((await cli("exercise", ...X, "--blank", "ŷ", "--out", out)).code).toBe(0);
    const r = await cli("check", out);
    expect(r.code).toBe(1);
    expect(r.out).toBe("Run 1: 4 cells still empty (H22:H25)\n");
  });

  it("exits 2 with one line naming the valid words for an unknown column word", async () => {
    const r = await cli("exercise", ...X, "--blank", "predictions", "--out", join(dir, "no.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/prediction, error, derivatives, updates/);
  });

  it("writes one file per variant with --variants N, each graded against its own record", async () => {
    const out = join(dir, "class.xlsx");
    const r = await cli("exercise", "--blank", "error", "--variants", "3", "--out", out);
    expect(r.code).toBe(0);
    const books = [1, 2, 3].map((k) => readFileSync(join(dir, `class-${k}.xlsx`)));
    expect(new Set(books.map((b) => b.length)).size).toBeGreaterThan(1);
    const c = await cli("check", ...[1, 2, 3].map((k) => join(dir, `class-${k}.xlsx`)));
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/3 files: 0 all right, 3 with wrong or empty cells\.\n$/);
  });
});

describe("gradsheet check", () => {
  it("says a plain export is all right (exit 0)", async () => {
    const out = join(dir, "run.xlsx");
    await cli("export", ...X, "--out", out);
    const r = await cli("check", out);
    expect(r).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Run 1: (\d+) of \1 right\n$/),
    });
  });

  it("grades at the sheet's current settings: a LearningRate the learner changed", () => {
    const data = { x: { kind: "list" as const, x: [14, 86, 28, 51] } };
    const recorded = runWorkbookPlan(train(resolveConfig({ data }), { rows: true }), {
      name: "Run 1",
    });
    const changed = runWorkbookPlan(train(resolveConfig({ data, lr: 3e-4 }), { rows: true }), {
      name: "Run 1",
    });
    // the file: the learner typed 3e-4 into LearningRate and Excel recalculated; the record still says 1e-4
    changed.sheets[0].meta = recorded.sheets[0].meta;
    const file = join(dir, "changed.xlsx");
    writeFileSync(file, writeWorkbook(changed));
    return cli("check", file, "--json").then((r) => {
      expect(r.code).toBe(0);
      const [s] = JSON.parse(r.out).sheets;
      expect(s).toMatchObject({
        sheet: "Run 1",
        kind: "run",
        wrong: 0,
        empty: 0,
        firstWrong: null,
      });
    });
  });

  it("names the first wrong cell with its column, both values and the step's explanation line", async () => {
    const result = train(
      resolveConfig({ model: "two-linear", data: { x: { kind: "list", x: [14, 86, 28, 51] } } }),
      { rows: true }
    );
    const { plan } = filledExercise(result, ["prediction", "error"], {
      slip: { key: "pred", row: 1 },
    });
    const file = join(dir, "slip.xlsx");
    writeFileSync(file, writeWorkbook(plan));
    const r = await cli("check", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^Run 1: K23 \(ŷ, step 2\) is [\d.]+; GradSheet has [\d.]+: ŷ = [\d.]+·\([\d.]+·86 \+ [\d.]+\) \+ [\d.]+ = [\d.]+ \(\d+ of 12 wrong, 1 on their own inputs\)\n$/
    );
    const j = JSON.parse((await cli("check", file, "--json")).out).sheets[0];
    expect(j).toMatchObject({ kind: "exercise", cells: 12, wrongOnOwnInputs: 1, empty: 0 });
    expect(j.firstWrong).toMatchObject({ cell: "K23", step: 2, column: "ŷ" });
    expect(j.firstWrong.got / j.firstWrong.expected).toBeCloseTo(1.01, 12);
  });

  it("exits 2 with one line for a file that is not a workbook, a workbook GradSheet did not write, or one saved without values", async () => {
    const notBook = join(dir, "notes.xlsx");
    writeFileSync(notBook, "not a workbook");
    const plain = join(dir, "plain.xlsx");
    const bytes = writeWorkbook(
      runWorkbookPlan(
        train(resolveConfig({ data: { x: { kind: "list", x: [1, 2] } } }), { rows: true })
      )
    );
    // a zip whose GradSheet record is gone: rename the part so the record is not found
    const text = Buffer.from(bytes)
      .toString("latin1")
      .replace(/customXml\/item1\.xml/g, "customXml/other.xml");
    writeFileSync(plain, Buffer.from(text, "latin1"));
    for (const [file, why] of [
      [notBook, /not an \.xlsx\/\.xlsm workbook/],
      [plain, /no GradSheet sheet/],
      [join(dir, "missing.xlsx"), /it does not exist/],
    ] as const) {
      const r = await cli("check", file);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(why);
    }
  });

  it("grades several files in one go: a block per file, a summary line, the worst exit code", async () => {
    const good = join(dir, "good.xlsx");
    await cli("export", ...X, "--out", good);
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "x");
    const r = await cli("check", good, bad);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/good\.xlsx\n {2}Run 1: \d+ of \d+ right\n/);
    expect(r.out).toMatch(
      /2 files: 1 all right, 0 with wrong or empty cells, 1 could not be graded\.\n$/
    );
  });
});
