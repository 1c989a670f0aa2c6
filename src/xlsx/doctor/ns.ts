/**
 * Namespaces: OOXML parts may bind any prefix to a namespace (`<x:workbook>` as the Open XML SDK
 * and ClosedXML write, a default-namespace `<chartSpace>`, `rel:id`), and Strict OOXML uses other
 * URIs (http://purl.oclc.org/ooxml/…) for the same vocabularies. After parsing, every element and
 * attribute gets a canonical name (`q`): the usual prefix of its namespace ("c:", "a:", "xdr:",
 * "r:", none for SpreadsheetML and package relationships) and its local name, whatever the part
 * wrote. The doctor matches on canonical names only. Elements the fix creates carry canonical
 * names, and are written with the prefix the part already uses for their namespace.
 */
import type { XmlDocument, XmlElement } from "./xml-types";

/** Canonical prefix → [transitional URI, Strict URI]. */
const VOCABULARIES: Record<string, [string, string]> = {
  c: [
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://purl.oclc.org/ooxml/drawingml/chart",
  ],
  a: [
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
  ],
  xdr: [
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  ],
  r: [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ],
  "": [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ],
  pr: [
    "http://schemas.openxmlformats.org/package/2006/relationships",
    "http://schemas.openxmlformats.org/package/2006/relationships",
  ],
  mc: [
    "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "http://schemas.openxmlformats.org/markup-compatibility/2006",
  ],
};

/** Each vocabulary's URIs (transitional and strict) → its canonical prefix. */
function canonicalPrefixes(): Map<string, string> {
  const m = new Map<string, string>();
  for (const [prefix, uris] of Object.entries(VOCABULARIES))
    for (const u of uris) m.set(u, prefix === "pr" ? "" : prefix);
  return m;
}

// pure: a bundle that never reads a file (the task pane) drops the table
const CANONICAL = /* @__PURE__ */ canonicalPrefixes();

const STRICT = "http://purl.oclc.org/ooxml/";

type Scope = ReadonlyMap<string, string>;

/** Set the canonical names of every element and attribute under `root` (in place). */
export function resolveNames(root: XmlElement): void {
  const walk = (e: XmlElement, outer: Scope): void => {
    let scope = outer;
    for (const [k, v] of e.attrs) {
      if (k !== "xmlns" && !k.startsWith("xmlns:")) continue;
      if (scope === outer) scope = new Map(outer);
      (scope as Map<string, string>).set(k === "xmlns" ? "" : k.slice(6), v);
    }
    e.q = canonical(e.name, scope, true);
    e.qa = e.attrs.map(([k]) =>
      k === "xmlns" || k.startsWith("xmlns:") ? k : canonical(k, scope, false)
    );
    for (const c of e.children) if (c.type === "element") walk(c, scope);
  };
  walk(root, new Map());
}

/**
 * "x:sheet" with x bound to SpreadsheetML → "sheet"; a name in another namespace → "{uri}local",
 * which no canonical name can equal; an unbound prefix (or no namespace at all) stays as written.
 */
function canonical(name: string, scope: Scope, element: boolean): string {
  const k = name.indexOf(":");
  const prefix = k < 0 ? "" : name.slice(0, k);
  const localName = k < 0 ? name : name.slice(k + 1);
  if (k < 0 && !element) return name; // unprefixed attributes are in no namespace
  const uri = scope.get(prefix);
  if (!uri) return name;
  const p = CANONICAL.get(uri);
  if (p === undefined) return `{${uri}}${localName}`;
  return p ? `${p}:${localName}` : localName;
}

/**
 * Give elements the fix created (`fresh`) the prefix the document binds to their namespace,
 * declaring it on the root when the part has no binding for it yet (Strict URIs in a Strict part).
 */
export function localizeNames(doc: XmlDocument): void {
  const declared = new Map<string, string>(); // URI → prefix, from the root's declarations
  for (const [k, v] of doc.root.attrs) {
    if (k === "xmlns") declared.set(v, "");
    else if (k.startsWith("xmlns:") && !declared.has(v)) declared.set(v, k.slice(6));
  }
  const strict = [...declared.keys()].some((u) => u.startsWith(STRICT));
  const prefixFor = (canonicalPrefix: string): string => {
    const uris = VOCABULARIES[canonicalPrefix];
    if (!uris) return canonicalPrefix;
    for (const u of uris) if (declared.has(u)) return declared.get(u)!;
    const uri = uris[strict ? 1 : 0];
    const taken = new Set(
      doc.root.attrs.filter(([k]) => k.startsWith("xmlns:")).map(([k]) => k.slice(6))
    );
    let p = canonicalPrefix;
    for (let n = 1; taken.has(p); n++) p = `${canonicalPrefix}${n}`;
    doc.root.attrs.push([`xmlns:${p}`, uri]);
    doc.root.qa?.push(`xmlns:${p}`);
    declared.set(uri, p);
    return p;
  };
  const walk = (e: XmlElement): void => {
    if (e.fresh) {
      const k = e.q.indexOf(":");
      if (k > 0) {
        const p = prefixFor(e.q.slice(0, k));
        e.name = p ? `${p}:${e.q.slice(k + 1)}` : e.q.slice(k + 1);
      }
      delete e.fresh;
    }
    for (const c of e.children) if (c.type === "element") walk(c);
  };
  walk(doc.root);
}
