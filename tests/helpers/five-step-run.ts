/** The exercise tests' run: 2 stacked neurons on graddesc's first five x values, one epoch, rows kept. */
import { resolveConfig, train } from "../../src/core";

export const fiveStepRun = () =>
  train(
    resolveConfig({ model: "two-linear", data: { x: { kind: "list", x: [14, 86, 28, 51, 28] } } }),
    { rows: true }
  );
