/**
 * A worksheet's cells, scanned from its XML text without building a tree: only the rows a chart
 * uses (and a few above them) are read, every other row is skipped at the speed of `indexOf`. So a
 * sheet of a million rows costs its text and the cells asked for. Row numbers and cell addresses
 * are checked against what a sheet can hold; a bad one is refused naming the part and the value.
 */
import type { CellValue, SheetContext } from "../../doctor";
import { damaged, grouped, MAX_COLS, MAX_ROWS, shown, wholeIn } from "./limits";
import { decode, XmlError } from "./xml";

const ROW = /<((?:[A-Za-z_][-\w.]*:)?)row(?=[\s/>])([^>]*)>/g;
const CELL = /<((?:[A-Za-z_][-\w.]*:)?)c(?=[\s/>])([^>]*)>/g;
const ATTR = /([A-Za-z_][-\w.:]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const VALUE = /<(?:[A-Za-z_][-\w.]*:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[A-Za-z_][-\w.]*:)?v>/;
const TEXT = /<((?:[A-Za-z_][-\w.]*:)?)t(?:\s[^>]*)?>([^<]*)<\/\1t>/g;
const PHONETIC = /<((?:[A-Za-z_][-\w.]*:)?)rPh[\s>][\s\S]*?<\/\1rPh>/g;

/** The rows [top, bottom] (0-based) of a sheet part's cells as a window from column A. */
export function scanSheet(
  name: string,
  part: string,
  xml: string,
  strings: readonly string[],
  rows: { top: number; bottom: number }
): SheetContext {
  const values: CellValue[][] = [];
  const start = sheetDataStart(xml);
  let last = -1; // the last row read into the window
  if (start >= 0) {
    const end = xml.indexOf("sheetData>", start);
    ROW.lastIndex = start;
    let r = -1;
    for (let m = ROW.exec(xml); m && (end < 0 || m.index < end); m = ROW.exec(xml)) {
      const attrs = m[2];
      const selfClosed = attrs.endsWith("/");
      const rText = attrOf(attrs, "r");
      if (rText === undefined) r++;
      else {
        const n = wholeIn(rText, 1, MAX_ROWS);
        if (n === undefined) throw badRow(part, rText);
        r = n - 1;
      }
      if (r >= MAX_ROWS) throw badRow(part, String(r + 1));
      const bodyStart = ROW.lastIndex;
      const close = selfClosed ? -1 : xml.indexOf(`</${m[1]}row>`, bodyStart);
      if (!selfClosed && close < 0) throw damaged(part, `row ${r + 1} is not closed`);
      if (r > rows.bottom) break;
      if (!selfClosed) ROW.lastIndex = close;
      if (selfClosed || r < rows.top) continue;
      const line = readRow(xml.slice(bodyStart, close), part, r, strings);
      if (line.length) {
        values[r - rows.top] = line;
        last = r;
      }
    }
  }
  values.length = last < rows.top ? 0 : last - rows.top + 1;
  return { name, top: rows.top, left: 0, values, complete: true };
}

/** Where the sheetData element's content starts, or -1 when the sheet has none. */
function sheetDataStart(xml: string): number {
  const m = /<(?:[A-Za-z_][-\w.]*:)?sheetData(?=[\s/>])[^>]*>/.exec(xml);
  return m && !m[0].endsWith("/>") ? m.index + m[0].length : -1;
}

function badRow(part: string, text: string) {
  return damaged(
    part,
    `row number ${shown(text)} is not a row of a sheet (1 to ${grouped(MAX_ROWS)})`
  );
}

/** The cells of one row's XML, by column (holes for the missing ones). */
function readRow(body: string, part: string, r: number, strings: readonly string[]): CellValue[] {
  const line: CellValue[] = [];
  let col = -1;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
    const attrs = m[2];
    const ref = attrOf(attrs, "r");
    if (ref === undefined) col++;
    else {
      const at = cellOf(ref);
      if (!at || at.col >= MAX_COLS || at.row !== r)
        throw damaged(
          part,
          `cell address ${shown(ref)} in row ${r + 1} is not a cell of that row (columns A to XFD)`
        );
      col = at.col;
    }
    if (col >= MAX_COLS)
      throw damaged(part, `row ${r + 1} has more than ${grouped(MAX_COLS)} cells`);
    let content = "";
    if (!attrs.endsWith("/")) {
      const close = body.indexOf(`</${m[1]}c>`, CELL.lastIndex);
      if (close < 0) throw damaged(part, `a cell of row ${r + 1} is not closed`);
      content = body.slice(CELL.lastIndex, close);
      CELL.lastIndex = close;
    }
    line[col] = cellValue(attrOf(attrs, "t") ?? "n", content, strings, part);
  }
  return line;
}

function cellValue(
  t: string,
  content: string,
  strings: readonly string[],
  part: string
): CellValue {
  try {
    if (t === "inlineStr") {
      const runs = content.replace(PHONETIC, "");
      let s = "";
      TEXT.lastIndex = 0;
      for (let m = TEXT.exec(runs); m; m = TEXT.exec(runs)) s += decode(m[2]);
      return s;
    }
    const v = VALUE.exec(content);
    if (!v) return null;
    const raw = decode(v[1]);
    switch (t) {
      case "s": {
        const k = wholeIn(raw, 0, strings.length - 1);
        return k === undefined ? null : strings[k];
      }
      case "str":
        return raw;
      case "b":
        return raw.trim() === "1";
      case "e":
        return null;
      default: {
        const n = Number(raw);
        return raw.trim() !== "" && Number.isFinite(n) ? n : null;
      }
    }
  } catch (err) {
    if (err instanceof XmlError) throw damaged(part, err.message);
    throw err;
  }
}

/** "B12" → { row: 11, col: 1 } (0-based), or undefined; "$" signs are not allowed in a cell's r. */
function cellOf(ref: string): { row: number; col: number } | undefined {
  let k = 0;
  let col = 0;
  for (; k < ref.length && k < 4; k++) {
    const c = ref.charCodeAt(k) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (k === 0 || k > 3) return undefined;
  const row = wholeIn(ref.slice(k), 1, MAX_ROWS);
  return row === undefined ? undefined : { row: row - 1, col: col - 1 };
}

/** One attribute's decoded value from a tag's attribute text. */
function attrOf(attrs: string, name: string): string | undefined {
  // The common case first: ` r="B12"` written plainly.
  const plain = attrs.indexOf(` ${name}="`);
  if (plain >= 0) {
    const end = attrs.indexOf('"', plain + name.length + 3);
    const v = attrs.slice(plain + name.length + 3, end);
    if (end > 0 && !v.includes("&")) return v;
  }
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs))
    if (m[1] === name) {
      try {
        return decode(m[2] ?? m[3]);
      } catch {
        return m[2] ?? m[3];
      }
    }
  return undefined;
}
