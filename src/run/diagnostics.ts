/**
 * The diagnostics `gradsheet train` adds to a run: why it diverged, when its ReLU died, how its
 * steps' stability k compares with 2, and how biased its finite differences are. They need the
 * run's rows; a summary-only run is trained again with rows when it is small enough.
 */
import {
  deadRelu,
  derivativeCheck,
  explainDivergence,
  hPlateau,
  learnerNumber as num,
  stabilityK,
  train,
  type RunResult,
} from "../core";

/** Runs longer than this are not re-trained with rows for diagnostics (rows cost memory). */
export const DIAGNOSTIC_STEP_LIMIT = 200_000;

export interface Diagnostics {
  divergence: string | null;
  deadRelu: {
    epochs: { epoch: number; deadRows: number; rows: number }[];
    deadFrom: number | null;
    text: string;
  } | null;
  stability: { maxK: number; stepsAbove2: number; firstAbove2: number | null };
  derivativeCheck: ReturnType<typeof derivativeCheck>;
  /** Where finite differences became exactly 0 through rounding (h below the weights' precision), or null. */
  plateau: { step: number; allFrom: number | null; weights: string[]; text: string } | null;
}

/** Diagnostics of a run, or null when it is too long to record its rows. */
export function diagnostics(result: RunResult): Diagnostics | null {
  let r = result;
  if (!r.rows) {
    if (r.config.epochs * r.config.data.length > DIAGNOSTIC_STEP_LIMIT) return null;
    r = train(r.config, { rows: true });
  }
  let maxK = 0;
  let stepsAbove2 = 0;
  let firstAbove2: number | null = null;
  for (const row of r.rows!) {
    const k = stabilityK(r, row);
    if (!(k <= 2) && Number.isFinite(k)) {
      stepsAbove2++;
      firstAbove2 ??= row.step;
    }
    if (k > maxK) maxK = k;
  }
  return {
    divergence: explainDivergence(r)?.text ?? null,
    deadRelu: deadRelu(r),
    stability: { maxK, stepsAbove2, firstAbove2 },
    derivativeCheck: derivativeCheck(r),
    plateau: plateauOf(r),
  };
}

function plateauOf(r: RunResult): Diagnostics["plateau"] {
  const p = hPlateau(r);
  return (
    p && { step: p.step, allFrom: p.allFrom, weights: p.weights.map((w) => w.name), text: p.text }
  );
}

/** The diagnostics as a few readable lines. */
export function diagnosticsText(d: Diagnostics | null): string {
  if (!d) return `Diagnostics skipped: the run has more than ${DIAGNOSTIC_STEP_LIMIT} steps.\n`;
  const lines: string[] = [];
  if (d.divergence) lines.push(`Why: ${d.divergence}`);
  const s = d.stability;
  lines.push(
    s.stepsAbove2
      ? `Stability: ${s.stepsAbove2} step(s) had k = 2·lr·‖∇ŷ‖² above 2 (the first at step ${s.firstAbove2}; largest k ${num(s.maxK)}): those steps overshoot and their row's error grows.`
      : `Stability: every step had k ≤ 2 (largest ${num(s.maxK)}), so no step overshot.`
  );
  if (d.plateau) lines.push(`Plateau: ${d.plateau.text}`);
  if (d.deadRelu)
    lines.push(
      `ReLU: ${d.deadRelu.epochs.map((e) => `epoch ${e.epoch} ${e.deadRows}/${e.rows} dead rows`).join(", ")}. ${d.deadRelu.text}`
    );
  const fmt = (v: number) => (v === 0 ? "0" : v.toExponential(1));
  lines.push(
    "Derivative check (relative error against the analytic derivative, largest): " +
      d.derivativeCheck
        .map((c) => `${c.weight}: forward ${fmt(c.forward.max)}, central ${fmt(c.central.max)}`)
        .join("; ") +
      "."
  );
  return lines.join("\n") + "\n";
}
