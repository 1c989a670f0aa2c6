/**
 * Mini-batch columns (only when the run's batch size is above 1), as `src/core/train.ts` computes
 * them: the rows of the batch so far n = MOD(row − 1, BatchSize) + 1; the update flag, 1 on the
 * batch's last row (row a multiple of BatchSize, or the epoch's last row); the optimizer's step
 * number t, which counts updates (the previous row's t plus its update flag); and per weight the
 * running sum of the derivative the run uses: g on the batch's first row, then sum + g. The
 * optimizer columns update with the mean sum / n on update rows only (`columns-optimizer.ts`).
 */
import { cachedNumber } from "./cached";
import type { At, ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { KEYS } from "./keys";
import { NAMES } from "./names";

/** True when the run updates once per batch of more than one row (the sheet shows the batch columns). */
export function batched(ctx: RunContext): boolean {
  return ctx.config.batchSize > 1;
}

/** The mean gradient of weight w's batch as formula text, `(sum/n)`: what the update uses. */
export function batchMean(at: At, r: number, w: string): string {
  return `(${at(KEYS.batchSum(w), r)}/${at(KEYS.batchCount, r)})`;
}

/** `=IF(update=1,then,else)`: a cell that changes only on the batch's update row. */
export function onUpdate(at: At, r: number, then: string, otherwise: string): string {
  return `=IF(${at(KEYS.batchUpdate, r)}=1,${then},${otherwise})`;
}

export function batchColumns(ctx: RunContext, gradKey: (w: string) => string): ColumnSpec[] {
  if (!batched(ctx)) return [];
  const row = (at: At, r: number) => at("row", r);
  const batch = NAMES.batch;
  const specs: ColumnSpec[] = [
    {
      key: KEYS.batchCount,
      header: "n in batch",
      group: "mini-batch",
      style: "integer",
      width: 8,
      description:
        "how many rows of this batch so far, this one included: MOD(row − 1, BatchSize) + 1",
      formula: (at, r) => `=MOD(${row(at, r)}-1,${batch})+1`,
      cached: (s) => s.batch!.count,
    },
    {
      key: KEYS.batchUpdate,
      header: "update?",
      style: "integer",
      width: 8,
      description: `1 on the batch's last row (row a multiple of BatchSize, or the epoch's last row ${ctx.n}): the weights change only there`,
      formula: (at, r) => `=IF(OR(MOD(${row(at, r)},${batch})=0,${row(at, r)}=${ctx.n}),1,0)`,
      cached: (s) => (s.batch!.update ? 1 : 0),
    },
    {
      key: KEYS.batchT,
      header: "t",
      style: "integer",
      width: 6,
      description:
        "the optimizer's step number: it counts updates, not rows (the previous row's t plus its update flag)",
      formula: (at, r) =>
        r === 0 ? "=1" : `=${at(KEYS.batchT, r - 1)}+${at(KEYS.batchUpdate, r - 1)}`,
      cached: (s) => s.batch!.t,
    },
  ];
  ctx.weights.forEach((w) =>
    specs.push({
      key: KEYS.batchSum(w),
      header: `Σ de/d${w}`,
      style: "number",
      description: `the batch's running sum of de/d${w}: de/d${w} on the batch's first row, then the previous sum + de/d${w}; the update uses sum / n`,
      formula: (at, r) => {
        const g = at(gradKey(w), r);
        return r === 0
          ? `=${g}`
          : `=IF(${at(KEYS.batchCount, r)}=1,${g},${at(KEYS.batchSum(w), r - 1)}+${g})`;
      },
      cached: (s) => cachedNumber(s.batch!.sum[w]),
    })
  );
  return specs;
}
