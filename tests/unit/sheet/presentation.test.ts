/**
 * How the sheets read, fault by fault from issue 11: axis labels from the data's range, series that
 * stay apart when they coincide, legends and titles that say each thing once and truly, headers
 * and labels that fit their columns, print areas that hold each chart whole.
 */
import { describe, expect, it } from "vitest";
import {
  PRESETS,
  logSpace,
  presetById,
  resolveConfig,
  sweep,
  train,
  type RunOptions,
} from "../../../src/core";
import { buildCompareWorkbook, buildSweepSheet } from "../../../src/sheet/experiments";
import { sweepTitle } from "../../../src/sheet/experiments/sweep";
import { FORMATS, axisFormat } from "../../../src/sheet/formats";
import type { ChartSpec, SheetPlan } from "../../../src/sheet/plan";
import { STYLES } from "../../../src/sheet/styles";
import { buildWorkbookPlan } from "../../../src/sheet/workbook";
import { chartXml } from "../../../src/xlsx/chart-xml";

const runPlan = (options: RunOptions): SheetPlan =>
  buildWorkbookPlan([{ result: train(resolveConfig(options), { rows: true }), name: "Run" }])
    .sheets[0];
const chart = (p: SheetPlan, id: string): ChartSpec => p.charts.find((c) => c.id === id)!;
const twoNeurons = runPlan(presetById("two-neurons")!.options);
const width = (p: SheetPlan, col: number): number =>
  p.columnWidths.find((w) => w.col === col)?.width ?? 8.43;

describe("number formats", () => {
  it("use no fixed-decimal format that overflows a column: General for values, 0 for counts, scientific for rates", () => {
    for (const s of ["number", "weight", "error", "summary"] as const)
      expect(STYLES[s].numberFormat).toBe(FORMATS.general);
    expect(STYLES.rate.numberFormat).toBe("0.0##E+00;-0.0##E+00;0");
    expect(STYLES.integer.numberFormat).toBe("0");
  });
});

describe("axisFormat", () => {
  it("labels a log axis that mixes 1e16 and 1e-8 uniformly in scientific notation", () => {
    expect(axisFormat([1e-8, 3, 1e16], true)).toBe("0E+00");
    expect(axisFormat([2, 300], true)).toBe("General");
  });

  it("writes 8000000000000000 as scientific, and a grid from 0.709283 to 1.21 with one decimal", () => {
    expect(axisFormat([1, 8e15])).toBe("0.0E+00");
    expect(axisFormat([0.709283, 0.8, 1.209283])).toBe("0.0");
    expect(axisFormat([0.709283, 0.75])).toBe("0.000");
    expect(axisFormat([1e-5, 4e-5])).toBe("0.0E+00");
  });

  it("labels counts with whole numbers once they span a few", () => {
    expect(axisFormat([1, 2, 3, 4, 5, 29])).toBe("0");
    expect(axisFormat([1])).toBe("General");
  });

  it("is chosen for every chart of the 2-neuron sheet and written into the chart part", () => {
    expect(chart(twoNeurons, "weights-by-step").yAxis.numberFormat).toBe("0.0E+00");
    expect(chart(twoNeurons, "error-by-step").yAxis.numberFormat).toBe("0E+00");
    expect(chartXml(chart(twoNeurons, "weights-by-step"), (n) => n)).toContain(
      '<c:numFmt formatCode="0.0E+00" sourceLinked="0"/>'
    );
  });
});

describe("series that coincide", () => {
  it("give weights a and c (equal in the 2-neuron run) different dashes, widths and markers, c drawn over a", () => {
    const [a, , c] = chart(twoNeurons, "weights-by-step").series;
    expect([a.dash, a.width]).toEqual([undefined, 3]);
    expect(c.dash).toBe("sysDot");
    expect(c.width).toBeLessThan(a.width!);
    const xml = chartXml(chart(twoNeurons, "weights-by-step"), (n) => n);
    expect(xml).toContain('<a:prstDash val="sysDot"/>');
    expect(xml.indexOf(">a<")).toBeLessThan(xml.indexOf(">c<"));
  });

  it("give every model of the comparison its own look, so 2 neurons + ReLU shows over 2 neurons", () => {
    const runs = ["linear", "two-linear", "two-relu"].map((model) =>
      train(
        resolveConfig({
          model: model as RunOptions["model"],
          epochs: 2,
          lr: 1e-4,
          gradient: "forward",
        }),
        { rows: true }
      )
    );
    const series = buildCompareWorkbook(runs).sheets[0].charts[0].series;
    expect(new Set(series.map((s) => `${s.dash}|${s.symbol}`)).size).toBe(3);
  });
});

