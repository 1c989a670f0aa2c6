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
  const width = ctx.model.width;
  if (width !== undefined) specs.push(...layerColumns(width));
  else if (id !== "linear") {
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

/** z_j = a_j·x + b_j and max(0, z_j) for every neuron of a wide layer, neuron by neuron. */
function layerColumns(width: number): ColumnSpec[] {
  const specs: ColumnSpec[] = [];
  for (let j = 1; j <= width; j++)
    specs.push(
      {
        key: `z${j}`, header: `z${j}`, description: `z${j} = a${j}·x + b${j}: neuron ${j} before its ReLU`, style: "number", group: j === 1 ? "forward pass" : undefined,
        formula: (at, r) => `=${at(`a${j}`, r)}*${at("x", r)}+${at(`b${j}`, r)}`,
        cached: (row) => cachedNumber(row.layer!.z[j - 1]),
      },
      {
        key: `relu${j}`, header: `max(0, z${j})`, description: `neuron ${j}'s ReLU: z${j} when z${j} > 0, else 0`, style: "number",
        formula: (at, r) => `=MAX(0,${at(`z${j}`, r)})`,
        cached: (row) => cachedNumber(row.layer!.relu[j - 1]),
      },
    );
  return specs;
}

function predDescription(id: RunContext["config"]["model"]): string {
  if (id === "linear") return "ŷ = a·x + b";
  if (id.startsWith("relu-")) return "ŷ = c1·max(0, z1) + c2·max(0, z2) + … + d, added left to right";
  return id === "two-linear" ? "ŷ = c·z + d = c·(a·x + b) + d" : "ŷ = c·max(0, z) + d";
}

/** ŷ from the cells: a·x + b, c·z + d, or c·max(0, z) + d (z is a·x + b, computed once in its own cell). */
function predFormula(ctx: RunContext, at: (k: string, r: number) => string, r: number): string {
  if (ctx.config.model === "linear") return predictText("linear", { a: at("a", r), b: at("b", r) }, at("x", r));
  const width = ctx.model.width;
  if (width !== undefined) {
    const terms = Array.from({ length: width }, (_, i) => `${at(`c${i + 1}`, r)}*${at(`relu${i + 1}`, r)}`);
    return `${terms.join("+")}+${at("d", r)}`;
  }
  const hidden = ctx.config.model === "two-relu" ? at("relu", r) : at("z", r);
  return `${at("c", r)}*${hidden}+${at("d", r)}`;
}
