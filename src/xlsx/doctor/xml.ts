/**
 * A minimal XML parser and serializer for the parts the doctor reads and rewrites (chart,
 * drawing, sheet, workbook, relationships). Why our own: OOXML parts use only elements,
 * attributes, text, the declaration, and now and then comments; a 150-line tree we test
 * round-trip is easier to trust than a general library's options (fast-xml-parser needs
 * `preserveOrder` and still re-encodes entities its own way). Names are written back as they were
 * read; the doctor matches on canonical names (`q`, see ./ns), whatever prefixes a part uses.
 * No DTDs or external entities (a DOCTYPE with an internal subset is rejected), so nothing is
 * ever fetched or expanded. Limits (a refusal, never a crash): elements nest at most
 * {@link MAX_XML_DEPTH} deep (OOXML parts nest about 20), character references must name an XML
 * character (U+0009, U+000A, U+000D, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF).
 */
import { localizeNames, resolveNames } from "./ns";
import type { XmlDocument, XmlElement, XmlNode } from "./xml-types";

export type { XmlDocument, XmlElement, XmlNode, XmlRaw, XmlText } from "./xml-types";

export class XmlError extends Error {}

/** Elements whose c:pt children are kept as raw text (a chart's caches and literals can hold a million points). */
const POINT_LISTS = /* @__PURE__ */ new Set(["numCache", "strCache", "numLit", "strLit"]);

/** How deep elements may nest; deeper parts are refused (every walk over the tree may then recurse safely). */
export const MAX_XML_DEPTH = 256;

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decode character and the five predefined entity references. */
export function decode(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);|&/g, (m, ref: string | undefined) => {
    if (!ref) throw new XmlError("bare '&' in XML text");
    if (ref[0] === "#") {
      const digits = ref[1] === "x" ? ref.slice(2) : ref.slice(1);
      const cp = digits.length > 8 ? NaN : parseInt(digits, ref[1] === "x" ? 16 : 10);
      if (!isXmlChar(cp))
        throw new XmlError(`the character reference &${ref}; is not an XML character`);
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[ref];
    if (v === undefined) throw new XmlError(`unknown XML entity &${ref};`);
    return v;
  });
}

