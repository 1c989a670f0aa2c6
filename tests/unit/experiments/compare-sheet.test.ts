import { describe, expect, it } from "vitest";
import { resolveConfig, train, type ModelId, type RunOptions } from "../../../src/core";
import { buildCompareWorkbook } from "../../../src/sheet/experiments";
import { evaluateWorkbook, workbookMismatches } from "../../helpers/hyperformula";

function runs(models: ModelId[], o: RunOptions) {
  return models.map((model) => train(resolveConfig({ ...o, model }), { rows: true }));
}

const ALL: ModelId[] = ["linear", "two-linear", "two-relu"];

describe("buildCompareWorkbook", () => {
  it("puts the Compare sheet first and one live run sheet per model, names scoped to each sheet", () => {
    const plan = buildCompareWorkbook(runs(ALL, { lr: 1e-5, epochs: 3 }));
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Compare",
      "1 neuron",
      "2 neurons",
      "2 neurons + ReLU",
    ]);
    expect(plan.namesScope).toBe("sheet");
    expect(plan.sheets[1].names.map((n) => n.name)).toContain("LearningRate");
  });

  it("computes in HyperFormula exactly what the core computed, on every sheet", () => {
    for (const o of [
      { lr: 1e-5, epochs: 3, gradient: "forward" },
      { lr: 1e-4, epochs: 2, gradient: "forward" },
    ] as RunOptions[]) {
      const plan = buildCompareWorkbook(runs(ALL, o));
      const hf = evaluateWorkbook(plan);
      try {
        expect(workbookMismatches(hf, plan).slice(0, 5)).toEqual([]);
      } finally {
        hf.destroy();
      }
    }
  });

  it("shows where each model diverged: only the 2-neuron linear model explodes at graddesc's rate", () => {
    const results = runs(ALL, { lr: 1e-4, epochs: 1, gradient: "forward" });
    const plan = buildCompareWorkbook(results);
    const hf = evaluateWorkbook(plan);
    try {
      const compare = hf.getSheetId("Compare")!;
      const block = plan.sheets[0].blocks[2];
      const values = block.cells
        .slice(1)
        .map((_line, i) =>
          hf.getCellValue({ sheet: compare, row: block.row + 1 + i, col: block.col + 1 })
        );
      expect(values).toEqual(["none", 27, "none"]);
    } finally {
      hf.destroy();
    }
  });

  it("follows a new learning rate typed into a run sheet: the compare cells equal a fresh core run", () => {
    const results = runs(ALL, { lr: 1e-5, epochs: 2 });
    const plan = buildCompareWorkbook(results);
    const hf = evaluateWorkbook(plan);
    try {
      const sheet = plan.sheets[2]; // 2 neurons
      const lrCell = sheet.names.find((n) => n.name === "LearningRate")!;
      hf.setCellContents({ sheet: hf.getSheetId(sheet.name)!, row: lrCell.row, col: lrCell.col }, [
        [3e-6],
      ]);
      const fresh = train(resolveConfig({ lr: 3e-6, epochs: 2, model: "two-linear" }));
      const compare = hf.getSheetId("Compare")!;
      const table = plan.sheets[0].blocks[1];
      for (let e = 0; e < 2; e++)
        expect(hf.getCellValue({ sheet: compare, row: table.row + 1 + e, col: 2 })).toBe(
          fresh.epochs[e].rootSse
        );
    } finally {
      hf.destroy();
    }
  });

  it("sets the collapsed line of the 2-neuron linear model beside the target's slope and intercept", () => {
    const results = runs(ALL, { lr: 1e-5, epochs: 5 });
    const plan = buildCompareWorkbook(results);
    const collapsed = plan.sheets[0].blocks[3];
    expect(collapsed.cells[1].map((c) => c?.value ?? c?.formula)).toEqual([
      "slope a·c",
      expect.stringMatching(/^='2 neurons'!\$\w+\$\d+\*'2 neurons'!\$\w+\$\d+$/),
      2,
    ]);
    const w = results[1].epochs[4].weights;
    expect(collapsed.cells[1][1]!.cached).toBe(w.a * w.c);
    expect(collapsed.cells[2][1]!.cached).toBe(w.c * w.b + w.d);
    expect(collapsed.cells[2][2]!.value).toBe(30);
  });

  it("overlays every model's √SSE on one log-scale XY chart whose X values are the epoch cells", () => {
    const plan = buildCompareWorkbook(runs(ALL, { lr: 1e-5, epochs: 4 }));
    const [chart] = plan.sheets[0].charts;
    expect(chart.series).toHaveLength(3);
    expect(chart.yAxis.log).toBe(true);
    for (const s of chart.series)
      expect(s.x).toEqual({ sheet: "Compare", row: 4, col: 0, rows: 4, cols: 1 });
  });

  it("refuses runs with different data or epochs", () => {
    const a = train(resolveConfig({ epochs: 1 }));
    const b = train(resolveConfig({ epochs: 2 }));
    expect(() => buildCompareWorkbook([a, b])).toThrow(/same data and number of epochs/);
  });
});
