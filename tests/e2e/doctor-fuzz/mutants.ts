/**
 * A seeded mutator of workbooks for the doctor's fuzz test: from one seed, one base book and one
 * mutation (zip structure, cut and garbled XML, semantic edits of counts, indexes, ranges and
 * references, deep nesting, bombs and lying sizes, duplicate and odd entry names, renamed formats).
 * The same seed always gives the same bytes.
 */
import { strToU8, unzipSync, zipSync, type Unzipped } from "fflate";

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  /** What was done, for a failure's report. */
  what: string;
  bytes: Uint8Array;
  ext: ".xlsx" | ".xlsm";
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function zipped(files: Unzipped): Uint8Array {
  return zipSync(files, { level: 6, mtime: new Date("2024-03-05T10:20:30Z") });
}

/** Edit one XML part chosen by `which` (a regex over names); the zip is rebuilt. */
function editPart(
  book: Uint8Array,
  r: Rand,
  which: RegExp,
  edit: (xml: string) => string
): [string, Uint8Array] {
  const files = unzipSync(book);
  const names = Object.keys(files).filter((n) => which.test(n));
  if (!names.length) return ["no such part; unchanged", book];
  const name = pick(r, names);
  files[name] = strToU8(edit(dec(files[name])));
  return [name, zipped(files)];
}

/** Replace one random match of `re` in the text by `to(match)`. */
function replaceOne(xml: string, re: RegExp, r: Rand, to: (m: string) => string): string {
  const hits = [...xml.matchAll(new RegExp(re.source, "g"))];
  if (!hits.length) return xml;
  const h = pick(r, hits);
  return xml.slice(0, h.index) + to(h[0]) + xml.slice(h.index! + h[0].length);
}

const HUGE = [
  "2147483648",
  "4294967296",
  "1e9",
  "-1",
  "abc",
  "1.5",
  "",
  "99999999999999999999",
  "0x10",
];
const RANGES = [
  "Sheet1!$A$1:$XFD$1048576",
  "Sheet1!$B$2:$B$1048576",
  "Sheet1!$B$2:$B$1048577",
  "Sheet1!$XFE$1:$XFE$2",
  "Nope!$A$1:$A$3",
  "Sheet1!$A:$A",
  "#REF!",
  "",
  "'Sheet1'!$B$2:$C$99",
  "[1]Sheet1!$A$1:$A$3",
];
const ROWS = ["abc", "1.5", "0", "-3", "1048577", "4294967297", "", "1e3"];

