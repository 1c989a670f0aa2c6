/** The exercise sheet: the export of the same run with the chosen columns' step rows left empty. */
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, train } from "../../../src/core";
import { blankList, exerciseWorkbookPlan, runWorkbookPlan } from "../../../src/run";
import { stepsTable } from "../../../src/sheet/exercise";

const run = (o: Record<string, unknown> = {}) =>
  train(resolveConfig({ data: { x: { kind: "list", x: [14, 86, 28] } }, ...o }), { rows: true });

const keysOf = (blank: string[], o: Record<string, unknown> = {}) =>
  exerciseWorkbookPlan(run(o), { name: "Run 1", blank }).sheets[0].meta.exercise as {
    columns: string[];
    headers: string[];
  };

describe("gradsheet exercise's sheet", () => {
  it("keeps the export's layout, names and charts, and empties only the chosen columns' step rows", () => {
    const r = run({ model: "two-linear" });
    const full = runWorkbookPlan(r, { name: "Run 1" }).sheets[0];
    const ex = exerciseWorkbookPlan(r, { name: "Run 1", blank: ["ŷ"] }).sheets[0];
    expect(ex.names).toEqual(full.names);
    expect(ex.charts).toEqual(full.charts);
    const a = stepsTable(full),
      b = stepsTable(ex);
    expect([b.row, b.col, b.rows]).toEqual([a.row, a.col, a.rows]);
    b.columns.forEach((c, j) => {
      expect(c.header).toBe(a.columns[j].header);
      if (c.key === "pred")
        expect([c.formula, c.cached, c.values]).toEqual([undefined, undefined, undefined]);
      else expect(c.formula).toEqual(a.columns[j].formula);
    });
    // later cells keep their formulas and read the learner's ŷ (column K: step, epoch, row, x, y, a–d, z, ŷ)
    expect(b.columns.find((c) => c.key === "err")!.formula!.rest).toMatch(/^=\(K\d+-E\d+\)\^2$/);
  });

  it("marks the blank columns by style only: a fill, a note above the header and one instruction line, no text in the cells", () => {
    const ex = exerciseWorkbookPlan(run(), { name: "Run 1", blank: ["error"] }).sheets[0];
    const steps = stepsTable(ex);
    const j = steps.columns.findIndex((c) => c.key === "err");
    expect(ex.conditionalFormats[0]).toMatchObject({
      style: "blank",
      range: { row: steps.row + 1, col: steps.col + j, rows: steps.rows, cols: 1 },
    });
    const groups = ex.blocks.find((b) => b.row === steps.row - 1 && b.col === steps.col);
    expect(groups?.cells[0][j]?.comment).toMatch(/^Your formula for e = \(ŷ − y\)²: /);
    // no cell is written twice: the notes sit in the group row, the headers stay the table's
    const seen = new Set<string>();
    for (const b of ex.blocks)
      b.cells.forEach((line, r) =>
        line.forEach((c, k) => {
          if (!c) return;
          const at = `${b.row + r},${b.col + k}`;
          expect(seen.has(at), at).toBe(false);
          seen.add(at);
          expect(
            b.row + r === steps.row &&
              k + b.col >= steps.col &&
              k + b.col < steps.col + steps.columns.length
          ).toBe(false);
        })
      );
    expect(
      ex.blocks.some((b) => b.row === 0 && String(b.cells[0][0]?.value).startsWith("Exercise:"))
    ).toBe(true);
  });

  it("reads the words: prediction, error, derivatives (the kind the run uses), updates (state and new weights)", () => {
    expect(keysOf(["prediction"], { model: "two-relu" }).columns).toEqual(["z", "relu", "pred"]);
    expect(keysOf(["error"]).columns).toEqual(["err"]);
    expect(keysOf(["derivatives"]).columns).toEqual(["dA", "dB"]);
    expect(keysOf(["derivatives"], { gradient: "forward" }).columns).toEqual([
      "errA_up",
      "dA_fwd",
      "errB_up",
      "dB_fwd",
    ]);
    expect(keysOf(["updates"], { optimizer: "momentum" }).headers).toEqual([
      "v a",
      "v b",
      "new a",
      "new b",
    ]);
  });

  it("takes column headers as the sheet writes them, a comma inside brackets included", () => {
    expect(keysOf(blankList("de/da, new a")).headers).toEqual(["de/da", "new a"]);
    expect(blankList("max(0, z),ŷ")).toEqual(["max(0, z)", "ŷ"]);
    expect(keysOf(blankList("max(0, z)"), { model: "two-relu" }).columns).toEqual(["relu"]);
  });

  it("refuses an unknown word with one sentence naming the valid words", () => {
    expect(() => keysOf(["predictions"])).toThrow(ConfigError);
    expect(() => keysOf(["predictions"])).toThrow(/prediction, error, derivatives, updates/);
  });

  it("records that the sheet is an exercise, and which columns are blank, beside the run's settings", () => {
    const ex = exerciseWorkbookPlan(run(), { name: "Run 1" }).sheets[0];
    expect(ex.meta.kind).toBe("run");
    expect(ex.meta.exercise).toEqual({
      columns: ["pred", "err", "dA", "dB", "newA", "newB"],
      headers: ["ŷ", "e = (ŷ − y)²", "de/da", "de/db", "new a", "new b"],
    });
  });
});
