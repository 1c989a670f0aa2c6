/** Sheets for experiments across runs: model comparisons, learning-rate sweeps, loss landscapes. */
export { buildCompareWorkbook, stepsTable, type CompareOptions } from "./compare";
export { buildLandscapeSheet, pathCells } from "./landscape";
export { buildSweepSheet } from "./sweep";
