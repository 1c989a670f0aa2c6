/**
 * Divergence as data, by the core's rule (`src/core/train.ts`): a step diverges when its squared
 * error is not a number or above DivergenceBound, or an updated weight is not a number. The
 * "diverged" column is 1 from that step on; "first diverged" is 1 on that step only. Then the
 * chart-feeding columns: non-numbers (and, for the log-scale error, non-positive values) become
 * #N/A so charts show a gap instead of a zero.
 */
import type { StepRow } from "../core";
import { cachedForChart } from "./cached";
import type { At, ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { chartFeed } from "./formula";
import { KEYS } from "./keys";
import { NAMES } from "./names";

/** The core's divergence test for one step. */
export function stepDiverges(row: StepRow, weights: readonly string[], bound: number): boolean {
  return (
    !(Math.abs(row.error) <= bound) || weights.some((w) => !Number.isFinite(row.newWeights[w]))
  );
}

/** 0/1 per row: 1 from the first diverged step on. */
export function divergedSoFar(ctx: RunContext): number[] {
  let seen = 0;
  return ctx.rows.map(
    (row) => (seen = seen || (stepDiverges(row, ctx.weights, ctx.config.divergenceBound) ? 1 : 0))
  );
}

export function flagColumns(ctx: RunContext): ColumnSpec[] {
  const so = divergedSoFar(ctx);
  const test = (at: At, r: number) => {
    const numbers = ["err", ...ctx.weights.map(KEYS.next)]
      .map((k) => `ISNUMBER(${at(k, r)})`)
      .join(",");
    return `IF(AND(${numbers}),IF(ABS(${at("err", r)})>${NAMES.bound},1,0),1)`;
  };
  return [
    {
      key: KEYS.diverged,
      header: "diverged?",
      group: "divergence",
      style: "integer",
      width: 9,
      description: `1 from the first step whose error is above DivergenceBound or not a number, or whose new weights are not numbers`,
      formula: (at, r) =>
        r === 0 ? `=${test(at, r)}` : `=IF(${at(KEYS.diverged, r - 1)}=1,1,${test(at, r)})`,
      cached: (_row, i) => so[i],
    },
    {
      key: KEYS.firstDiverged,
      header: "first diverged",
      style: "integer",
      width: 9,
      description: "1 on the first diverged step only",
      formula: (at, r) =>
        r === 0
          ? `=${at(KEYS.diverged, r)}`
          : `=${at(KEYS.diverged, r)}-${at(KEYS.diverged, r - 1)}`,
      cached: (_row, i) => so[i] - (i > 0 ? so[i - 1] : 0),
    },
  ];
}

export function chartColumns(ctx: RunContext): ColumnSpec[] {
  const specs: ColumnSpec[] = [
    {
      key: KEYS.chartError,
      header: "e for chart",
      group: "for the charts",
      style: "error",
      description: "e, or #N/A when it is not a positive number (the log-scale chart shows a gap)",
      formula: (at, r) => chartFeed(at("err", r), true),
      cached: (row) => cachedForChart(row.error, true),
    },
  ];
  for (const w of ctx.weights)
    specs.push({
      key: KEYS.chartWeight(w),
      header: `${w} for chart`,
      style: "weight",
      description: `${w}, or #N/A when it is not a number`,
      formula: (at, r) => chartFeed(at(w, r), false),
      cached: (row) => cachedForChart(row.weights[w], false),
    });
  return specs;
}
