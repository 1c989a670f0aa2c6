/** `<c>` elements: literal values, formulas with their cached results, and the shared-strings table. */
import type { CachedValue, Scalar } from "../sheet/plan";
import { esc, NS, num, XML_HEAD } from "./xml";

/** The workbook's shared-strings table: each distinct text stored once, cells hold its index. */
export class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private refs = 0;

  /** Index of `text`, adding it on first use. */
  index(text: string): number {
    this.refs++;
    let i = this.ids.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.ids.set(text, i);
      this.texts.push(text);
    }
    return i;
  }

  /** xl/sharedStrings.xml */
  xml(): string {
    const items = this.texts.map((t) => `<si><t xml:space="preserve">${esc(t)}</t></si>`).join("");
    return `${XML_HEAD}<sst xmlns="${NS.main}" count="${this.refs}" uniqueCount="${this.texts.length}">${items}</sst>`;
  }
}

const styleAttr = (s: number | undefined): string => (s ? ` s="${s}"` : "");

/**
 * A literal cell. Text always goes to the shared-strings table, so "=1+1" stays text and is never
 * read as a formula; a non-finite number is written as the error #NUM!.
 */
export function valueCell(
  ref: string,
  style: number | undefined,
  value: Scalar,
  sst: SharedStrings
): string {
  const s = styleAttr(style);
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? `<c r="${ref}"${s}><v>${num(value)}</v></c>`
      : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  }
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${sst.index(value)}</v></c>`;
}

/** The `t` attribute and `<v>` of a formula's cached result; null is an empty-text result. */
function cachedParts(cached: CachedValue): [string, string] {
  if (cached === null) return [' t="str"', "<v></v>"];
  if (typeof cached === "number")
    return Number.isFinite(cached) ? ["", `<v>${num(cached)}</v>`] : [' t="e"', "<v>#NUM!</v>"];
  if (typeof cached === "boolean") return [' t="b"', `<v>${cached ? 1 : 0}</v>`];
  if (typeof cached === "string") return [' t="str"', `<v>${esc(cached)}</v>`];
  return [' t="e"', `<v>${esc(cached.error)}</v>`];
}

/** Formula text as stored in `<f>`: en-US, without the leading "=". */
export function formulaBody(formula: string, where: string): string {
  if (!formula.startsWith("="))
    throw new Error(`formula at ${where} does not start with "=": ${formula}`);
  return esc(formula.slice(1));
}

/** How a formula cell's `<f>` is written: on its own, as a shared group's master, or as a member. */
export type FormulaXml =
  | { kind: "plain"; formula: string }
  | { kind: "master"; formula: string; ref: string; si: number }
  | { kind: "member"; si: number };

/**
 * A formula cell with its cached result (required: every formula cell carries the core's value).
 * @example formulaCell("E5", 3, { kind: "plain", formula: "=(B5-E5)^2" }, 4) //=> '<c r="E5" s="3"><f>(B5-E5)^2</f><v>4</v></c>'
 */
export function formulaCell(
  ref: string,
  style: number | undefined,
  f: FormulaXml,
  cached: CachedValue | undefined
): string {
  if (cached === undefined) throw new Error(`formula cell ${ref} has no cached value`);
  const [t, v] = cachedParts(cached);
  let fx: string;
  if (f.kind === "plain") fx = `<f>${formulaBody(f.formula, ref)}</f>`;
  else if (f.kind === "master")
    fx = `<f t="shared" ref="${f.ref}" si="${f.si}">${formulaBody(f.formula, ref)}</f>`;
  else fx = `<f t="shared" si="${f.si}"/>`;
  return `<c r="${ref}"${styleAttr(style)}${t}>${fx}${v}</c>`;
}
