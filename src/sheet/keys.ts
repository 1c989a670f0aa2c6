/** Column keys of the step table, stable for writers, tests and the add-in: "newA", "dA_fwd", … */
const up = (w: string): string => w.toUpperCase();

export const KEYS = {
  /** The updated weight w ← … */
  next: (w: string) => `new${up(w)}`,
  /** e with w bumped up by h. */
  bumped: (w: string) => `err${up(w)}_up`,
  /** e with w lowered by h. */
  lowered: (w: string) => `err${up(w)}_down`,
  forward: (w: string) => `d${up(w)}_fwd`,
  central: (w: string) => `d${up(w)}_ctr`,
  analytic: (w: string) => `d${up(w)}`,
  /** Optimizer state slot s of weight w, e.g. "vA", "mB". */
  state: (slot: string, w: string) => `${slot}${up(w)}`,
  /** Weight w, or #N/A when it is not a number, for the weights chart. */
  chartWeight: (w: string) => `chart${up(w)}`,
  chartError: "chartErr",
  /** Mini-batch columns (batch size above 1 only): rows of the batch so far, the update flag, t. */
  batchCount: "batchN",
  batchUpdate: "update",
  batchT: "t",
  /** Running sum of the batch's gradients for weight w. */
  batchSum: (w: string) => `sum${up(w)}`,
  diverged: "diverged",
  firstDiverged: "firstDiverged",
} as const;
