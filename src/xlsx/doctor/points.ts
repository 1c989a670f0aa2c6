/**
 * The points (c:pt) of a chart's caches and literals. The parser keeps a run of points as one raw
 * node (a cache can hold a million of them), so they are read here from the raw text, or from
 * elements when the fix or a hand-made part wrote them as a tree.
 */
import { attr, decode, kid, textOf, XmlError } from "./xml";
import type { XmlElement } from "./xml-types";

const PT_TAG = /<([A-Za-z_][-\w.]*:)?pt(?=[\s/>])([^>]*)>/g;
const PT_VALUE = /<(?:[A-Za-z_][-\w.]*:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[A-Za-z_][-\w.]*:)?v>/;
const IDX = /(?:^|\s)idx\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The points (c:pt) of a cache or literal element, read or raw: each one's idx attribute as
 * written and its c:v text, decoded. Throws XmlError on a point that is not closed.
 */
export function pointsOf(e: XmlElement): { idx: string | undefined; value: string }[] {
  const out: { idx: string | undefined; value: string }[] = [];
  for (const c of e.children) {
    if (c.type === "element" && c.q === "c:pt")
      out.push({ idx: attr(c, "idx"), value: textOf(kid(c, "c:v")) });
    if (c.type !== "raw" || !/^<([A-Za-z_][-\w.]*:)?pt[\s/>]/.test(c.raw)) continue;
    const raw = c.raw;
    PT_TAG.lastIndex = 0;
    for (let m = PT_TAG.exec(raw); m; m = PT_TAG.exec(raw)) {
      const idxMatch = IDX.exec(m[2]);
      const idx = idxMatch ? decode(idxMatch[1] ?? idxMatch[2]) : undefined;
      if (m[2].endsWith("/")) {
        out.push({ idx, value: "" });
        continue;
      }
      const close = raw.indexOf(`</${m[1] ?? ""}pt>`, PT_TAG.lastIndex);
      if (close < 0) throw new XmlError("a c:pt point is not closed");
      const v = PT_VALUE.exec(raw.slice(PT_TAG.lastIndex, close));
      out.push({ idx, value: v ? decode(v[1]) : "" });
      PT_TAG.lastIndex = close;
    }
  }
  return out;
}
