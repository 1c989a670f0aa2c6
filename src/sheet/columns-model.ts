/**
 * The forward pass of a step: the hidden value z = a·x + b and its ReLU (2-neuron models), the
 * prediction ŷ and the squared error e = (ŷ − y)², in the operation order of `src/core/models.ts`.
 */
import { cachedNumber } from "./cached";
import type { ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { predictText, square } from "./formula";

export function modelColumns(ctx: RunContext): ColumnSpec[] {
  const id = ctx.config.model;
  const specs: ColumnSpec[] = [];
  if (id !== "linear") {
    specs.push({
      key: "z", header: "z", description: "z = a·x + b: the first neuron", style: "number", group: "forward pass",
      formula: (at, r) => `=${at("a", r)}*${at("x", r)}+${at("b", r)}`,
      cached: (row) => cachedNumber(row.hidden),
    });
  }
  if (id === "two-relu") {
    specs.push({
      key: "relu", header: "max(0, z)", description: "ReLU: z when z > 0, else 0", style: "number",
      formula: (at, r) => `=MAX(0,${at("z", r)})`,
      cached: (row) => cachedNumber(row.activation),
    });
  }
  specs.push(
    {
      key: "pred", header: "ŷ", description: predDescription(id), style: "number", group: id === "linear" ? "forward pass" : undefined,
      formula: (at, r) => `=${predFormula(ctx, at, r)}`,
      cached: (row) => cachedNumber(row.pred),
    },
    {
      key: "err", header: "e = (ŷ − y)²", description: "the squared error of this step: e = (ŷ − y)²", style: "error",
      formula: (at, r) => `=${square(`${at("pred", r)}-${at("y", r)}`)}`,
      cached: (row) => cachedNumber(row.error),
    },
  );
  return specs;
}

function predDescription(id: RunContext["config"]["model"]): string {
  if (id === "linear") return "ŷ = a·x + b";
  return id === "two-linear" ? "ŷ = c·z + d = c·(a·x + b) + d" : "ŷ = c·max(0, z) + d";
}

/** ŷ from the cells: a·x + b, c·z + d, or c·max(0, z) + d (z is a·x + b, computed once in its own cell). */
function predFormula(ctx: RunContext, at: (k: string, r: number) => string, r: number): string {
  if (ctx.config.model === "linear") return predictText("linear", { a: at("a", r), b: at("b", r) }, at("x", r));
  const hidden = ctx.config.model === "two-relu" ? at("relu", r) : at("z", r);
  return `${at("c", r)}*${hidden}+${at("d", r)}`;
}
