/**
 * Renaming the sheets of a multi-sheet plan: when a wanted name is taken in the workbook, every
 * reference to that sheet (formulas on any sheet of the plan, chart ranges, series names) follows
 * the new name. Pure: no Office objects here.
 */
import { renameSheetRefs } from "../sheet/formula-refs";
import type { Block, ChartSpec, ConditionalFormat, SheetPlan, Table } from "../sheet/plan";

/** The sheet prefixes of a formula renamed, by the formula tokenizer (src/sheet/formula-refs). */
export { renameSheetRefs };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rewrite sheet names inside label text ("√SSE 2 neurons" → "√SSE 2 neurons (2)"): every plan name
 * is a candidate, longest first, so "2 neurons + ReLU" is not read as "2 neurons" followed by text.
 */
function textRenamer(plans: SheetPlan[], to: (name: string) => string): (text: string) => string {
  const all = [...new Set(plans.map((p) => p.name))].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?:${all.map(escape).join("|")})(?![${LETTER_OR_DIGIT}])`, "giu");
  const before = new RegExp(`[${LETTER_OR_DIGIT}]$`, "u");
  // A negative look-behind for a letter or digit, done by hand (Office 2019's web view cannot parse
  // one): a match after a letter or digit is skipped and the search resumes one character later,
  // exactly as the engine would.
  return (text) => {
    let out = "";
    let done = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (before.test(text.slice(Math.max(0, m.index - 2), m.index))) {
        re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
        continue;
      }
      out += text.slice(done, m.index) + to(m[0]);
      done = re.lastIndex;
    }
    return out + text.slice(done);
  };
}

/**
 * Unicode letters and digits as a character class body: \p{L}\p{N} where the engine has property
 * escapes (ES2018), else Latin, Greek, Cyrillic and the letters from U+3040 up (EdgeHTML).
 */
const LETTER_OR_DIGIT = (() => {
  try {
    new RegExp("[\\p{L}\\p{N}]", "u"); // throws where property escapes are unknown
    return "\\p{L}\\p{N}";
  } catch {
    return "0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u052F\\u0660-\\u0669\\u3040-\\uD7FF\\uF900-\\uFFDC";
  }
})();

/** Header and label cells name the sheets they describe; titles and other text are left as written. */
const LABEL_STYLES = new Set(["header", "label"]);

function renameBlock(b: Block, fix: (f: string) => string, text: (t: string) => string): Block {
  return {
    ...b,
    cells: b.cells.map((row) =>
      row.map((c) => {
        if (!c) return c;
        const out = { ...c };
        if (c.formula !== undefined) out.formula = fix(c.formula);
        if (typeof c.value === "string" && c.style && LABEL_STYLES.has(c.style))
          out.value = text(c.value);
        if (c.comment !== undefined) out.comment = text(c.comment);
        return out;
      })
    ),
  };
}

function renameTable(t: Table, fix: (f: string) => string): Table {
  return {
    ...t,
    columns: t.columns.map((c) =>
      c.formula
        ? {
            ...c,
            formula: {
              ...(c.formula.first === undefined ? {} : { first: fix(c.formula.first) }),
              rest: fix(c.formula.rest),
            },
          }
        : c
    ),
  };
}

function renameFormat(cf: ConditionalFormat, fix: (f: string) => string): ConditionalFormat {
  return cf.kind === "formula" ? { ...cf, formula: fix(cf.formula) } : cf;
}

function renameChart(c: ChartSpec, to: (name: string) => string): ChartSpec {
  return {
    ...c,
    series: c.series.map((s) => ({
      ...s,
      name: to(s.name),
      x: { ...s.x, sheet: to(s.x.sheet) },
      y: { ...s.y, sheet: to(s.y.sheet) },
    })),
  };
}

/**
 * The plans with sheet `i` named `names[i]`, and every formula, chart range and chart series name
 * that referred to an old name pointing at the new one; on a sheet whose formulas read a renamed
 * sheet, its header and label cells and notes follow too ("√SSE 2 neurons (2)"). A `meta.runs` list of sheet names
 * (the Compare sheet's) follows too. Plans whose names all stay are returned as they are.
 */
export function renamePlans(plans: SheetPlan[], names: string[]): SheetPlan[] {
  if (names.length !== plans.length) throw new Error("one name per sheet is needed");
  const renamed = new Map(
    plans.flatMap((p, i) => (p.name === names[i] ? [] : [[p.name, names[i]] as const]))
  );
  if (!renamed.size) return plans;
  const lower = new Map([...renamed].map(([a, b]) => [a.toLowerCase(), b]));
  const to = (name: string) => lower.get(name.toLowerCase()) ?? name;
  const fix = (f: string) => renameSheetRefs(f, renamed);
  const text = textRenamer(plans, to);
  return plans.map((p, i) => {
    const runs = p.meta.runs;
    // a sheet whose formulas read a renamed sheet names it in its labels too (the Compare sheet)
    const reads = p.blocks.some((b) =>
      b.cells.some((row) =>
        row.some((c) => c?.formula !== undefined && fix(c.formula) !== c.formula)
      )
    );
    return {
      ...p,
      name: names[i],
      blocks: p.blocks.map((b) => renameBlock(b, fix, reads ? text : (t) => t)),
      tables: p.tables.map((t) => renameTable(t, fix)),
      conditionalFormats: p.conditionalFormats.map((cf) => renameFormat(cf, fix)),
      charts: p.charts.map((c) => renameChart(c, to)),
      meta:
        Array.isArray(runs) && runs.every((r) => typeof r === "string")
          ? { ...p.meta, runs: runs.map(to) }
          : p.meta,
    };
  });
}
