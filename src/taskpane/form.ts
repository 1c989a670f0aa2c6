/**
 * The run form's values as plain data and their meaning as run options: no DOM, no Excel (the
 * form itself is built by ./run-form).
 */
import {
  ConfigError,
  DEFAULT_TARGET,
  GLOSSARY,
  GRADDESC_X,
  learnerNumber,
  MODELS,
  PRESETS,
  type DataPoint,
  type ModelId,
  type Preset,
  type RunOptions,
} from "../core";

export interface FormValues {
  model: string;
  dataMode: "target" | "cells";
  x: string;
  slope: string;
  intercept: string;
  /** Points read from the workbook's selection ("use selected cells"). */
  points: DataPoint[] | null;
  optimizer: string;
  beta: string;
  beta2: string;
  eps: string;
  lr: string;
  epochs: string;
  gradient: string;
  h: string;
  /** Rows per update (mini-batch size); "1" or absent is plain SGD. */
  batch?: string;
}

export const DEFAULT_X = GRADDESC_X.join(", ");

/** Numbers from "14, 86 28;51" (commas, spaces, semicolons); NaN entries stay to be reported. */
export function parseList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
}

/** Form values → run options for resolveConfig (which reports bad values in one sentence). */
export function toOptions(v: FormValues): RunOptions {
  const data =
    v.dataMode === "cells" && v.points
      ? { points: v.points }
      : {
          x: { kind: "list" as const, x: parseList(v.x) },
          target: { slope: Number(v.slope), intercept: Number(v.intercept) },
        };
  if (v.dataMode !== "cells")
    for (const [key, label, text] of [
      ["slope", "Slope", v.slope],
      ["intercept", "Intercept", v.intercept],
    ] as const)
      if (!text.trim() || !Number.isFinite(Number(text)))
        throw new ConfigError(key, `${label} must be a number, not "${text}".`);
  if (data.x && data.x.x.some((n) => !Number.isFinite(n)))
    throw new ConfigError("x", `The x values must be numbers separated by commas, not "${v.x}".`);
  return {
    model: v.model,
    optimizer: v.optimizer,
    lr: v.lr,
    epochs: v.epochs,
    gradient: v.gradient,
    h: v.h,
    ...(v.batch !== undefined && v.batch.trim() !== "" ? { batch: v.batch } : {}),
    // equal weights would keep a wide layer's neurons identical forever: those start from the core's seeded draw
    ...(MODELS[v.model as ModelId]?.width === undefined ? { init: 1 } : {}),
    beta: v.beta,
    beta2: v.beta2,
    eps: v.eps,
    data,
  };
}

/** Presets in the order the pane shows them: 1 neuron, 2 neurons, 2 neurons + ReLU, graddesc basic. */
export const PRESET_ORDER = ["one-neuron", "two-neurons", "two-relu", "graddesc-basic"];
const rank = (id: string): number => PRESET_ORDER.indexOf(id) + 1 || 99;

/** The core's presets in that order. */
export const orderedPresets = (): Preset[] => [...PRESETS].sort((a, b) => rank(a.id) - rank(b.id));

/** The settings a preset sets, as the form shows them, and their names in the pane's words. */
const PRESET_KEYS = [
  ["model", "model"],
  ["optimizer", "optimizer"],
  ["lr", "learning rate"],
  ["epochs", "epochs"],
  ["gradient", "derivative"],
] as const;

/**
 * A preset's blurb for the form as the learner has it now: the preset's own description (in the
 * glossary's words) while the form holds its settings; once the learner changes one, what they
 * changed, since the description's advice ("Try learning rate 1e-5") may no longer fit.
 */
export function presetBlurb(p: Preset, v: FormValues): string {
  const changed: (readonly [string, string])[] = PRESET_KEYS.filter(([k]) => {
    const want = p.options[k];
    const have = v[k];
    return (
      want !== undefined &&
      (Number.isFinite(Number(want)) && have.trim() !== ""
        ? Number(have) !== Number(want)
        : String(want) !== have)
    );
  });
  // the preset's data (graddesc's 29 x on y = 2x + 30) and its h are input too: its advice is about them
  const x = parseList(v.x);
  if (
    v.dataMode === "cells" ||
    x.length !== GRADDESC_X.length ||
    x.some((n, i) => n !== GRADDESC_X[i]) ||
    Number(v.slope) !== DEFAULT_TARGET.slope ||
    Number(v.intercept) !== DEFAULT_TARGET.intercept
  )
    changed.push(["data", "data"]);
  if (p.options.gradient !== "analytic" && p.options.h !== undefined && Number(v.h) !== p.options.h)
    changed.push(["h", "h"]);
  if (!changed.length)
    return p.id === "graddesc-basic"
      ? `${GLOSSARY.graddescBasic.meaning} Analytic update; √SSE after epoch 1 is 150.76.`
      : p.description.replace(/\blr (?=\d)/g, "learning rate ");
  const what = changed
    .map(([k, name]) =>
      k !== "lr"
        ? name
        : `${name} ${Number.isFinite(Number(v.lr)) ? learnerNumber(Number(v.lr)) : `“${v.lr}”`}`
    )
    .join(", ");
  const named = p.id === "graddesc-basic" ? " (the first sheet of fast.ai's graddesc.xlsm)" : "";
  return `The “${p.label}” preset${named} with your ${what}: Generate to see what it does.`;
}

/** Data read from the workbook's selection, and the sentence that says what was used. */
export interface SelectionData {
  points: DataPoint[];
  note: string;
}

/**
 * Points from the selected cells: one column of x (y from the target line) or two columns (x, y).
 * A first row of text ("x", "y") is a header and is skipped. Throws one sentence saying what is wrong.
 */
export function pointsFromSelection(
  values: readonly (readonly unknown[])[],
  address: string,
  target: { slope: number; intercept: number }
): SelectionData {
  const filled = values.filter((r) => r.some((v) => v !== "" && v !== null && v !== undefined));
  const header =
    filled.length > 1 &&
    filled[0].every((v) => typeof v === "string" && v.trim() !== "" && !Number.isFinite(Number(v)));
  const rows = header ? filled.slice(1) : filled;
  const cols = Math.max(0, ...rows.map((r) => r.length));
  if (!rows.length)
    throw new ConfigError(
      "data",
      `The selection ${address} holds no numbers: select one column of x values, or two columns (x, y), then Generate.`
    );
  if (cols > 2)
    throw new ConfigError(
      "data",
      `The selection ${address} has ${cols} columns: select one column of x values, or two columns (x, y).`
    );
  rows.forEach((r, i) => {
    const bad = r.find((v) => typeof v !== "number");
    if (bad !== undefined)
      throw new ConfigError(
        "data",
        `Row ${i + 1 + (header ? 1 : 0)} of ${address} holds “${String(bad)}”, not a number: select numbers only (a header row of text is fine).`
      );
  });
  const points = rows.map((r) => ({
    x: r[0] as number,
    y: cols > 1 ? (r[1] as number) : target.slope * (r[0] as number) + target.intercept,
  }));
  const what = cols > 1 ? "x and y" : "x; y from the target line";
  return {
    points,
    note: `Used ${points.length} rows from ${address} (${what}${header ? "; header row skipped" : ""}).`,
  };
}