/** True for a code point XML 1.0 allows in a document. */
function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x9 || cp === 0xa || cp === 0xd;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Parse one XML document. Throws XmlError on anything malformed. */
export function parseXml(src: string): XmlDocument {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = i;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let prologEnd = -1;
  let rootEnd = -1;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} at offset ${i}`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) fail("expected a name");
    i += m![0].length;
    return m![0];
  };
  const skipSpace = (): void => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const addChild = (n: XmlNode): void => {
    if (stack.length) stack[stack.length - 1].children.push(n);
  };
  while (i < src.length) {
    if (src[i] !== "<") {
      const next = src.indexOf("<", i);
      const end = next < 0 ? src.length : next;
      const text = src.slice(i, end);
      if (stack.length) addChild({ type: "text", text: decode(text) });
      else if (text.trim()) fail("text outside the root element");
      i = end;
      continue;
    }
    if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment");
      if (stack.length) addChild({ type: "raw", raw: src.slice(i, end + 3) });
      i = end + 3;
      continue;
    }
    if (src.startsWith("<![CDATA[", i)) {
      const end = src.indexOf("]]>", i);
      if (end < 0 || !stack.length) fail("bad CDATA section");
      addChild({ type: "text", text: src.slice(i + 9, end) });
      i = end + 3;
      continue;
    }
    if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i);
      if (end < 0) fail("unterminated processing instruction");
      if (stack.length) addChild({ type: "raw", raw: src.slice(i, end + 2) });
      i = end + 2;
      continue;
    }
    if (src.startsWith("<!", i)) {
      const end = src.indexOf(">", i);
      if (end < 0 || src.slice(i, end).includes("["))
        fail("DOCTYPE declarations with a subset are not accepted");
      i = end + 1;
      continue;
    }
    if (src[i + 1] === "/") {
      i += 2;
      const name = readName();
      skipSpace();
      if (src[i] !== ">") fail("expected '>'");
      i++;
      const open = stack.pop();
      if (!open || open.name !== name)
        fail(`closing tag </${name}> does not match <${open?.name ?? "nothing"}>`);
      if (!stack.length) rootEnd = i;
      continue;
    }
    if (root && !stack.length) fail("a second root element");
    const tagStart = i;
    i++;
    const name = readName();
    const top = stack[stack.length - 1];
    if (top && POINT_LISTS.has(local(top.name)) && local(name) === "pt") {
      // A chart cache's or literal's points: kept as one raw run (read by pointsOf), not a tree.
      const close = src.indexOf(`</${top.name}>`, tagStart);
      const end = close < 0 ? -1 : src.lastIndexOf(`</${name}>`, close);
      if (end > tagStart) {
        addChild({ type: "raw", raw: src.slice(tagStart, end + name.length + 3) });
        i = end + name.length + 3;
        continue;
      }
    }
    const el: XmlElement = { type: "element", name, q: name, attrs: [], children: [] };
    for (;;) {
      skipSpace();
      if (src[i] === ">" || src.startsWith("/>", i)) break;
      if (i >= src.length) fail("unterminated tag");
      const key = readName();
      skipSpace();
      if (src[i] !== "=") fail("expected '='");
      i++;
      skipSpace();
      const q = src[i];
      if (q !== '"' && q !== "'") fail("expected a quoted attribute value");
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail("unterminated attribute value");
      const raw = src.slice(i + 1, end);
      if (raw.includes("<")) fail("'<' in an attribute value");
      if (el.attrs.length < 16 ? el.attrs.some(([k]) => k === key) : seen(el, key))
        fail(`duplicate attribute ${key}`);
      el.attrs.push([key, decode(raw)]);
      i = end + 1;
    }
    if (!stack.length) {
      root = el;
      prologEnd = tagStart;
    } else addChild(el);
    if (src[i] === "/") i += 2;
    else {
      i++;
      if (stack.length >= MAX_XML_DEPTH) fail(`elements nested more than ${MAX_XML_DEPTH} deep`);
      stack.push(el);
    }
    if (el === root && !stack.length) rootEnd = i;
  }
  if (stack.length) throw new XmlError(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) throw new XmlError("no root element");
  resolveNames(root);
  return { prolog: src.slice(start, prologEnd), root, epilog: src.slice(rootEnd) };
}

/** Whether an element with many attributes already has `key` (a set, so a hostile tag stays linear). */
function seen(e: XmlElement, key: string): boolean {
  const keys = ATTR_SETS.get(e) ?? new Set(e.attrs.map(([k]) => k));
  ATTR_SETS.set(e, keys);
  if (keys.has(key)) return true;
  keys.add(key);
  return false;
}
const ATTR_SETS = /* @__PURE__ */ new WeakMap<XmlElement, Set<string>>();

function escText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escAttr(s: string): string {
  return escText(s)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** Serialize a node; elements without children are written self-closed. */
export function serializeNode(n: XmlNode): string {
  if (n.type === "text") return escText(n.text);
  if (n.type === "raw") return n.raw;
  const attrs = n.attrs.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join("");
  if (!n.children.length) return `<${n.name}${attrs}/>`;
  return `<${n.name}${attrs}>${n.children.map(serializeNode).join("")}</${n.name}>`;
}

/** Serialize a document, keeping its prolog and epilog as they were. */
export function serializeXml(doc: XmlDocument): string {
  localizeNames(doc);
  return doc.prolog + serializeNode(doc.root) + doc.epilog;
}

// ---- small tree helpers ----------------------------------------------------------------------

/** A new element, named canonically ("c:valAx"); attributes are unprefixed. */
export function el(
  name: string,
  attrs: Record<string, string> = {},
  children: XmlNode[] = []
): XmlElement {
  const list = Object.entries(attrs);
  return {
    type: "element",
    name,
    q: name,
    attrs: list,
    qa: list.map(([k]) => k),
    fresh: true,
    children,
  };
}

/** Child elements, optionally only those of canonical name `name`. */
export function kids(e: XmlElement, name?: string): XmlElement[] {
  return e.children.filter(
    (c): c is XmlElement => c.type === "element" && (name === undefined || c.q === name)
  );
}

/** The first child element named `name`. */
export function kid(e: XmlElement | undefined, name: string): XmlElement | undefined {
  return e ? kids(e, name)[0] : undefined;
}

/** Follow a path of child names: path(chartSpace, "c:chart", "c:plotArea"). */
export function path(e: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = e;
  for (const n of names) cur = kid(cur, n);
  return cur;
}

/** Every descendant element named `name`, in document order. */
export function descendants(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (x: XmlElement): void => {
    for (const c of kids(x)) {
      if (c.q === name) out.push(c);
      walk(c);
    }
  };
  walk(e);
  return out;
}

/** The value of the attribute of canonical name `name` ("r:id", "val"). */
export function attr(e: XmlElement | undefined, name: string): string | undefined {
  if (!e) return undefined;
  const k = (e.qa ?? e.attrs.map(([n]) => n)).indexOf(name);
  return k < 0 ? undefined : e.attrs[k][1];
}

/** Set an unprefixed attribute ("val"), adding it when missing. */
export function setAttr(e: XmlElement, name: string, value: string): void {
  const a = e.attrs.find(([k]) => k === name);
  if (a) a[1] = value;
  else {
    e.attrs.push([name, value]);
    e.qa?.push(name);
  }
}

/** All text inside an element, concatenated. */
export function textOf(e: XmlElement | undefined): string {
  if (!e) return "";
  return e.children
    .map((c) => (c.type === "text" ? c.text : c.type === "element" ? textOf(c) : ""))
    .join("");
}

/** The local part of a prefixed name: "c:lineChart" → "lineChart" (pass an element's `q`). */
export function local(name: string): string {
  const k = name.indexOf(":");
  return k < 0 ? name : name.slice(k + 1);
}
