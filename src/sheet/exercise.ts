/**
 * Exercises: a run sheet whose chosen step-table columns are left for the learner to write. The
 * sheet is the run's own plan (same layout, addresses, charts and names); only the chosen columns'
 * step-row cells lose their formulas. They are marked by style alone: a fill (a conditional format
 * over the columns, so the fill stays when the learner types), a note above each header, and one
 * instruction line above the table. Every other cell keeps its formula, so a cell after a blank one
 * reads the learner's value, as in graddesc.
 */
import { ConfigError, MODELS, OPTIMIZERS, type RunConfig } from "../core";
import { colLetter } from "./address";
import { KEYS } from "./keys";
import { LAYOUT } from "./layout";
import type { Block, ConditionalFormat, SheetPlan, Table } from "./plan";

/** The words `--blank` takes besides column headers, in the order a learner meets them. */
export const EXERCISE_WORDS = ["prediction", "error", "derivatives", "updates"] as const;
export type ExerciseWord = (typeof EXERCISE_WORDS)[number];

/** What an exercise sheet records about itself (plan.meta.exercise). */
export interface ExerciseMeta {
  /** The blank columns' keys, in sheet order. */
  columns: string[];
  /** Their headers as the sheet writes them. */
  headers: string[];
}

/** The step-table keys each word stands for in a run of `config`. */
export function wordColumns(config: RunConfig, word: ExerciseWord): string[] {
  const model = MODELS[config.model];
  const ws = model.weights;
  switch (word) {
    case "prediction":
      return [...model.sheet.forward.map((f) => f.key), "pred"];
    case "error":
      return ["err"];
    case "derivatives":
      return ws.flatMap((w) =>
        config.gradient === "analytic"
          ? [KEYS.analytic(w)]
          : config.gradient === "forward"
            ? [KEYS.bumped(w), KEYS.forward(w)]
            : [KEYS.bumped(w), KEYS.lowered(w), KEYS.central(w)]
      );
    case "updates":
      return [
        ...OPTIMIZERS[config.optimizer].state.flatMap((slot) => ws.map((w) => KEYS.state(slot, w))),
        ...ws.map((w) => KEYS.next(w)),
      ];
  }
}

/**
 * The keys of the columns a `--blank` list names, in sheet order: words (`prediction`, …) or
 * headers as the sheet writes them (`ŷ`, `de/da`, `new a`). Throws ConfigError naming the valid
 * words for anything else.
 */
export function blankColumns(config: RunConfig, steps: Table, list: readonly string[]): string[] {
  const chosen = new Set<string>();
  for (const raw of list) {
    const word = raw.trim();
    if ((EXERCISE_WORDS as readonly string[]).includes(word)) {
      for (const k of wordColumns(config, word as ExerciseWord)) chosen.add(k);
      continue;
    }
    const col = steps.columns.find((c) => c.header === word && c.formula);
    if (!col)
      throw new ConfigError(
        "blank",
        `Unknown column "${word}" for --blank: use ${EXERCISE_WORDS.join(", ")} or a formula column's header as the sheet writes it (${exampleHeaders(steps)}).`
      );
    chosen.add(col.key);
  }
  if (!chosen.size) throw new ConfigError("blank", "--blank names no column.");
  return steps.columns.filter((c) => chosen.has(c.key) && c.formula).map((c) => c.key);
}

function exampleHeaders(steps: Table): string {
  return steps.columns
    .filter((c) => c.formula)
    .map((c) => c.header)
    .join(", ");
}

/** The run's step table (the plan's table with id "steps"). */
export function stepsTable(plan: SheetPlan): Table {
  const t = plan.tables.find((x) => x.id === "steps");
  if (!t) throw new Error("a run sheet has a steps table");
  return t;
}

/**
 * The exercise made from a run's plan: the columns `keys` lose their formulas and cached values
 * (their step-row cells are empty), are shaded, their headers carry a note, and one line above the
 * table says what to do. The record (`meta.exercise`) names the blank columns.
 */
export function exercisePlan(plan: SheetPlan, keys: readonly string[]): SheetPlan {
  const steps = stepsTable(plan);
  const blank = new Set(keys);
  const columns = steps.columns.map((c) =>
    blank.has(c.key) ? { ...c, formula: undefined, cached: undefined, values: undefined } : c
  );
  const table: Table = { ...steps, columns };
  const idx = columns.flatMap((c, j) => (blank.has(c.key) ? [j] : []));
  const headers = idx.map((j) => columns[j].header);
  const groups = noted(plan, steps, idx);
  const first = steps.col + idx[0];
  const instruction: Block = {
    row: LAYOUT.titleRow,
    col: first,
    cells: [
      [
        {
          value: `Exercise: write the formulas of the shaded columns (${headers.join(", ")}) in row ${steps.row + 2} and fill them down; the other columns and the charts follow your numbers. gradsheet check FILE.xlsx grades them.`,
          style: "note",
        },
      ],
    ],
  };
  const shade: ConditionalFormat[] = runs(idx).map(([from, to]) => ({
    kind: "formula",
    range: { row: steps.row + 1, col: steps.col + from, rows: steps.rows, cols: to - from + 1 },
    formula: "=TRUE",
    style: "blank",
  }));
  const exercise: ExerciseMeta = { columns: idx.map((j) => columns[j].key), headers };
  return {
    ...plan,
    tables: plan.tables.map((t) => (t === steps ? table : t)),
    blocks: [
      ...(groups.block
        ? plan.blocks.map((b) => (b === groups.block ? groups.noted : b))
        : [...plan.blocks, groups.noted]),
      instruction,
    ],
    conditionalFormats: [...shade, ...plan.conditionalFormats],
    meta: { ...plan.meta, exercise },
  };
}

/**
 * The group row above the headers with a note on each blank column's cell: its group label when it
 * has one ("forward pass", "updated weights"), else "your formula"; the step rows stay empty.
 */
function noted(plan: SheetPlan, steps: Table, idx: number[]): { block?: Block; noted: Block } {
  const block = plan.blocks.find((b) => b.row === steps.row - 1 && b.col === steps.col);
  const cells = [...(block?.cells[0] ?? [])];
  for (const j of idx) {
    const c = steps.columns[j];
    while (cells.length <= j) cells.push(null);
    const comment = `Your formula for ${c.header}: ${c.description}. Write it in row ${steps.row + 2}, then fill it down.`;
    cells[j] = cells[j]
      ? { ...cells[j], comment }
      : { value: "your formula", style: "note", comment };
  }
  return { block, noted: { row: steps.row - 1, col: steps.col, cells: [cells] } };
}

/** Consecutive runs of sorted indexes: [0, 1, 2, 5] → [[0, 2], [5, 5]]. */
function runs(idx: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of idx) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/** The exercise record of a sheet's meta, or undefined for a sheet that is not an exercise. */
export function exerciseMetaOf(meta: unknown): ExerciseMeta | undefined {
  const e = (meta as { exercise?: Partial<ExerciseMeta> } | null)?.exercise;
  if (!e || !Array.isArray(e.columns) || !e.columns.every((k) => typeof k === "string"))
    return undefined;
  const headers = Array.isArray(e.headers) ? e.headers.map(String) : e.columns.slice();
  return { columns: e.columns.slice(), headers };
}

/** The A1 text of a blank column's step rows, e.g. "K22:K50". */
export function columnRangeA1(steps: Table, key: string): string {
  const j = steps.columns.findIndex((c) => c.key === key);
  const letter = colLetter(steps.col + j);
  return `${letter}${steps.row + 2}:${letter}${steps.row + 1 + steps.rows}`;
}