/** The mutations, each taking a base book and the generator. */
const MUTATIONS: Record<string, (b: Uint8Array, r: Rand) => [string, Uint8Array]> = {
  truncate: (b, r) => {
    const n = int(r, b.length);
    return [`cut at ${n}`, b.slice(0, n)];
  },
  flipBytes: (b, r) => {
    const out = b.slice();
    const k = 1 + int(r, 8);
    for (let i = 0; i < k; i++) out[int(r, out.length)] = int(r, 256);
    return [`${k} random bytes`, out];
  },
  directory: (b, r) => {
    // Garble a field of the end record or of a central record: counts, sizes, offsets.
    const out = b.slice();
    const v = new DataView(out.buffer);
    const eocd = out.length - 22;
    const at = pick(r, [eocd + 8, eocd + 10, eocd + 12, eocd + 16]);
    const value = pick(r, [0, 1, 0xffff, 0xffffffff, int(r, out.length)]);
    if (at === eocd + 8 || at === eocd + 10) v.setUint16(at, value & 0xffff, true);
    else v.setUint32(at, value >>> 0, true);
    return [`end record byte ${at - eocd} = ${value}`, out];
  },
  centralSize: (b, r) => {
    const out = b.slice();
    const v = new DataView(out.buffer);
    const records: number[] = [];
    for (let o = 0; o + 46 < out.length; o++)
      if (v.getUint32(o, true) === 0x02014b50) records.push(o);
    if (!records.length) return ["no central record", out];
    const o = pick(r, records);
    const field = pick(r, [20, 24, 42, 10]);
    const value = pick(r, [0, 2000, 0xffffffff, 0x7fffffff, 99]);
    if (field === 10) v.setUint16(o + field, value & 0xffff, true);
    else v.setUint32(o + field, value >>> 0, true);
    return [`central record at ${o}: field ${field} = ${value}`, out];
  },
  cutXml: (b, r) =>
    label(
      editPart(b, r, /\.(xml|rels)$/, (x) => x.slice(0, int(r, x.length))),
      "cut XML"
    ),
  garbleXml: (b, r) =>
    label(
      editPart(b, r, /\.(xml|rels)$/, (x) => {
        let s = x;
        for (let i = 0; i < 1 + int(r, 5); i++) {
          const at = int(r, s.length);
          s =
            s.slice(0, at) +
            pick(r, [
              "<",
              ">",
              "&",
              '"',
              "</a>",
              "&#x110000;",
              "&#0;",
              "&bogus;",
              "<!DOCTYPE x [<!ENTITY a 'b'>]>",
              "\u0000",
              "",
            ]) +
            s.slice(at + int(r, 3));
        }
        return s;
      }),
      "garbled XML"
    ),
  ptCount: (b, r) => {
    const v = pick(r, HUGE);
    return label(
      editPart(b, r, /charts\/chart\d*\.xml$/, (x) =>
        replaceOne(x, /<c:ptCount val="[^"]*"\/>/, r, () => `<c:ptCount val="${v}"/>`)
      ),
      `ptCount ${v}`
    );
  },
  ptIdx: (b, r) => {
    const v = pick(r, HUGE);
    return label(
      editPart(b, r, /charts\/chart\d*\.xml$/, (x) =>
        replaceOne(x, /<c:pt idx="[^"]*">/, r, () => `<c:pt idx="${v}">`)
      ),
      `pt idx ${v}`
    );
  },
  range: (b, r) => {
    const v = pick(r, RANGES);
    return label(
      editPart(b, r, /charts\/chart\d*\.xml$/, (x) =>
        replaceOne(x, /<c:f>[^<]*<\/c:f>/, r, () => `<c:f>${v}</c:f>`)
      ),
      `range ${v}`
    );
  },
  rowNumber: (b, r) => {
    const v = pick(r, ROWS);
    return label(
      editPart(b, r, /worksheets\/sheet\d*\.xml$/, (x) =>
        replaceOne(x, /<row r="[^"]*"/, r, () => `<row r="${v}"`)
      ),
      `row ${v}`
    );
  },
  cellRef: (b, r) => {
    const v = pick(r, ["XFE1", "A0", "$A$1", "1A", "AAAA1", "B99999999", ""]);
    return label(
      editPart(b, r, /worksheets\/sheet\d*\.xml$/, (x) =>
        replaceOne(x, /<c r="[^"]*"/, r, () => `<c r="${v}"`)
      ),
      `cell ${v}`
    );
  },
  reference: (b, r) => {
    const v = pick(r, [
      "rId99",
      "",
      "../../../etc/passwd",
      "/xl/nothing.xml",
      "charts/chart9.xml",
      "%zz",
      "worksheets/sheet1.xml",
    ]);
    return label(
      editPart(b, r, /\.(rels|xml)$/, (x) =>
        replaceOne(x, /(Target|r:id)="[^"]*"/, r, (m) => `${m.slice(0, m.indexOf("=") + 1)}"${v}"`)
      ),
      `reference ${v}`
    );
  },
  deepNesting: (b, r) => {
    const depth = pick(r, [300, 5000, 50000]);
    const deep = "<a:p>".repeat(depth) + "</a:p>".repeat(depth);
    return label(
      editPart(b, r, /\.xml$/, (x) => {
        const at = x.lastIndexOf("</");
        return at < 0 ? x + deep : x.slice(0, at) + deep + x.slice(at);
      }),
      `nesting ${depth}`
    );
  },
  removePart: (b, r) => {
    const files = unzipSync(b);
    const name = pick(r, Object.keys(files));
    delete files[name];
    return [`removed ${name}`, zipped(files)];
  },
  duplicateEntry: (b, r) => duplicate(b, r),
  oddNames: (b, r) => {
    const files = unzipSync(b);
    const name = pick(r, Object.keys(files));
    const to = pick(r, [
      "../evil.xml",
      "/xl/abs.xml",
      "xl\\back\\slash.xml",
      "xl/é/ü.xml",
      "x".repeat(300),
      "XL/WORKBOOK.XML",
      name.toUpperCase(),
    ]);
    const data = files[name];
    delete files[name];
    files[to] = data;
    return [`renamed ${name} to ${to}`, zipped(files)];
  },
};

function label([part, bytes]: [string, Uint8Array], what: string): [string, Uint8Array] {
  return [`${what} in ${part}`, bytes];
}

