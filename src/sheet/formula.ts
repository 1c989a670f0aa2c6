/**
 * Formula text for the model: the prediction written with the same operations in the same order
 * as the model registry (`src/core/models`; IEEE + and × are commutative but not associative, so the order is the
 * contract). Arguments are A1 references or names; numbers never appear with an uppercase E.
 */
import { MODELS, square, type ModelId } from "../core";

/** ŷ as formula text from the weights' and x's cell text, in the core's operation order (the model registry's).
 * @example predictText("two-relu", { a: "F7", b: "G7", c: "H7", d: "I7" }, "D7") //=> "H7*MAX(0,F7*D7+G7)+I7"
 */
export function predictText(model: ModelId, w: Record<string, string>, x: string): string {
  return MODELS[model].sheet.predict((name) => w[name], x);
}

export { square };

/** `=IF(ISNUMBER(v),v,NA())`, or also NA() unless v > 0 (for a log axis): a chart shows a gap. */
export function chartFeed(v: string, positiveOnly: boolean): string {
  return positiveOnly
    ? `=IF(ISNUMBER(${v}),IF(${v}>0,${v},NA()),NA())`
    : `=IF(ISNUMBER(${v}),${v},NA())`;
}
