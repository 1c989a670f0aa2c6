import { describe, expect, it } from "vitest";
import { BASE_MODEL_IDS, OPTIMIZER_IDS, resolveConfig, train } from "../../../src/core";
import {
  buildRunSheet,
  LAYOUT,
  runConfigFromMeta,
  SHEET_FORMAT_VERSION,
  STYLES,
  type SheetPlan,
} from "../../../src/sheet";
import { allFormulas, column, formulaOf, plannedRun, stepTable } from "./fixtures";

const allPlans = (): { id: string; plan: SheetPlan }[] =>
  [...BASE_MODEL_IDS, "relu-2" as const].flatMap((model) =>
    OPTIMIZER_IDS.map((optimizer) => ({
      id: `${model}/${optimizer}`,
      plan: plannedRun({ model, optimizer, gradient: "central" }).plan,
    }))
  );

/** The literal value of the cell at (row, col) among the plan's blocks. */
function blockValue(plan: SheetPlan, row: number, col: number) {
  for (const b of plan.blocks) {
    const cell = b.cells[row - b.row]?.[col - b.col];
    if (cell) return cell;
  }
  return undefined;
}

describe("buildRunSheet", () => {
  describe("the parameter strip", () => {
    it("names one input cell per parameter the optimizer uses, each under a label that is its name", () => {
      const names = (optimizer: string) =>
        plannedRun({ model: "two-linear", optimizer }).plan.names.map((n) => n.name);
      const common = ["LearningRate", "DiffStep"];
      const inits = ["InitA", "InitB", "InitC", "InitD", "DivergenceBound"];
      expect(names("sgd")).toEqual([...common, ...inits]);
      expect(names("momentum")).toEqual([...common, "Beta", ...inits]);
      expect(names("rmsprop")).toEqual([...common, "Beta", "Epsilon", ...inits]);
      expect(names("adam")).toEqual([...common, "Beta", "Beta_2", "Epsilon", ...inits]);
      expect(plannedRun({ model: "linear" }).plan.names.map((n) => n.name)).toEqual([
        ...common,
        "InitA",
        "InitB",
        "DivergenceBound",
      ]);
    });

    it("holds the run's settings in input-styled cells", () => {
      const { plan, result } = plannedRun({
        model: "two-relu",
        optimizer: "adam",
        lr: 0.02,
        h: 0.001,
        beta: 0.8,
        beta2: 0.95,
        eps: 1e-7,
        init: { a: 0.5, d: -2 },
      });
      const want: Record<string, number> = {
        LearningRate: 0.02,
        DiffStep: 0.001,
        Beta: 0.8,
        Beta_2: 0.95,
        Epsilon: 1e-7,
        InitA: 0.5,
        InitB: 1,
        InitC: 1,
        InitD: -2,
        DivergenceBound: result.config.divergenceBound,
      };
      for (const n of plan.names) {
        const cell = blockValue(plan, n.row, n.col);
        expect(cell, n.name).toMatchObject({ value: want[n.name], style: "input" });
        expect(blockValue(plan, n.row - 1, n.col)?.value).toBe(n.name);
        expect(n.comment).toBeTruthy();
      }
    });
  });

  describe("the step table", () => {
    it("has one row per step of every epoch, with step, epoch, row, x and y as values", () => {
      const { plan, result } = plannedRun({ epochs: 3, shuffleSeed: 3 });
      const t = stepTable(plan);
      expect(t.rows).toBe(3 * 29);
      expect(column(plan, "step").values).toEqual(result.rows!.map((r) => r.step));
      expect(column(plan, "epoch").values).toEqual(result.rows!.map((r) => r.epoch));
      expect(column(plan, "x").values).toEqual(result.rows!.map((r) => r.x));
      expect(column(plan, "y").values).toEqual(result.rows!.map((r) => r.y));
    });

    it("starts from the Init names and chains every later row, across epochs, to the previous row's new weights", () => {
      const { plan } = plannedRun({ model: "two-linear", epochs: 2 });
      const t = stepTable(plan);
      const letter = (key: string) =>
        String.fromCharCode(65 + t.columns.findIndex((c) => c.key === key));
      expect(formulaOf(plan, "a", 0)).toBe("=InitA");
      expect(formulaOf(plan, "d", 0)).toBe("=InitD");
      // data row 29 is the first row of epoch 2; its sheet row is t.row + 1 + 29 + 1
      const r = t.row + 1 + 29;
      expect(formulaOf(plan, "c", 29)).toBe(`=${columnLetter(plan, "newC")}${r}`);
      expect(letter("a")).toBe("F");
    });

    it("gives every column a header and a description in a learner's words", () => {
      for (const { id, plan } of allPlans())
        for (const c of stepTable(plan).columns) {
          expect(c.header, `${id} ${c.key}`).toBeTruthy();
          expect(c.description.length, `${id} ${c.key}`).toBeGreaterThan(5);
          expect(c.header.startsWith("="), `${id} ${c.key}`).toBe(false);
          expect(STYLES[c.style]).toBeDefined();
        }
      const { plan } = plannedRun({ model: "two-linear" });
      expect(column(plan, "dA").description).toContain("de/da = de/db·x = 2·(ŷ − y)·c·x");
      expect(column(plan, "err").header).toBe("e = (ŷ − y)²");
    });

    it("shows the hidden value and its ReLU only for the 2-neuron models, and central columns only when used", () => {
      const keys = (o: object) => stepTable(plannedRun(o).plan).columns.map((c) => c.key);
      expect(keys({ model: "linear" })).not.toContain("z");
      expect(keys({ model: "two-linear" })).toContain("z");
      expect(keys({ model: "two-linear" })).not.toContain("relu");
      expect(keys({ model: "two-relu" })).toEqual(expect.arrayContaining(["z", "relu"]));
      expect(keys({ gradient: "forward" })).not.toContain("dA_ctr");
      expect(keys({ gradient: "central" })).toEqual(
        expect.arrayContaining(["errA_down", "dA_ctr"])
      );
    });

    it("caches a value for every row of every formula column", () => {
      for (const { id, plan } of allPlans())
        for (const t of plan.tables)
          for (const c of t.columns)
            if (c.formula) expect(c.cached?.length, `${id} ${c.key}`).toBe(t.rows);
    });
  });

  describe("formulas", () => {
    it("use only functions Excel 2007 and LibreOffice both know", () => {
      const allowed = new Set([
        "SUM",
        "SQRT",
        "ROWS",
        "MAX",
        "IF",
        "AND",
        "ISNUMBER",
        "ABS",
        "NA",
        "IFERROR",
        "MATCH",
        "COUNTIFS",
      ]);
      for (const { id, plan } of allPlans())
        for (const f of allFormulas(plan))
          for (const m of f.matchAll(/([A-Z][A-Z0-9.]*)\(/g))
            expect(allowed.has(m[1]), `${id}: ${m[1]} in ${f}`).toBe(true);
    });

    it("never write a number with an uppercase E", () => {
      const { plan } = plannedRun({ lr: 1e-30, h: 1e-20, init: 1e25 });
      for (const f of allFormulas(plan)) expect(f).not.toMatch(/(?<![A-Z$])\d+(\.\d+)?E[+-]?\d/);
    });
  });

  describe("divergence", () => {
    it("flags the core's first diverged step, once, and says so at the top", () => {
      const { plan, result } = plannedRun({ model: "two-linear", lr: 1e-4 });
      const step = result.divergence!.step;
      const first = column(plan, "firstDiverged").cached!;
      expect(first.indexOf(1)).toBe(step - 1);
      expect(first.filter((v) => v === 1)).toHaveLength(1);
      const so = column(plan, "diverged").cached!;
      expect(so.slice(0, step - 1).every((v) => v === 0)).toBe(true);
      expect(so.slice(step - 1).every((v) => v === 1)).toBe(true);
      const headline = plan.blocks
        .flatMap((b) => b.cells.flat())
        .find((c) => c?.formula?.startsWith("=IFERROR(MATCH(1,"));
      expect(headline?.cached).toBe(step);
    });

    it("highlights that row with a conditional format keyed on the flag column", () => {
      const { plan } = plannedRun();
      const t = stepTable(plan);
      const cf = plan.conditionalFormats.find(
        (c) => c.kind === "formula" && c.style === "flag" && c.range.col === t.col
      )!;
      expect(cf.range).toMatchObject({ row: t.row + 1, rows: t.rows });
      expect(cf.kind === "formula" && cf.formula).toBe(
        `=$${columnLetter(plan, "firstDiverged")}${t.row + 2}=1`
      );
    });

    it("keeps the bound in the named cell DivergenceBound", () => {
      const { plan } = plannedRun();
      expect(allFormulas(plan).filter((f) => f.includes("DivergenceBound")).length).toBe(
        stepTable(plan).rows
      );
      expect(plannedRun().plan.names.some((n) => n.name === "DivergenceBound")).toBe(true);
    });

    it("turns non-numbers into #N/A for the charts, and non-positive errors on the log axis", () => {
      const { plan } = plannedRun({ model: "two-linear", lr: 1e-4 });
      const err = column(plan, "err").cached!;
      const feed = column(plan, "chartErr").cached!;
      err.forEach((e, i) =>
        expect(feed[i]).toEqual(typeof e === "number" && e > 0 ? e : { error: "#N/A" })
      );
      expect(err.some((e) => typeof e === "object")).toBe(true);
    });
  });

  describe("summaries", () => {
    it("sums each epoch's own rows and names graddesc's rmse", () => {
      const { plan, result } = plannedRun({ epochs: 3 });
      const t = stepTable(plan);
      const s = plan.blocks.find((b) => b.cells[0][0]?.value === "epoch")!;
      expect(s.cells[0][2]?.value).toContain("rmse");
      const e = columnLetter(plan, "err");
      expect(s.cells[2][1]?.formula).toBe(`=SUM(${e}${t.row + 2 + 29}:${e}${t.row + 1 + 58})`);
      result.epochs.forEach((ep, i) => {
        expect(s.cells[i + 1][1]?.cached).toBe(ep.sse);
        expect(s.cells[i + 1][2]?.cached).toBe(ep.rootSse);
        expect(s.cells[i + 1][3]?.cached).toBe(ep.rmse);
        expect(s.cells[i + 1][4]?.cached).toBe(ep.weights.a);
      });
    });
  });

  describe("charts", () => {
    it("are XY scatter specs whose X values are the step, epoch or x cells, each series with a colour", () => {
      const { plan } = plannedRun({ model: "two-relu" });
      const t = stepTable(plan);
      const colOf = (key: string, table = t) =>
        table.col + table.columns.findIndex((c) => c.key === key);
      const byId = Object.fromEntries(plan.charts.map((c) => [c.id, c]));
      expect(Object.keys(byId)).toEqual([
        "error-by-step",
        "weights-by-step",
        "error-by-epoch",
        "fit",
      ]);
      for (const s of [...byId["error-by-step"].series, ...byId["weights-by-step"].series])
        expect(s.x).toMatchObject({
          sheet: "Run 1",
          row: t.row + 1,
          col: colOf("step"),
          rows: t.rows,
        });
      expect(byId["error-by-step"].yAxis.log).toBe(true);
      expect(byId["error-by-epoch"].yAxis.log).toBe(true);
      const summary = plan.blocks.find((b) => b.cells[0][0]?.value === "epoch")!;
      expect(byId["error-by-epoch"].series[0].x).toMatchObject({
        row: summary.row + 1,
        col: summary.col,
        rows: 2,
      });
      const [data, model] = byId.fit.series;
      expect(data.x).toMatchObject({ col: colOf("x"), rows: 29 });
      expect(data.y).toMatchObject({ col: colOf("y"), rows: 29 });
      const fit = plan.tables.find((x) => x.id === "fit")!;
      expect(model.x).toMatchObject({ col: colOf("fitX", fit), rows: fit.rows });
      for (const c of plan.charts)
        for (const s of c.series) expect(s.color).toMatch(/^[0-9A-F]{6}$/);
      expect(new Set(plan.charts.flatMap((c) => c.series.map((s) => s.name))).size).toBeGreaterThan(
        4
      );
    });

    it("sit in a band under the parameters, over no cell and not over each other, the error chart in view (16 columns, 45 rows)", () => {
      for (const { id, plan } of allPlans()) {
        const boxes = plan.charts.map((c) => c.anchor);
        const inside = (r: number, c: number) =>
          boxes.some((a) => r >= a.row && r < a.row + a.rows && c >= a.col && c < a.col + a.cols);
        for (const b of plan.blocks)
          b.cells.forEach((line, i) =>
            line.forEach(
              (cell, j) =>
                cell &&
                expect(
                  inside(b.row + i, b.col + j),
                  `${id} block cell ${b.row + i},${b.col + j}`
                ).toBe(false)
            )
          );
        for (const t of plan.tables)
          for (let j = 0; j < t.columns.length; j++)
            expect(inside(t.row, t.col + j) || inside(t.row + t.rows, t.col + j), id).toBe(false);
        for (const a of boxes)
          for (const b of boxes)
            if (a !== b)
              expect(
                a.col + a.cols <= b.col ||
                  b.col + b.cols <= a.col ||
                  a.row + a.rows <= b.row ||
                  b.row + b.rows <= a.row,
                id
              ).toBe(true);
        const error = plan.charts.find((c) => c.id === "error-by-step")!.anchor;
        expect([error.row, error.col], id).toEqual([LAYOUT.band.row, 0]);
        expect(error.col + error.cols <= 16 && error.row + error.rows <= 45, id).toBe(true);
        expect(plan.freeze.rows, id).toBeGreaterThan(error.row + error.rows);
      }
    });

    it("spread the fit's x grid around a single data point", () => {
      const { plan } = plannedRun({ data: [{ x: 5, y: 40 }] });
      const xs = plan.tables.find((x) => x.id === "fit")!.columns[0].values as number[];
      expect([xs[0], xs[xs.length - 1]]).toEqual([4, 6]);
    });

    it("draw the fit from formula cells on the final-weight cells", () => {
      const { plan, result } = plannedRun({ model: "two-relu" });
      const fit = plan.tables.find((x) => x.id === "fit")!;
      const pred = fit.columns.find((c) => c.key === "fitPred")!;
      expect(pred.formula!.rest).toMatch(
        /^=\$[A-Z]+\$\d+\*MAX\(0,\$[A-Z]+\$\d+\*[A-Z]+\d+\+\$[A-Z]+\$\d+\)\+\$[A-Z]+\$\d+$/
      );
      const xs = fit.columns.find((c) => c.key === "fitX")!.values as number[];
      expect(xs[0]).toBe(8);
      expect(xs[xs.length - 1]).toBe(99);
      const w = result.epochs[1].weights;
      expect(pred.cached![0]).toBe(w.c * Math.max(0, w.a * 8 + w.b) + w.d);
    });
  });

  it("freezes the rows down to the headers", () => {
    const { plan } = plannedRun();
    expect(plan.freeze.rows).toBe(stepTable(plan).row + 1);
    expect(plan.freeze.rows).toBe(LAYOUT.headerRow + 1);
  });

  describe("meta", () => {
    it("marks the sheet as GradSheet's and holds the run's settings as JSON", () => {
      const { plan, result } = plannedRun({
        model: "two-relu",
        optimizer: "adam",
        lr: 0.01,
        epochs: 3,
        gradient: "forward",
        shuffleSeed: 5,
        init: { b: 2 },
      });
      expect(plan.meta.gradsheet).toBe(SHEET_FORMAT_VERSION);
      expect(JSON.parse(JSON.stringify(plan.meta))).toEqual(plan.meta);
      expect(plan.meta.settings).toMatchObject({
        model: "two-relu",
        optimizer: "adam",
        lr: 0.01,
        epochs: 3,
        gradient: "forward",
        h: 0.01,
        init: { a: 1, b: 2, c: 1, d: 1 },
      });
      const again = runConfigFromMeta(JSON.parse(JSON.stringify(plan.meta)));
      expect(again).toEqual(result.config);
      expect(train(again!)).toEqual(train(result.config));
    });

    it("is not read as a run sheet's when the marker is missing", () => {
      expect(runConfigFromMeta({ settings: {} })).toBeUndefined();
      expect(runConfigFromMeta(null)).toBeUndefined();
    });
  });

  it("does not change the run it is given", () => {
    const result = train(resolveConfig({ model: "two-relu", epochs: 2 }), { rows: true });
    const before = JSON.stringify(result);
    buildRunSheet(result, { name: "Run 1" });
    expect(JSON.stringify(result)).toBe(before);
  });

  it("refuses a run trained without rows, with a sentence that says why", () => {
    const result = train(resolveConfig({}), { rows: false });
    expect(() => buildRunSheet(result, { name: "Run 1" })).toThrow(/rows: true/);
  });
});

function columnLetter(plan: SheetPlan, key: string): string {
  const t = stepTable(plan);
  let n = t.col + t.columns.findIndex((c) => c.key === key) + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
