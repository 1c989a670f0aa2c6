/** A strict little XML reader for the manifest test: elements, attributes, text; throws on anything malformed. */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, i).split("\n").length;
    throw new SyntaxError(`${msg} at line ${line}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(src[i] ?? "")) i++;
      if (src.startsWith("<?", i)) {
        const end = src.indexOf("?>", i);
        if (end < 0) fail("unclosed <?");
        i = end + 2;
      } else if (src.startsWith("<!--", i)) {
        const end = src.indexOf("-->", i);
        if (end < 0) fail("unclosed comment");
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== "<") fail("expected <");
    i++;
    const name = NAME.exec(src.slice(i))?.[0] ?? fail("bad element name");
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(src[i])) i++;
      if (src.startsWith("/>", i)) {
        i += 2;
        return { name, attrs, children: [], text: "" };
      }
      if (src[i] === ">") {
        i++;
        break;
      }
      const an = NAME.exec(src.slice(i))?.[0] ?? fail(`bad attribute in <${name}>`);
      i += an.length;
      if (src[i] !== "=") fail(`attribute ${an} without value`);
      const q = src[i + 1];
      if (q !== '"' && q !== "'") fail(`attribute ${an} not quoted`);
      const end = src.indexOf(q, i + 2);
      if (end < 0) fail("unclosed attribute");
      if (an in attrs) fail(`duplicate attribute ${an}`);
      attrs[an] = src.slice(i + 2, end);
      if (attrs[an].includes("<")) fail(`< in attribute ${an}`);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      if (i >= src.length) fail(`unclosed <${name}>`);
      if (src.startsWith("<!--", i)) {
        const end = src.indexOf("-->", i);
        if (end < 0) fail("unclosed comment");
        i = end + 3;
      } else if (src.startsWith("</", i)) {
        i += 2;
        const close = NAME.exec(src.slice(i))?.[0];
        if (close !== name) fail(`</${close}> closes <${name}>`);
        i += name.length;
        while (/\s/.test(src[i])) i++;
        if (src[i] !== ">") fail("bad closing tag");
        i++;
        return { name, attrs, children, text: text.trim() };
      } else if (src[i] === "<") {
        children.push(element());
      } else {
        const end = src.indexOf("<", i);
        text += src.slice(i, end < 0 ? src.length : end);
        i = end < 0 ? src.length : end;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < src.length) fail("content after the root element");
  return root;
}

/** Local name without prefix: "bt:Image" → "Image". */
export const local = (name: string): string => name.slice(name.indexOf(":") + 1);

/** Every element below `e` (depth first). */
export function descendants(e: XmlElement): XmlElement[] {
  return e.children.flatMap((c) => [c, ...descendants(c)]);
}
