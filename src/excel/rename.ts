/**
 * Renaming the sheets of a multi-sheet plan: when a wanted name is taken in the workbook, every
 * reference to that sheet (formulas on any sheet of the plan, chart ranges, series names) follows
 * the new name. Pure: no Office objects here.
 */
import { quoteSheet } from "../sheet/address";
import type { Block, ChartSpec, ConditionalFormat, SheetPlan, Table } from "../sheet/plan";

/** A string literal, a quoted sheet prefix 'It''s run'!, or a bare one Run_1! (not inside a longer word). */
const SHEET_PREFIX = /("(?:[^"]|"")*")|'((?:[^']|'')+)'!|(?<![A-Za-z0-9_.'"\]])([A-Za-z_][A-Za-z0-9_.]*)!/g;

/**
 * Rewrite the sheet prefixes of an en-US formula through `renamed` (old name → new name, matched
 * case-insensitively as Excel does), in one pass so that chains such as A → B, B → C cannot mix.
 * Text inside "…" is left alone: `="'2 neurons'!A1"` stays as it is.
 */
export function renameSheetRefs(formula: string, renamed: ReadonlyMap<string, string>): string {
  if (!renamed.size) return formula;
  const lower = new Map([...renamed].map(([a, b]) => [a.toLowerCase(), b]));
  return formula.replace(SHEET_PREFIX, (whole, str: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    if (str !== undefined) return whole;
    const name = quoted !== undefined ? quoted.replace(/''/g, "'") : bare!;
    const to = lower.get(name.toLowerCase());
    return to === undefined ? whole : `${quoteSheet(to)}!`;
  });
}

function renameBlock(b: Block, fix: (f: string) => string): Block {
  return { ...b, cells: b.cells.map((row) => row.map((c) => (c?.formula === undefined ? c : { ...c, formula: fix(c.formula) }))) };
}

function renameTable(t: Table, fix: (f: string) => string): Table {
  return {
    ...t,
    columns: t.columns.map((c) =>
      c.formula ? { ...c, formula: { ...(c.formula.first === undefined ? {} : { first: fix(c.formula.first) }), rest: fix(c.formula.rest) } } : c,
    ),
  };
}

function renameFormat(cf: ConditionalFormat, fix: (f: string) => string): ConditionalFormat {
  return cf.kind === "formula" ? { ...cf, formula: fix(cf.formula) } : cf;
}

function renameChart(c: ChartSpec, to: (name: string) => string): ChartSpec {
  return {
    ...c,
    series: c.series.map((s) => ({ ...s, name: to(s.name), x: { ...s.x, sheet: to(s.x.sheet) }, y: { ...s.y, sheet: to(s.y.sheet) } })),
  };
}

/**
 * The plans with sheet `i` named `names[i]`, and every formula, chart range and chart series name
 * that referred to an old name pointing at the new one. A `meta.runs` list of sheet names
 * (the Compare sheet's) follows too. Plans whose names all stay are returned as they are.
 */
export function renamePlans(plans: SheetPlan[], names: string[]): SheetPlan[] {
  if (names.length !== plans.length) throw new Error("one name per sheet is needed");
  const renamed = new Map(plans.flatMap((p, i) => (p.name === names[i] ? [] : [[p.name, names[i]] as const])));
  if (!renamed.size) return plans;
  const lower = new Map([...renamed].map(([a, b]) => [a.toLowerCase(), b]));
  const to = (name: string) => lower.get(name.toLowerCase()) ?? name;
  const fix = (f: string) => renameSheetRefs(f, renamed);
  return plans.map((p, i) => {
    const runs = p.meta.runs;
    return {
      ...p,
      name: names[i],
      blocks: p.blocks.map((b) => renameBlock(b, fix)),
      tables: p.tables.map((t) => renameTable(t, fix)),
      conditionalFormats: p.conditionalFormats.map((cf) => renameFormat(cf, fix)),
      charts: p.charts.map((c) => renameChart(c, to)),
      meta: Array.isArray(runs) && runs.every((r) => typeof r === "string") ? { ...p.meta, runs: runs.map(to) } : p.meta,
    };
  });
}
