/**
 * Formula text for the model: the prediction written with the same operations in the same order
 * as `src/core/models.ts` (IEEE + and × are commutative but not associative, so the order is the
 * contract). Arguments are A1 references or names; numbers never appear with an uppercase E.
 */
import { MODELS, type ModelId } from "../core";

/** ŷ as formula text from the weights' and x's cell text, in the core's operation order.
 * @example predictText("two-relu", { a: "F7", b: "G7", c: "H7", d: "I7" }, "D7") //=> "H7*MAX(0,F7*D7+G7)+I7"
 */
export function predictText(model: ModelId, w: Record<string, string>, x: string): string {
  const z = `${w.a}*${x}+${w.b}`;
  switch (model) {
    case "linear":
      return z;
    case "two-linear":
      return `${w.c}*(${z})+${w.d}`;
    case "two-relu":
      return `${w.c}*MAX(0,${z})+${w.d}`;
    default: {
      // relu-n: c1·max(0, a1·x + b1) + … + cn·max(0, an·x + bn) + d, left to right as wide.ts adds
      const n = MODELS[model].width!;
      const terms = Array.from({ length: n }, (_, i) => `${w[`c${i + 1}`]}*MAX(0,${w[`a${i + 1}`]}*${x}+${w[`b${i + 1}`]})`);
      return `${terms.join("+")}+${w.d}`;
    }
  }
}

/**
 * v² as `v^2`, parenthesised unless v is a single reference or name or already one parenthesised
 * group without inner parentheses, such as `(Q7/H7)`. HyperFormula's ^2 is v·v exactly.
 */
export function square(v: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v) || /^\([^()]*\)$/.test(v) ? `${v}^2` : `(${v})^2`;
}

/** `=IF(ISNUMBER(v),v,NA())`, or also NA() unless v > 0 (for a log axis): a chart shows a gap. */
export function chartFeed(v: string, positiveOnly: boolean): string {
  return positiveOnly ? `=IF(ISNUMBER(${v}),IF(${v}>0,${v},NA()),NA())` : `=IF(ISNUMBER(${v}),${v},NA())`;
}
