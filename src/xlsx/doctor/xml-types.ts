/**
 * The doctor's XML tree: elements, text and raw nodes, and a parsed part. Its own file so that the
 * parser (./xml) and the namespace resolver (./ns) both import it and neither imports the other.
 */
export interface XmlElement {
  type: "element";
  /** The name as written ("x:sheet"). */
  name: string;
  /** The canonical name ("sheet", "c:lineChart"): the usual prefix of its namespace (./ns). */
  q: string;
  /** Attributes in document order, values decoded. */
  attrs: [string, string][];
  /** Canonical attribute names, parallel to `attrs` ("r:id" whatever prefix the part binds). */
  qa?: string[];
  /** Created by the fix: written with the document's prefix for its namespace when serialized. */
  fresh?: boolean;
  children: XmlNode[];
}

/** Decoded character data (CDATA is read as text). */
export interface XmlText {
  type: "text";
  text: string;
}

/** Comments and processing instructions inside the root, kept verbatim. */
export interface XmlRaw {
  type: "raw";
  raw: string;
}

export type XmlNode = XmlElement | XmlText | XmlRaw;

/** A parsed part: everything before the root (declaration, comments) verbatim, the root, and what follows it. */
export interface XmlDocument {
  prolog: string;
  root: XmlElement;
  epilog: string;
}
