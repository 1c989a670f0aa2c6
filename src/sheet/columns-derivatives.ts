/**
 * The derivative of e by every weight, three ways, as `src/core/train.ts` computes them:
 * forward difference (e(w + h) − e) / h, central difference (e(w + h) − e(w − h)) / (2·h), and the
 * analytic chain rule of `src/core/models.ts` (g = 2·(ŷ − y), then de/db = g·c, de/da = de/db·x, …).
 * The central columns appear only when the run uses them.
 */
import type { ModelId } from "../core";
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { predictText, square } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

export function derivativeColumns(ctx: RunContext): ColumnSpec[] {
  const central = ctx.config.gradient === "central";
  const specs: ColumnSpec[] = [];
  for (const w of ctx.weights) {
    specs.push(
      {
        key: KEYS.bumped(w), header: `e(${w} + h)`, group: `de/d${w}`, style: "error",
        description: `the error with ${w} nudged up by h: e(${w} + h) = (ŷ(${w} + h) − y)²`,
        formula: (at, r) => `=${nudged(ctx, at, r, w, "+")}`,
        cached: (row) => cachedNumber(row.bumped[w]),
      },
      {
        key: KEYS.forward(w), header: `de/d${w} fwd`, style: "number",
        description: `forward difference: de/d${w} ≈ (e(${w} + h) − e) / h`,
        formula: (at, r) => `=(${at(KEYS.bumped(w), r)}-${at("err", r)})/${NAMES.h}`,
        cached: (row) => cachedNumber(row.forward[w]),
      },
    );
    if (central) {
      specs.push(
        {
          key: KEYS.lowered(w), header: `e(${w} − h)`, style: "error",
          description: `the error with ${w} nudged down by h: e(${w} − h) = (ŷ(${w} − h) − y)²`,
          formula: (at, r) => `=${nudged(ctx, at, r, w, "-")}`,
          cached: (row) => cachedNumber(row.lowered[w]),
        },
        {
          key: KEYS.central(w), header: `de/d${w} central`, style: "number",
          description: `central difference: de/d${w} ≈ (e(${w} + h) − e(${w} − h)) / (2·h)`,
          formula: (at, r) => `=(${at(KEYS.bumped(w), r)}-${at(KEYS.lowered(w), r)})/(2*${NAMES.h})`,
          cached: (row) => cachedNumber(row.central[w]),
        },
      );
    }
    specs.push({
      key: KEYS.analytic(w), header: `de/d${w}`, style: "number",
      description: analyticDescription(ctx.config.model, w),
      formula: (at, r) => `=${analyticFormula(ctx.config.model, w, at, r)}`,
      cached: (row) => cachedNumber(row.analytic[w]),
    });
  }
  return specs;
}

/** (ŷ with weight w moved by ±h, minus y)², with ŷ written out as the core's predict does. */
function nudged(ctx: RunContext, at: At, r: number, w: string, sign: "+" | "-"): string {
  const cells: Record<string, string> = {};
  for (const v of ctx.weights) cells[v] = v === w ? `(${at(v, r)}${sign}${NAMES.h})` : at(v, r);
  return square(`${predictText(ctx.config.model, cells, at("x", r))}-${at("y", r)}`);
}

/** The chain rule, term by term as in `src/core/models.ts` lossGrad. */
function analyticFormula(model: ModelId, w: string, at: At, r: number): string {
  const g = `2*(${at("pred", r)}-${at("y", r)})`;
  const d = (v: string) => at(KEYS.analytic(v), r);
  if (model === "linear") return w === "b" ? g : `${d("b")}*${at("x", r)}`;
  if (model.startsWith("relu-") && w !== "d") {
    // neuron j of a wide layer: de/dc_j = de/dd·max(0, z_j); de/db_j = de/dd·c_j when z_j > 0; de/da_j = de/db_j·x
    const j = w.slice(1);
    if (w[0] === "c") return `${d("d")}*${at(`relu${j}`, r)}`;
    if (w[0] === "b") return `IF(${at(`z${j}`, r)}>0,${d("d")}*${at(`c${j}`, r)},0)`;
    return `${d(`b${j}`)}*${at("x", r)}`;
  }
  switch (w) {
    case "d":
      return g;
    case "c":
      return `${d("d")}*${at(model === "two-relu" ? "relu" : "z", r)}`;
    case "b":
      return model === "two-relu" ? `IF(${at("z", r)}>0,${d("d")}*${at("c", r)},0)` : `${d("d")}*${at("c", r)}`;
    default:
      return `${d("b")}*${at("x", r)}`;
  }
}

function analyticDescription(model: ModelId, w: string): string {
  if (model === "linear") return w === "b" ? "de/db = 2·(ŷ − y)" : "de/da = de/db·x = 2·(ŷ − y)·x";
  if (model.startsWith("relu-") && w !== "d") {
    const j = w.slice(1);
    if (w[0] === "c") return `de/dc${j} = de/dd·max(0, z${j})`;
    if (w[0] === "b") return `de/db${j} = de/dd·c${j} when z${j} > 0, else 0`;
    return `de/da${j} = de/db${j}·x`;
  }
  const relu = model === "two-relu";
  switch (w) {
    case "d":
      return "de/dd = 2·(ŷ − y)";
    case "c":
      return relu ? "de/dc = de/dd·max(0, z) = 2·(ŷ − y)·max(0, a·x + b)" : "de/dc = de/dd·z = 2·(ŷ − y)·(a·x + b)";
    case "b":
      return relu ? "de/db = de/dd·c = 2·(ŷ − y)·c when z > 0, else 0" : "de/db = de/dd·c = 2·(ŷ − y)·c";
    default:
      return relu ? "de/da = de/db·x = 2·(ŷ − y)·c·x when z > 0, else 0" : "de/da = de/db·x = 2·(ŷ − y)·c·x";
  }
}
