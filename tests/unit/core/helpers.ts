/** Small helpers for the core's tests: runs from loose options, and graddesc's data. */
import {
  GRADDESC_X,
  resolveConfig,
  train,
  type RunOptions,
  type RunResult,
} from "../../../src/core";

/** graddesc's 29 rows: y = 2x + 30. */
export const GRADDESC_ROWS = GRADDESC_X.map((x) => ({ x, y: 2 * x + 30 }));

/** Resolve and train with every row recorded. */
export function run(options: RunOptions): RunResult {
  return train(resolveConfig(options), { rows: true });
}

/** |got − want| ≤ tol·max(1, |want|): a relative tolerance that stays absolute near 0. */
export function expectClose(got: number, want: number, tol: number, what = ""): void {
  const ok = Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
  if (!ok) throw new Error(`${what} ${got} is not within ${tol} (relative) of ${want}`);
}
