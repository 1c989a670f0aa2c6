import { describe, expect, it } from "vitest";
import { renamePlans, renameSheetRefs } from "../../../src/excel/rename";
import { initForModel, resolveConfig, train, type ModelId } from "../../../src/core";
import { buildCompareWorkbook } from "../../../src/sheet/experiments";

const to = (pairs: [string, string][]) => new Map(pairs);

describe("renameSheetRefs", () => {
  it("rewrites quoted and bare sheet prefixes, quoting the new name as Excel needs", () => {
    const m = to([
      ["2 neurons", "2 neurons (2)"],
      ["Data", "Data (2)"],
      ["Run_1", "Run 1"],
    ]);
    expect(renameSheetRefs("=SQRT(SUM('2 neurons'!$Q$7:$Q$35))", m)).toBe(
      "=SQRT(SUM('2 neurons (2)'!$Q$7:$Q$35))"
    );
    expect(renameSheetRefs("=Data!A1+Run_1!B2", m)).toBe("='Data (2)'!A1+'Run 1'!B2");
  });

  it("matches names case-insensitively, as Excel does, and leaves other sheets alone", () => {
    expect(renameSheetRefs("='2 NEURONS'!A1+Other!B2", to([["2 neurons", "2 neurons (2)"]]))).toBe(
      "='2 neurons (2)'!A1+Other!B2"
    );
  });

  it("leaves text inside string literals and names that merely end in a sheet's name", () => {
    const m = to([["Data", "Data (2)"]]);
    expect(renameSheetRefs('=IF(A1="Data!",MyData!A1,Data!A1)', m)).toBe(
      "=IF(A1=\"Data!\",MyData!A1,'Data (2)'!A1)"
    );
  });

  it("handles names with an apostrophe and swaps done in one pass", () => {
    expect(renameSheetRefs("='It''s run'!A1", to([["It's run", "It's run (2)"]]))).toBe(
      "='It''s run (2)'!A1"
    );
    expect(
      renameSheetRefs(
        "=A!A1+B!A1",
        to([
          ["A", "B"],
          ["B", "C"],
        ])
      )
    ).toBe("=B!A1+C!A1");
  });
});

describe("renamePlans", () => {
  it("reads a longer sheet name as itself: only '2 neurons' renamed leaves '√SSE 2 neurons + ReLU' alone", () => {
    const three = buildCompareWorkbook(
      (["two-linear", "two-relu"] as ModelId[]).map((model) =>
        train(resolveConfig({ model, optimizer: "sgd", lr: 1e-4, epochs: 1, init: 1 }), {
          rows: true,
        })
      )
    ).sheets;
    const [compare, , relu] = renamePlans(three, ["Compare", "2 neurons (2)", "2 neurons + ReLU"]);
    const texts = compare.blocks
      .flatMap((b) => b.cells.flat())
      .flatMap((c) => (typeof c?.value === "string" ? [c.value] : []));
    expect(texts).toEqual(
      expect.arrayContaining(["√SSE 2 neurons (2)", "√SSE 2 neurons + ReLU", "2 neurons + ReLU"])
    );
    expect(relu).toEqual(three[2]);
  });

  const results = (["linear", "two-linear"] as ModelId[]).map((model) =>
    train(
      resolveConfig({
        model,
        optimizer: "sgd",
        lr: 1e-4,
        epochs: 2,
        gradient: "analytic",
        init: initForModel(1, model),
      }),
      { rows: true }
    )
  );
  const plans = buildCompareWorkbook(results).sheets;

  it("returns the plans as they are when no name changes", () => {
    expect(
      renamePlans(
        plans,
        plans.map((p) => p.name)
      )
    ).toBe(plans);
  });

  it("points the Compare sheet's formulas, its run list and the renamed run's own charts at the new names", () => {
    const [compare, one, two] = renamePlans(plans, ["Compare (2)", "1 neuron", "2 neurons (2)"]);
    const formulas = compare.blocks
      .flatMap((b) => b.cells.flat())
      .flatMap((c) => (c?.formula ? [c.formula] : []));
    expect(formulas.filter((f) => f.includes("'2 neurons (2)'!")).length).toBeGreaterThan(3);
    expect(formulas.some((f) => f.includes("'2 neurons'!"))).toBe(false);
    expect(formulas.filter((f) => f.includes("'1 neuron'!")).length).toBeGreaterThan(2);
    expect(compare.meta.runs).toEqual(["1 neuron", "2 neurons (2)"]);
    expect(compare.charts[0].series.map((s) => [s.name, s.y.sheet])).toEqual([
      ["1 neuron", "Compare (2)"],
      ["2 neurons (2)", "Compare (2)"],
    ]);
    expect(one).toEqual(plans[1]);
    const texts = compare.blocks
      .flatMap((b) => b.cells.flat())
      .flatMap((c) => (typeof c?.value === "string" ? [c.value] : []));
    expect(texts).toEqual(
      expect.arrayContaining([
        "√SSE 1 neuron",
        "√SSE 2 neurons (2)",
        "2 neurons (2) for chart",
        "2 neurons (2)",
        "2 neurons (2) collapses to one line",
      ])
    );
    expect(texts).not.toContain("√SSE 2 neurons");
    expect(texts[0]).toBe(plans[0].blocks[0].cells[0][0]!.value); // the title lists models, not sheets

    expect(two.name).toBe("2 neurons (2)");
    for (const c of two.charts)
      for (const s of c.series)
        expect([s.x.sheet, s.y.sheet]).toEqual(["2 neurons (2)", "2 neurons (2)"]);
  });
});
