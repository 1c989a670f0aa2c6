/**
 * The forward pass of a step: the model's own forward columns (z = a·x + b and its ReLU, or a
 * whole layer), the prediction ŷ and the squared error e = (ŷ − y)², all from the model registry's
 * formulas (`src/core/models`), which follow its numbers' operation order.
 */
import { cachedNumber } from "./cached";
import type { ColumnSpec } from "./columns";
import { modelCells, type RunContext } from "./context";
import { square } from "./formula";

export function modelColumns(ctx: RunContext): ColumnSpec[] {
  const f = ctx.model.sheet;
  const specs: ColumnSpec[] = f.forward.map((col) => ({
    key: col.key,
    header: col.header,
    description: col.description,
    style: "number",
    formula: (at, r) => `=${col.formula(modelCells(at, r))}`,
    cached: (row) => cachedNumber(col.value(row)),
  }));
  specs.push(
    {
      key: "pred",
      header: "ŷ",
      description: f.predNote,
      style: "number",
      formula: (at, r) => `=${f.pred(modelCells(at, r))}`,
      cached: (row) => cachedNumber(row.pred),
    },
    {
      key: "err",
      header: "e = (ŷ − y)²",
      description: "the squared error of this step: e = (ŷ − y)²",
      style: "error",
      formula: (at, r) => `=${square(`${at("pred", r)}-${at("y", r)}`)}`,
      cached: (row) => cachedNumber(row.error),
    }
  );
  specs[0].group = "forward pass";
  return specs;
}
