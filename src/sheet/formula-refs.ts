/**
 * The one reader of references in en-US A1 formula text. {@link tokenizeFormula} splits a formula
 * into tokens (strings, sheet-qualified references, ranges, whole columns and rows, names, function
 * names, numbers, errors, operators) such that joining their `text` gives the formula back, and the
 * rewrites every writer needs are built on it: {@link shiftRows} (fill-down) and
 * {@link renameSheetRefs} (a sheet renamed). Column letters and sheet quoting live here too, so
 * that writing a reference and reading one follow the same rules. No regular expression here needs
 * a look-behind (ES2018), which Office 2019's web views cannot parse.
 */

/** The last column and row of a worksheet: XFD and 1,048,576. */
export const MAX_COL = 16383;
export const MAX_ROW = 1048575;

/** 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD". */
export function colLetter(col: number): string {
  if (!Number.isInteger(col) || col < 0 || col > MAX_COL)
    throw new RangeError(`column index out of range: ${col}`);
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "XFD" → 16383 (letters in either case). */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "Sheet1" stays bare; anything else is quoted, with ' doubled: "It's run" → "'It''s run'". */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/**
 * One corner of a reference, 0-based: a cell has both parts, a whole column (A:A) only `col`, a
 * whole row (1:1) only `row`; `absCol`/`absRow` say which parts carry a $.
 */
export interface Corner {
  col?: number;
  row?: number;
  absCol: boolean;
  absRow: boolean;
}

/** The sheet in front of a reference or name, unquoted ("Bob's run"); `book` for [1]Sheet1!. */
export interface SheetPrefix {
  name: string;
  book?: string;
}

/** One piece of a formula; `text` is exactly what the formula holds there. */
export type FormulaToken =
  | { kind: "ref"; text: string; sheet?: SheetPrefix; start: Corner; end?: Corner }
  | { kind: "name"; text: string; sheet?: SheetPrefix; name: string }
  | { kind: "string"; text: string; value: string }
  | {
      kind: "function" | "bool" | "number" | "error" | "op" | "space" | "other";
      text: string;
    };

export type RefToken = Extract<FormulaToken, { kind: "ref" }>;

// Characters of a name or a bare sheet name: ASCII letters, digits, _ . \ and anything non-ASCII
// (Excel's operators are all ASCII, so a non-ASCII character outside a string is part of a name).
const WORD_START = "A-Za-z_\\\\\\u0080-\\uffff";
const WORD = `[${WORD_START}][${WORD_START}0-9.]*`;
const WORD_RE = new RegExp(WORD, "y");
const BOUNDARY = new RegExp(`[${WORD_START}0-9.(!$]`);
const QUOTED_PREFIX = /'((?:[^']|'')+)'!/y;
const BARE_PREFIX = new RegExp(`(?:\\[(\\d+)\\])?(${WORD})!`, "y");
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y;
const ROWS = /(\$?)(\d+):(\$?)(\d+)/y;
const STRING = /"(?:[^"]|"")*"/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/iy;
const SPACE = /\s+/y;
const OPERATOR = /<=|>=|<>|[-+*/^&=<>%(),;:{}!@#[\]]/y;

function at(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

// One bound of a reference, or null beyond XFD / 1,048,576; the other part is absent, not absolute.
const colOf = (dollar: string, letters: string): Corner | null => {
  const col = colIndex(letters);
  return col <= MAX_COL ? { col, absCol: dollar === "$", absRow: false } : null;
};
const rowOf = (dollar: string, digits: string): Corner | null => {
  const row = Number(digits) - 1;
  return row >= 0 && row <= MAX_ROW ? { row, absRow: dollar === "$", absCol: false } : null;
};

/** A cell "$C5" at `i`, or null when it is none or beyond XFD / 1,048,576. */
function cellAt(text: string, i: number): { corner: Corner; end: number } | null {
  const m = at(CELL, text, i);
  const c = m && colOf(m[1], m[2]);
  const r = m && rowOf(m[3], m[4]);
  return m && c && r
    ? {
        corner: { col: c.col, absCol: c.absCol, row: r.row, absRow: r.absRow },
        end: i + m[0].length,
      }
    : null;
}

/** The area (cell, range, whole columns, whole rows) starting at `i`, ending at a word's end. */
function areaAt(text: string, i: number): { start: Corner; end?: Corner; to: number } | null {
  const done = (to: number) => to >= text.length || !BOUNDARY.test(text[to]);
  const a = cellAt(text, i);
  if (a && text[a.end] === ":") {
    const b = cellAt(text, a.end + 1);
    if (b && done(b.end)) return { start: a.corner, end: b.corner, to: b.end };
  }
  if (a && done(a.end)) return { start: a.corner, to: a.end };
  for (const [re, read] of [
    [COLS, colOf],
    [ROWS, rowOf],
  ] as const) {
    const m = at(re, text, i);
    const from = m && read(m[1], m[2]);
    const to = m && read(m[3], m[4]);
    if (m && from && to && done(i + m[0].length))
      return { start: from, end: to, to: i + m[0].length };
  }
  return null;
}

/** A reference or a name after an optional sheet prefix, at `i`. */
function refOrNameAt(text: string, i: number, sheet?: SheetPrefix): [FormulaToken, number] | null {
  const area = areaAt(text, i);
  if (area) {
    const tok: RefToken = { kind: "ref", text: "", start: area.start };
    if (area.end) tok.end = area.end;
    if (sheet) tok.sheet = sheet;
    return [tok, area.to];
  }
  const w = at(WORD_RE, text, i);
  if (!w) return null;
  const to = i + w[0].length;
  if (!sheet && text[to] === "(") return [{ kind: "function", text: "" }, to];
  if (!sheet && /^(true|false)$/i.test(w[0])) return [{ kind: "bool", text: "" }, to];
  return [{ kind: "name", text: "", name: w[0], ...(sheet ? { sheet } : {}) }, to];
}

/** The token at `i` and where it ends. */
function tokenAt(text: string, i: number): [FormulaToken, number] {
  const ch = text[i];
  const simple = (kind: FormulaToken["kind"], re: RegExp): [FormulaToken, number] | null => {
    const m = at(re, text, i);
    return m && m[0] ? [{ kind, text: "" } as FormulaToken, i + m[0].length] : null;
  };
  if (ch === '"') {
    const m = at(STRING, text, i);
    if (m)
      return [
        { kind: "string", text: "", value: m[0].slice(1, -1).replace(/""/g, '"') },
        i + m[0].length,
      ];
  }
  const quoted = ch === "'" ? at(QUOTED_PREFIX, text, i) : null;
  if (quoted) {
    const found = refOrNameAt(text, i + quoted[0].length, { name: quoted[1].replace(/''/g, "'") });
    if (found) return found;
  }
  const bare = at(BARE_PREFIX, text, i);
  if (bare) {
    const sheet: SheetPrefix = {
      name: bare[2],
      ...(bare[1] !== undefined ? { book: bare[1] } : {}),
    };
    const found = refOrNameAt(text, i + bare[0].length, sheet);
    if (found) return found;
  }
  return (
    refOrNameAt(text, i) ??
    simple("error", ERROR) ??
    simple("number", NUMBER) ??
    simple("space", SPACE) ??
    simple("op", OPERATOR) ?? [{ kind: "other", text: "" }, i + 1]
  );
}

/**
 * Split an en-US A1 formula into tokens; joining their `text` gives `formula` back, whatever it
 * holds. "LR" is a name and "LR1" a cell; "XFE1" and "A1048577" lie beyond the sheet, so names;
 * "LOG10(" is a function; "A1" inside "…" is part of a string.
 */
export function tokenizeFormula(formula: string): FormulaToken[] {
  const out: FormulaToken[] = [];
  for (let i = 0; i < formula.length;) {
    const [tok, to] = tokenAt(formula, i);
    tok.text = formula.slice(i, to);
    out.push(tok);
    i = to;
  }
  return out;
}

const cornerText = (c: Corner): string =>
  (c.col === undefined ? "" : `${c.absCol ? "$" : ""}${colLetter(c.col)}`) +
  (c.row === undefined ? "" : `${c.absRow ? "$" : ""}${c.row + 1}`);

/** The text of a reference: "'Bob''s run'!$A$1:B2", "A:A", "1:1"; capitals, as Excel stores it. */
export function refText(ref: Omit<RefToken, "kind" | "text">): string {
  const book = ref.sheet?.book === undefined ? "" : `[${ref.sheet.book}]`;
  const sheet = ref.sheet ? `${book}${quoteSheet(ref.sheet.name)}!` : "";
  return sheet + cornerText(ref.start) + (ref.end ? `:${cornerText(ref.end)}` : "");
}

/** The sheet prefix of a token's text as written ("'Bob''s run'!"), or "" (no name or cell holds a "!"). */
const prefixOf = (text: string): string => text.slice(0, text.lastIndexOf("!") + 1);

/**
 * Rewrite a formula's references and sheet-qualified names: `fn` returns the new text of a token,
 * or undefined to keep it. Everything else (strings included) stays as written.
 */
export function rewriteFormula(
  formula: string,
  fn: (tok: Extract<FormulaToken, { kind: "ref" | "name" }>) => string | undefined
): string {
  return tokenizeFormula(formula)
    .map((t) => (t.kind === "ref" || t.kind === "name" ? (fn(t) ?? t.text) : t.text))
    .join("");
}

/**
 * Shift every relative row reference of an en-US A1 formula down by `d` rows (up if negative), as
 * Excel does when a formula is filled down: "=C5-LearningRate*L5" shifted by 2 is
 * "=C7-LearningRate*L7"; "$C$2", "C$2" and whole columns stay; text inside "…" is left alone. A
 * moved reference is written in capitals, as Excel stores it; its sheet prefix stays as written.
 * @throws RangeError when a reference would leave the sheet.
 */
export function shiftRows(formula: string, d: number): string {
  if (d === 0) return formula;
  const move = (c: Corner, text: string): Corner => {
    if (c.row === undefined || c.absRow) return c;
    const row = c.row + d;
    if (row < 0 || row > MAX_ROW) throw new RangeError(`shifting ${text} by ${d} leaves the sheet`);
    return { ...c, row };
  };
  return rewriteFormula(formula, (t) => {
    if (t.kind !== "ref") return undefined;
    const start = move(t.start, t.text);
    const end = t.end && move(t.end, t.text);
    if (start === t.start && end === t.end) return undefined;
    return prefixOf(t.text) + cornerText(start) + (end ? `:${cornerText(end)}` : "");
  });
}

/**
 * Rewrite the sheet prefixes of an en-US formula through `renamed` (old name → new name, matched
 * case-insensitively as Excel does), in one pass so that chains such as A → B, B → C cannot mix.
 * Only the prefix changes (quoted as the new name needs); another workbook's [1]Sheet! stays, and
 * so does text inside "…": `="'2 neurons'!A1"` stays as it is.
 */
export function renameSheetRefs(formula: string, renamed: ReadonlyMap<string, string>): string {
  if (!renamed.size) return formula;
  const lower = new Map<string, string>();
  for (const [a, b] of renamed) if (!lower.has(a.toLowerCase())) lower.set(a.toLowerCase(), b);
  return rewriteFormula(formula, (t) => {
    if (!t.sheet || t.sheet.book !== undefined) return undefined;
    const to = lower.get(t.sheet.name.toLowerCase());
    if (to === undefined) return undefined;
    return `${quoteSheet(to)}!${t.text.slice(prefixOf(t.text).length)}`;
  });
}
