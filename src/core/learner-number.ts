/**
 * The one way GradSheet writes a number for a learner (pane, CLI text, explanations, sheet names):
 * at most 5 significant digits, trailing zeros dropped; in exponent form (1e-4, 3.1623e-5,
 * 1.2346e6) below 0.001 or from 1,000,000 on; a number that overflowed reads as Excel shows it.
 */
export function learnerNumber(v: number): string {
  if (!Number.isFinite(v)) return "overflow (#NUM!)";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    const [m, e] = v.toExponential(4).split("e");
    return `${String(Number(m))}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(5)));
}
