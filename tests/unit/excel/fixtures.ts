/** Hand-built SheetPlans shaped like a run sheet: a parameter block, a step table, a chart. */
import type { SheetPlan, Table } from "../../../src/sheet/plan";

/**
 * A run-like plan with `rows` step rows: literal step/x/y columns and formula columns that refer
 * to the row above (weights chain) and to the LearningRate cell.
 */
export function runPlan(rows: number, name = "Run 1", extraFormulaCols = 0): SheetPlan {
  const top = 6;
  const xs = Array.from({ length: rows }, (_, i) => ((i * 37) % 100) + 1);
  const table: Table = {
    row: top,
    col: 0,
    rows,
    columns: [
      {
        key: "step",
        header: "step",
        description: "SGD step",
        style: "integer",
        values: xs.map((_, i) => i + 1),
      },
      { key: "x", header: "x", description: "input", style: "number", values: xs },
      {
        key: "y",
        header: "y",
        description: "target 2x+30",
        style: "number",
        values: xs.map((x) => 2 * x + 30),
      },
      {
        key: "a",
        header: "a",
        description: "weight a used",
        style: "weight",
        formula: { first: "=$B$3", rest: "=G7" },
      },
      {
        key: "pred",
        header: "ŷ",
        description: "a·x",
        style: "number",
        formula: { rest: "=D7*B7" },
      },
      {
        key: "err",
        header: "error",
        description: "(ŷ − y)²",
        style: "error",
        formula: { rest: "=(E7-C7)^2" },
      },
      {
        key: "newA",
        header: "new a",
        description: "a − lr·de/da",
        style: "weight",
        formula: { rest: "=D7-LearningRate*2*(E7-C7)*B7" },
      },
      ...Array.from({ length: extraFormulaCols }, (_, k) => ({
        key: `extra${k}`,
        header: `extra ${k}`,
        description: "padding column",
        style: "number" as const,
        formula: { rest: `=IF(ISNUMBER(F7),SQRT(F7)+${k},NA())` },
      })),
    ],
  };
  const last = top + rows;
  return {
    name,
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [
          [
            { value: "GradSheet run", style: "title" },
            null,
            { value: "=not a formula", style: "note" },
          ],
          [
            { value: "Learning rate", style: "label" },
            { value: 0.0001, style: "input" },
          ],
          [
            { value: "Initial a", style: "label" },
            { value: 1, style: "input" },
          ],
          [
            { value: "√SSE", style: "label" },
            { formula: `=SQRT(SUM(F${top + 2}:F${last + 1}))`, cached: 0, style: "summary" },
          ],
        ],
      },
    ],
    tables: [table],
    names: [
      { name: "LearningRate", row: 1, col: 1, comment: "Type a new rate here" },
      { name: "InitA", row: 2, col: 1 },
    ],
    charts: [
      {
        id: "error",
        title: "Squared error per step",
        series: [
          {
            name: "error",
            x: { sheet: name, row: top + 1, col: 0, rows, cols: 1 },
            y: { sheet: name, row: top + 1, col: 5, rows, cols: 1 },
            color: "C00000",
            markers: false,
            lines: true,
          },
          {
            name: "prediction",
            x: { sheet: name, row: top + 1, col: 1, rows, cols: 1 },
            y: { sheet: name, row: top + 1, col: 4, rows, cols: 1 },
            color: "2F5597",
            markers: true,
            lines: false,
          },
        ],
        xAxis: { title: "step" },
        yAxis: { title: "error", log: true },
        anchor: { row: 0, col: 9, rows: 15, cols: 8 },
      },
    ],
    conditionalFormats: [
      {
        kind: "formula",
        range: { row: top + 1, col: 5, rows, cols: 1 },
        formula: "=NOT(ISNUMBER($F7))",
        style: "flag",
      },
    ],
    freeze: { rows: top + 1, cols: 1 },
    columnWidths: [{ col: 0, width: 8 }],
    meta: { model: "linear", lr: 0.0001 },
  };
}
