/**
 * The optimizer's state and the updated weights, in the operation order of the optimizer registry
 * (`src/core/optimizers`). g is the derivative column the run uses (analytic, forward or
 * central), or with mini-batches the batch's mean gradient on its update row. State starts at 0
 * (written `Beta*0+…` so the first row computes what the core does) and carries across epochs;
 * Adam's bias correction uses the step column as t (the t column, counting updates, with batches).
 */
import type { GradientKind, OptimizerCells } from "../core";
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import { optimizerCells, type RunContext } from "./context";
import { batchMean, batched, onUpdate } from "./columns-batch";
import { KEYS } from "./keys";

/** The key of the derivative column that drives the update. */
export function gradKey(kind: GradientKind, w: string): string {
  return kind === "analytic"
    ? KEYS.analytic(w)
    : kind === "forward"
      ? KEYS.forward(w)
      : KEYS.central(w);
}

/**
 * The state and update columns, from the optimizer registry's formulas (`src/core/optimizers`).
 * With mini-batches g is the batch's mean `(sum/n)` and every state and new-weight cell is
 * `IF(update=1, …, the previous value)`: nothing changes between updates.
 */
export function optimizerColumns(ctx: RunContext): ColumnSpec[] {
  const many = batched(ctx);
  const f = ctx.optimizer.sheet;
  const set = ctx.config.optimizerSettings;
  const cells = (at: At, r: number, w: string) => optimizerCellsOf(ctx, at, r, w);
  const specs: ColumnSpec[] = [];
  for (const slot of ctx.optimizer.state) {
    const def = f.state[slot];
    ctx.weights.forEach((w, i) =>
      specs.push({
        key: KEYS.state(slot, w),
        header: `${slot} ${w}`,
        style: "number",
        group: i === 0 ? def.group : undefined,
        description: def.note(`de/d${w}`) + (many ? "; it changes only on update rows" : ""),
        formula: (at, r) => {
          const c = cells(at, r, w);
          const next = def.next(c, set);
          return many ? onUpdate(at, r, next, c.prev(slot)) : `=${next}`;
        },
        cached: (row) => cachedNumber(row.state[`${slot}_${w}`]),
      })
    );
  }
  ctx.weights.forEach((w, i) =>
    specs.push({
      key: KEYS.next(w),
      header: `new ${w}`,
      style: "weight",
      group: i === 0 ? "updated weights" : undefined,
      description: updateDescription(ctx, w),
      formula: (at, r) => {
        const next = `${at(w, r)}-${f.update(cells(at, r, w), set)}`;
        return many ? onUpdate(at, r, next, at(w, r)) : `=${next}`;
      },
      cached: (row) => cachedNumber(row.newWeights[w]),
    })
  );
  return specs;
}

/** The gradient the update uses as formula text: the derivative cell, or with mini-batches the batch's mean. */
function gradText(ctx: RunContext, at: At, r: number, w: string): string {
  return batched(ctx) ? batchMean(at, r, w) : at(gradKey(ctx.config.gradient, w), r);
}

/** The optimizer's cells of weight w at data row r (state, gradient, t), for its formulas. */
export function optimizerCellsOf(ctx: RunContext, at: At, r: number, w: string): OptimizerCells {
  return optimizerCells(at, r, w, gradText(ctx, at, r, w), at(stepNumberKey(ctx), r));
}

/** The cell holding the optimizer's step number t: the step column, or with mini-batches the t column. */
export function stepNumberKey(ctx: RunContext): string {
  return batched(ctx) ? KEYS.batchT : "step";
}

function updateDescription(ctx: RunContext, w: string): string {
  const kind = `de/d${w}${ctx.config.gradient === "analytic" ? "" : ` (${ctx.config.gradient})`}`;
  const g = batched(ctx) ? `mean ${kind}` : kind;
  const text = ctx.optimizer.sheet.note(w, g, ctx.config.optimizerSettings);
  return batched(ctx)
    ? `on update rows ${text}, with mean = Σ / n over the batch; else ${w} unchanged`
    : text;
}