describe("legends and titles", () => {
  it("name the model once in the fit's legend", () => {
    for (const p of PRESETS) {
      const names = chart(runPlan(p.options), "fit").series.map((s) => s.name);
      expect(names[1]).toMatch(/^ŷ = [^:]*$/);
    }
  });

  it("claim gaps in the sweep chart only for rates whose √SSE is #N/A", () => {
    const options: RunOptions = { model: "two-linear", gradient: "forward", epochs: 2 };
    const s = sweep(options, logSpace(1e-6, 1e-2, 9));
    const plan = buildSweepSheet(s, resolveConfig(options));
    expect(plan.charts[0].title).toBe("Final √SSE by learning rate (5 diverged rates plotted)");
    expect(
      sweepTitle(
        s,
        s.runs.map((_r, i) => (i === 8 ? { error: "#N/A" } : 1))
      )
    ).toBe("Final √SSE by learning rate (4 diverged rates plotted; gaps: 1 overflowed)");
    const calm = sweep(options, [1e-6, 1e-5]);
    expect(buildSweepSheet(calm, resolveConfig(options)).charts[0].title).toBe(
      "Final √SSE by learning rate"
    );
  });
});

describe("headers and labels", () => {
  it("fit the Compare sheet's headers on one line, so none wraps over the first data row", () => {
    const runs = ["linear", "two-relu"].map((model) =>
      train(resolveConfig({ model: model as RunOptions["model"], epochs: 2 }), { rows: true })
    );
    const compare = buildCompareWorkbook(runs).sheets[0];
    for (const b of compare.blocks)
      b.cells[0].forEach(
        (c, j) =>
          c?.style === "header" &&
          expect(width(compare, b.col + j), String(c.value)).toBeGreaterThanOrEqual(
            String(c.value).length + 2
          )
      );
  });

  it('give each headline label of a run sheet room, so none is clipped ("diverged at s…")', () => {
    for (const p of PRESETS) {
      const plan = runPlan(p.options);
      const headline = plan.blocks.find((b) => b.cells[0][0]?.value === "diverged at step")!;
      headline.cells[0].forEach((c, j) =>
        expect(width(plan, headline.col + j)).toBeGreaterThanOrEqual(String(c!.value).length + 2)
      );
    }
  });

  it("flag the step where finite differences lost h on the headline, with the reason in its note", () => {
    const plan = runPlan({ ...presetById("two-neurons")!.options, epochs: 2 });
    const headline = plan.blocks.find((b) => b.cells[0][0]?.value === "diverged at step")!;
    const j = headline.cells[0].findIndex((c) => c?.value === "h lost at step");
    expect(headline.cells[1][j]).toMatchObject({ value: 29, style: "flag" });
    expect(headline.cells[1][j]!.comment).toMatch(/below the weights' precision/);
    const basic = runPlan(presetById("one-neuron")!.options).blocks.find(
      (b) => b.cells[0][0]?.value === "diverged at step"
    )!;
    expect(basic.cells[1][j]).toMatchObject({ value: "none" });
  });
});

describe("print setup", () => {
  it("holds each chart of every sheet whole inside one print area", () => {
    const runs = ["linear", "two-linear"].map((model) =>
      train(resolveConfig({ model: model as RunOptions["model"], epochs: 2 }), { rows: true })
    );
    const plans = [...PRESETS.map((p) => runPlan(p.options)), ...buildCompareWorkbook(runs).sheets];
    for (const p of plans)
      for (const c of p.charts) {
        const a = c.anchor;
        const inOne = p.print!.areas.some(
          (r) =>
            a.row >= r.row &&
            a.col >= r.col &&
            a.row + a.rows <= r.row + r.rows &&
            a.col + a.cols <= r.col + r.cols
        );
        expect(inOne, `${p.name} ${c.id}`).toBe(true);
      }
  });
});
