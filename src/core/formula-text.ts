/** Helpers for the formula text the registries write (plain strings; `src/sheet` places them). */

/**
 * v² as `v^2`, parenthesised unless v is a single reference or name or already one parenthesised
 * group without inner parentheses, such as `(Q7/H7)`. HyperFormula's ^2 is v·v exactly.
 */
export function square(v: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v) || /^\([^()]*\)$/.test(v) ? `${v}^2` : `(${v})^2`;
}
