/**
 * The optimizer's state and the updated weights, in the operation order of
 * `src/core/optimizers.ts`. g is the derivative column the run uses (analytic, forward or
 * central), or with mini-batches the batch's mean gradient on its update row. State starts at 0
 * (written `Beta*0+…` so the first row computes what the core does) and carries across epochs;
 * Adam's bias correction uses the step column as t (the t column, counting updates, with batches).
 */
import type { GradientKind } from "../core";
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { batchMean, batched, onUpdate } from "./columns-batch";
import { square } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

const { lr, beta, beta2, eps } = NAMES;

/** The key of the derivative column that drives the update. */
export function gradKey(kind: GradientKind, w: string): string {
  return kind === "analytic" ? KEYS.analytic(w) : kind === "forward" ? KEYS.forward(w) : KEYS.central(w);
}

/**
 * The state and update columns. With mini-batches g is the batch's mean `(sum/n)` and every state
 * and new-weight cell is `IF(update=1, …, the previous value)`: nothing changes between updates.
 */
export function optimizerColumns(ctx: RunContext): ColumnSpec[] {
  const many = batched(ctx);
  const g = many ? batchMean : (at: At, r: number, w: string) => at(gradKey(ctx.config.gradient, w), r);
  const slots = stateSlots(ctx, g);
  const specs: ColumnSpec[] = [];
  for (const slot of ctx.optimizer.state) {
    const def = slots[slot];
    ctx.weights.forEach((w, i) =>
      specs.push({
        key: KEYS.state(slot, w), header: `${slot} ${w}`, style: "number",
        group: i === 0 ? def.group : undefined,
        description: def.description(w) + (many ? "; it changes only on update rows" : ""),
        formula: (at, r) => {
          const prev = r === 0 ? "0" : at(KEYS.state(slot, w), r - 1);
          const next = `${def.decay}*${prev}+(1-${def.decay})*${def.input(at, r, w)}`;
          return many ? onUpdate(at, r, next, prev) : `=${next}`;
        },
        cached: (row) => cachedNumber(row.state[`${slot}_${w}`]),
      }),
    );
  }
  ctx.weights.forEach((w, i) =>
    specs.push({
      key: KEYS.next(w), header: `new ${w}`, style: "weight", group: i === 0 ? "updated weights" : undefined,
      description: updateDescription(ctx, w),
      formula: (at, r) => {
        const next = `${at(w, r)}-${updateTerm(ctx, at, r, w, g)}`;
        return many ? onUpdate(at, r, next, at(w, r)) : `=${next}`;
      },
      cached: (row) => cachedNumber(row.newWeights[w]),
    }),
  );
  return specs;
}

/** The cell holding the optimizer's step number t: the step column, or with mini-batches the t column. */
export function stepNumberKey(ctx: RunContext): string {
  return batched(ctx) ? KEYS.batchT : "step";
}

interface SlotDef {
  group: string;
  decay: string;
  input: (at: At, r: number, w: string) => string;
  description: (w: string) => string;
}

function stateSlots(ctx: RunContext, g: (at: At, r: number, w: string) => string): Record<string, SlotDef> {
  const d = (w: string) => `de/d${w}`;
  const sq = (at: At, r: number, w: string) => square(g(at, r, w));
  if (ctx.config.optimizer === "momentum")
    return { v: { group: "momentum", decay: beta, input: g, description: (w) => `v ← β·v + (1 − β)·${d(w)}: the running average of ${d(w)} (starts at 0)` } };
  if (ctx.config.optimizer === "rmsprop")
    return { s: { group: "mean square", decay: beta, input: sq, description: (w) => `s ← β·s + (1 − β)·(${d(w)})²: the running mean of the squared derivative (starts at 0)` } };
  return {
    m: { group: "Adam m", decay: beta, input: g, description: (w) => `m ← β1·m + (1 − β1)·${d(w)}: the running average of ${d(w)} (starts at 0)` },
    v: { group: "Adam v", decay: beta2, input: sq, description: (w) => `v ← β2·v + (1 − β2)·(${d(w)})²: the running mean of the squared derivative (starts at 0)` },
  };
}

/** What the update subtracts from w: lr·g, lr·v, lr·g/(√s + ε) or lr·m̂/(√v̂ + ε). */
function updateTerm(ctx: RunContext, at: At, r: number, w: string, g: (at: At, r: number, w: string) => string): string {
  const st = (slot: string) => at(KEYS.state(slot, w), r);
  switch (ctx.config.optimizer) {
    case "sgd":
      return `${lr}*${g(at, r, w)}`;
    case "momentum":
      return `${lr}*${st("v")}`;
    case "rmsprop":
      return `${lr}*${g(at, r, w)}/(SQRT(${st("s")})+${eps})`;
    case "adam": {
      if (!ctx.config.optimizerSettings.biasCorrection) return `${lr}*${st("m")}/(SQRT(${st("v")})+${eps})`;
      const t = at(stepNumberKey(ctx), r);
      return `${lr}*(${st("m")}/(1-${beta}^${t}))/(SQRT(${st("v")}/(1-${beta2}^${t}))+${eps})`;
    }
  }
}

function updateDescription(ctx: RunContext, w: string): string {
  const kind = `de/d${w}${ctx.config.gradient === "analytic" ? "" : ctx.config.gradient === "forward" ? " (forward)" : " (central)"}`;
  const g = batched(ctx) ? `mean ${kind}` : kind;
  const text = describeUpdate(ctx, w, g);
  return batched(ctx) ? `on update rows ${text}, with mean = Σ / n over the batch; else ${w} unchanged` : text;
}

function describeUpdate(ctx: RunContext, w: string, g: string): string {
  switch (ctx.config.optimizer) {
    case "sgd":
      return `new ${w} = ${w} − lr·${g}`;
    case "momentum":
      return `new ${w} = ${w} − lr·v`;
    case "rmsprop":
      return `new ${w} = ${w} − lr·${g} / (√s + ε)`;
    case "adam":
      return ctx.config.optimizerSettings.biasCorrection
        ? `new ${w} = ${w} − lr·m̂ / (√v̂ + ε), with m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t)`
        : `new ${w} = ${w} − lr·m / (√v + ε) (no bias correction)`;
  }
}
