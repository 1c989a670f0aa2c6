/**
 * The run form: presets first, then model, data, optimizer and its constants, learning rate,
 * epochs and derivative kind. Reads and writes plain values; knows nothing about Excel.
 */
import { MODEL_IDS, MODELS, OPTIMIZERS, PRESETS, type DataPoint, type ModelId, type OptimizerId, type RunOptions } from "../core";
import { GRADDESC_X } from "./engine";

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

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`pane markup lacks #${id}`);
  return el as T;
};
const input = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id);

export const DEFAULT_X = GRADDESC_X.join(", ");

/** Current form values. */
export function readForm(points: DataPoint[] | null): FormValues {
  const dataMode = (document.querySelector<HTMLInputElement>('input[name="data-mode"]:checked')?.value ?? "target") as FormValues["dataMode"];
  return {
    model: input("model").value,
    dataMode,
    x: input("x-values").value,
    slope: input("slope").value,
    intercept: input("intercept").value,
    points,
    optimizer: input("optimizer").value,
    beta: input("beta").value,
    beta2: input("beta2").value,
    eps: input("eps").value,
    lr: input("lr").value,
    epochs: input("epochs").value,
    gradient: input("gradient").value,
    h: input("h").value,
    batch: input("batch").value,
  };
}

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
      : { x: { kind: "list" as const, x: parseList(v.x) }, target: { slope: Number(v.slope), intercept: Number(v.intercept) } };
  if (data.x && data.x.x.some((n) => !Number.isFinite(n))) throw new Error(`The x values must be numbers separated by commas, not "${v.x}".`);
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

/** Fill the form from a preset's or a stored run's options. */
export function fillForm(o: RunOptions): void {
  const set = (id: string, value: unknown) => {
    if (value !== undefined && value !== null) input(id).value = String(value);
  };
  set("model", o.model);
  set("optimizer", o.optimizer);
  set("lr", o.lr);
  set("epochs", o.epochs);
  set("gradient", o.gradient);
  set("h", o.h);
  input("batch").value = String(o.batch ?? 1);
  set("beta", o.beta);
  set("beta2", o.beta2);
  set("eps", o.eps);
  showOptimizerConstants();
}

/** Add every model the core offers beyond the three the markup spells out (their label from the core). */
export function renderModels(): void {
  const select = input("model") as HTMLSelectElement;
  const have = new Set(Array.from(select.options, (o) => o.value));
  for (const id of MODEL_IDS) {
    if (have.has(id)) continue;
    const option = document.createElement("option");
    option.value = id;
    option.textContent = MODELS[id].label;
    select.append(option);
  }
}

/** Show only the constants the chosen optimizer reads. */
export function showOptimizerConstants(): void {
  const uses: readonly string[] = OPTIMIZERS[input("optimizer").value as OptimizerId]?.uses ?? [];
  $("beta-field").hidden = !uses.includes("beta");
  $("beta2-field").hidden = !uses.includes("beta2");
  $("eps-field").hidden = !uses.includes("eps");
}

/** Presets in the order the pane shows them: 1 neuron, 2 neurons, 2 neurons + ReLU, graddesc basic. */
export const PRESET_ORDER = ["one-neuron", "two-neurons", "two-relu", "graddesc-basic"];
const rank = (id: string): number => (PRESET_ORDER.indexOf(id) + 1 || 99);

/** The preset buttons, as a radio group. */
export function renderPresets(onPick: (id: string) => void): void {
  const group = $("presets");
  group.replaceChildren();
  const ordered = [...PRESETS].sort((a, b) => rank(a.id) - rank(b.id));
  ordered.forEach((p, i) => {
    const label = document.createElement("label");
    label.className = "preset";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "preset";
    radio.value = p.id;
    radio.checked = i === 0;
    radio.addEventListener("change", () => onPick(p.id));
    const text = document.createElement("span");
    text.textContent = p.label;
    label.append(radio, text);
    group.append(label);
  });
}

