/**
 * The step table's first columns: where the step is (step, epoch, row), its data point (x, y) and
 * the weights it uses. Row 1 uses the initial weights (InitA, …); every later row uses the previous
 * row's updated weights, across epoch boundaries too (epoch k+1 continues from epoch k).
 */
import { cachedNumber } from "./cached";
import type { ColumnSpec } from "./columns";
import type { RunContext } from "./context";
import { KEYS } from "./keys";
import { initName } from "./names";

export function dataColumns(ctx: RunContext): ColumnSpec[] {
  const specs: ColumnSpec[] = [
    {
      key: "step",
      header: "step",
      description: "t: the step number over the whole run (Adam's bias correction uses it)",
      style: "integer",
      width: 7,
      group: "the step",
      value: (r) => r.step,
    },
    {
      key: "epoch",
      header: "epoch",
      description: "which pass over the data",
      style: "integer",
      width: 7,
      value: (r) => r.epoch,
    },
    {
      key: "row",
      header: "row",
      description: "which data row of the epoch",
      style: "integer",
      width: 6,
      value: (r) => r.row,
    },
    {
      key: "x",
      header: "x",
      description: "the input x of this data row",
      style: "text",
      width: 9,
      value: (r) => r.x,
    },
    {
      key: "y",
      header: "y",
      description: "the target y of this data row",
      style: "text",
      width: 9,
      value: (r) => r.y,
    },
  ];
  ctx.weights.forEach((w, i) =>
    specs.push({
      key: w,
      header: w,
      description: `the weight ${w} used in this step: ${initName(w)} in the first row, then the previous row's new ${w}, across epochs too (graddesc's macro drops each epoch's last update; this sheet keeps it)`,
      style: "weight",
      group: i === 0 ? "weights used" : undefined,
      formula: (at, r) => (r === 0 ? `=${initName(w)}` : `=${at(KEYS.next(w), r - 1)}`),
      cached: (row) => cachedNumber(row.weights[w]),
    })
  );
  return specs;
}
