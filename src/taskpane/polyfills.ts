/**
 * The few built-ins newer than ES2017 that the pane uses, for the web views of Office 2019 and
 * older Macs (EdgeHTML 18, Safari before 14), which lack them: Array flat/flatMap,
 * Object.fromEntries, replaceChildren, and UTF-8 TextEncoder/TextDecoder (the chart doctor reads
 * .xlsx files). Each is installed only where missing, so current engines keep their own.
 * tsconfig.pane.json allows exactly these beyond ES2017 (lib ES2019.Array, ES2019.Object); a newer
 * built-in fails the pane's build until it is added here too. (DOM APIs are not checked by the
 * build: tests/e2e/old-webview.test.ts runs the pane with these removed.)
 */

function define(target: object, name: string, value: unknown): void {
  if (!(name in target))
    Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

/** Array.prototype.flat (ES2019): nested arrays spread `depth` levels deep (default 1). */
export function flat<T>(this: T[], depth = 1): unknown[] {
  const out: unknown[] = [];
  const walk = (items: unknown[], d: number): void => {
    for (const item of items) {
      if (Array.isArray(item) && d > 0) walk(item, d - 1);
      else out.push(item);
    }
  };
  walk(this, Math.floor(Number(depth)) || 0);
  return out;
}

/** Array.prototype.flatMap (ES2019): map, then flatten one level. */
export function flatMap<T, U>(
  this: T[],
  fn: (value: T, index: number, array: T[]) => U | U[],
  thisArg?: unknown
): U[] {
  const out: U[] = [];
  this.forEach((value, i, array) => {
    const r = fn.call(thisArg, value, i, array);
    if (Array.isArray(r)) out.push(...r);
    else out.push(r);
  });
  return out;
}

/** Object.fromEntries (ES2019): an object from [key, value] pairs. */
export function fromEntries(
  entries: Iterable<readonly [PropertyKey, unknown]>
): Record<PropertyKey, unknown> {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** ParentNode.replaceChildren (DOM, 2020): remove every child, then append `nodes`. */
function replaceChildren(
  this: Element | Document | DocumentFragment,
  ...nodes: (Node | string)[]
): void {
  while (this.lastChild) this.removeChild(this.lastChild);
  this.append(...nodes);
}

/** TextEncoder (UTF-8 only, as the standard one). */
export class Utf8Encoder {
  readonly encoding = "utf-8";
  encode(text = ""): Uint8Array {
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else
        out.push(
          0xf0 | (c >> 18),
          0x80 | ((c >> 12) & 63),
          0x80 | ((c >> 6) & 63),
          0x80 | (c & 63)
        );
    }
    return new Uint8Array(out);
  }
}

/** TextDecoder (UTF-8 only): well-formed sequences become their code points, anything else U+FFFD. */
export class Utf8Decoder {
  readonly encoding = "utf-8";
  decode(input?: ArrayBuffer | ArrayBufferView): string {
    const b =
      input === undefined
        ? new Uint8Array(0)
        : ArrayBuffer.isView(input)
          ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
          : new Uint8Array(input);
    let out = "";
    for (let i = 0; i < b.length;) {
      const c = b[i];
      const n =
        c < 0x80
          ? 0
          : c >= 0xc2 && c < 0xe0
            ? 1
            : c >= 0xe0 && c < 0xf0
              ? 2
              : c >= 0xf0 && c < 0xf5
                ? 3
                : -1;
      let cp = n === 0 ? c : n === 1 ? c & 31 : n === 2 ? c & 15 : c & 7;
      let ok = n >= 0 && i + n < b.length + (n === 0 ? 1 : 0);
      for (let k = 1; ok && k <= n; k++) {
        if ((b[i + k] & 0xc0) !== 0x80) ok = false;
        else cp = (cp << 6) | (b[i + k] & 63);
      }
      ok =
        ok &&
        cp >= [0, 0x80, 0x800, 0x10000][n] &&
        cp <= 0x10ffff &&
        !(cp >= 0xd800 && cp <= 0xdfff);
      out += ok ? String.fromCodePoint(cp) : "\ufffd";
      i += ok ? n + 1 : 1;
    }
    return out;
  }
}

define(Array.prototype, "flat", flat);
define(Array.prototype, "flatMap", flatMap);
define(Object, "fromEntries", fromEntries);
if (typeof Element !== "undefined")
  for (const p of [Element.prototype, Document.prototype, DocumentFragment.prototype])
    define(p, "replaceChildren", replaceChildren);
if (typeof TextEncoder === "undefined") define(window, "TextEncoder", Utf8Encoder);
if (typeof TextDecoder === "undefined") define(window, "TextDecoder", Utf8Decoder);