/** A copy of the book whose zip holds one of its entries twice (a stored second copy appended). */
function duplicate(book: Uint8Array, r: Rand): [string, Uint8Array] {
  const files = unzipSync(book);
  const name = pick(r, Object.keys(files));
  const second = zipSync({ [name]: [files[name], { level: 0 }] });
  // Splice: all of book's local records, the second's local record, both directories, one end record.
  const v = new DataView(book.buffer, book.byteOffset, book.byteLength);
  const eocd = book.length - 22;
  const cdOffset = v.getUint32(eocd + 16, true);
  const cdSize = v.getUint32(eocd + 12, true);
  const count = v.getUint16(eocd + 10, true);
  const v2 = new DataView(second.buffer, second.byteOffset, second.byteLength);
  const e2 = second.length - 22;
  const cd2Offset = v2.getUint32(e2 + 16, true);
  const cd2 = second.slice(cd2Offset, e2);
  new DataView(cd2.buffer).setUint32(42, cdOffset, true);
  const local2 = second.subarray(0, cd2Offset);
  const end = book.slice(eocd);
  const ev = new DataView(end.buffer);
  ev.setUint16(8, count + 1, true);
  ev.setUint16(10, count + 1, true);
  ev.setUint32(12, cdSize + cd2.length, true);
  ev.setUint32(16, cdOffset + local2.length, true);
  const parts = [book.subarray(0, cdOffset), local2, book.subarray(cdOffset, eocd), cd2, end];
  const out = new Uint8Array(parts.reduce((k, p) => k + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return [`${name} twice`, out];
}

/** Files that are not workbooks, named as one. */
const RENAMED: Record<string, () => Uint8Array> = {
  "an OLE2 file (old .xls)": () =>
    Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(1000).fill(0)]),
  "a CSV": () => strToU8("x,y\n1,32\n2,34\n"),
  "an empty file": () => new Uint8Array(0),
  "a PNG": () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  "a Word package": () =>
    zipped({
      "_rels/.rels": strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
      ),
      "word/document.xml": strToU8(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
      ),
    }),
  "an OpenDocument spreadsheet": () =>
    zipped({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet") }),
  "a zip of nothing": () => zipped({}),
};

/** Bombs: one part of 64 MiB of zeros (about 64 KiB deflated), its size stated truly, small or huge. */
function bomb(base: Uint8Array, zeros: Uint8Array, r: Rand): [string, Uint8Array] {
  const files = unzipSync(base);
  const name = pick(
    r,
    Object.keys(files).filter((n) => n.endsWith(".xml"))
  );
  const book = zipSync({ ...files, [name]: [zeros, { level: 1 }] });
  const stated = pick(r, [zeros.length, 2000, 0, 0xffffffff, 300 * 1024 * 1024]);
  const out = book.slice();
  const v = new DataView(out.buffer);
  for (let o = out.length - 22; o >= 0; o--) {
    if (v.getUint32(o, true) !== 0x02014b50) continue;
    const n = v.getUint16(o + 28, true);
    if (dec(out.subarray(o + 46, o + 46 + n)) === name) v.setUint32(o + 24, stated >>> 0, true);
  }
  return [`bomb: ${name} inflates to 64 MiB, states ${stated}`, out];
}

/** Mutant number `seed` of the given base books. */
export function mutant(seed: number, bases: readonly Uint8Array[], zeros: Uint8Array): Mutant {
  const r = rng(seed);
  const base = pick(r, bases);
  const ext = r() < 0.2 ? ".xlsm" : ".xlsx";
  const kind = r();
  if (kind < 0.05) {
    const name = pick(r, Object.keys(RENAMED));
    return { what: `renamed format: ${name}`, bytes: RENAMED[name](), ext };
  }
  if (kind < 0.08) {
    const [what, bytes] = bomb(base, zeros, r);
    return { what, bytes, ext };
  }
  // Every mutation works on a copy: `base` is shared by all mutants.
  let bytes: Uint8Array = Uint8Array.from(base);
  const steps: string[] = [];
  const n = r() < 0.8 ? 1 : 2;
  for (let k = 0; k < n; k++) {
    const name = pick(r, Object.keys(MUTATIONS));
    try {
      const [what, next] = MUTATIONS[name](bytes, r);
      steps.push(`${name}: ${what}`);
      bytes = next;
    } catch {
      steps.push(`${name}: not applicable (the bytes are no longer a zip fflate reads)`);
    }
  }
  return { what: steps.join("; "), bytes, ext };
}
