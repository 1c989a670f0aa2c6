/**
 * The run form's DOM: presets first, then (folded) model, data, optimizer and its constants,
 * derivative kind and batch size, then learning rate and epochs. Every control is a `field()` that
 * shows its own error; each term gets its one-line meaning where it first appears.
 */
import {
  ConfigError,
  MODEL_IDS,
  OPTIMIZER_IDS,
  OPTIMIZERS,
  type OptimizerId,
  type RunOptions,
} from "../core";
import { field, h, markField, textInput, type Field } from "./dom";
import { DEFAULT_X, orderedPresets, PRESET_ORDER, presetBlurb, type FormValues } from "./form";
import { exerciseForm } from "./exercise-form";
import { DERIVATIVES, MEANING, modelLabel, modelShape, optimizerLabel } from "./vocabulary";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface RunForm {
  el: HTMLFormElement;
  /** Where Generate and Download go (the form's own actions row). */
  actions: HTMLDivElement;
  values(): FormValues;
  fill(o: RunOptions): void;
  /** "target" (the line) or "cells" (the workbook's selection). */
  dataMode(): "target" | "cells";
  /** Put an error at its field; false when it belongs to no field. */
  markError(e: unknown): boolean;
  clearErrors(): void;
  /** The data section's note (what "Use selected cells" read). */
  selectionNote: HTMLParagraphElement;
  /** "Make it an exercise": the columns to leave for the learner, or null. */
  exercise(): string[] | null;
}

const select = (id: string, options: [string, string][]) =>
  h("select", { id }, ...options.map(([value, text]) => h("option", { value, textContent: text })));

export function runForm(): RunForm {
  const f: Record<string, Field<Control>> = {
    model: field(
      "Model",
      select(
        "model",
        MODEL_IDS.map((id) => [id, modelLabel(id)])
      ),
      " "
    ),
    slope: field("Slope", textInput("slope", "2")),
    intercept: field("Intercept", textInput("intercept", "30")),
    x: field(
      "x values",
      h("textarea", { id: "x-values", rows: 2, spellcheck: false, value: DEFAULT_X })
    ),
    optimizer: field(
      "Optimizer",
      select(
        "optimizer",
        OPTIMIZER_IDS.map((id) => [id, optimizerLabel(id)])
      )
    ),
    beta: field("β", textInput("beta", "0.9")),
    beta2: field("β₂", textInput("beta2", "0.999")),
    eps: field("ε", textInput("eps", "1e-8")),
    gradient: field(
      "Derivative that drives the update",
      select(
        "gradient",
        DERIVATIVES.map((d) => [d.id, d.label])
      ),
      " "
    ),
    h: field("Nudge h", textInput("h", "0.01")),
    batch: field(
      "Batch size (rows per update)",
      textInput("batch", "1", "numeric"),
      "1 updates after every row (SGD, as graddesc); larger batches update once per batch with the mean derivative."
    ),
    lr: field("Learning rate", textInput("lr", "0.0001"), MEANING.lr),
    epochs: field("Epochs", textInput("epochs", "1", "numeric")),
  };
  const hintOf = (k: string) => f[k].wrap.querySelector<HTMLParagraphElement>(".hint")!;
  const showModel = () => (hintOf("model").textContent = modelShape(f.model.control.value));
  const showGradient = () =>
    (hintOf("gradient").textContent =
      DERIVATIVES.find((d) => d.id === f.gradient.control.value)?.meaning ?? "");
  const showConstants = () => {
    // the constants the optimizer's registry entry reads, not a list of ids
    const uses: readonly string[] =
      OPTIMIZERS[f.optimizer.control.value as OptimizerId]?.uses ?? [];
    f.beta.wrap.hidden = !uses.includes("beta");
    f.beta2.wrap.hidden = !uses.includes("beta2");
    f.eps.wrap.hidden = !uses.includes("eps");
    f.h.wrap.hidden = f.gradient.control.value === "analytic";
  };
  f.model.control.addEventListener("change", showModel);
  f.gradient.control.addEventListener("change", () => (showGradient(), showConstants()));
  f.optimizer.control.addEventListener("change", showConstants);
  // A hint, not an error: a huge rate is a legitimate experiment.
  const lrWarn = h("p", {
    id: "lr-warning",
    className: "hint warning-text",
    hidden: true,
    textContent: MEANING.bigLr,
  });
  f.lr.wrap.append(lrWarn);
  // only a real number above 1: "1e400" or "abc" get their error at the field, not this hint too
  const bigLr = () => {
    const v = Number(f.lr.control.value);
    return Number.isFinite(v) && v > 1;
  };
  f.lr.control.addEventListener("input", () => (lrWarn.hidden = !bigLr()));

  const presetDescription = h("p", {
    id: "preset-description",
    className: "hint",
    attrs: { "aria-live": "polite" },
  });
  const presets = orderedPresets();
  const presetGroup = h(
    "div",
    { id: "presets", className: "presets" },
    ...presets.map((p, i) => {
      const radio = h("input", { type: "radio", name: "preset", value: p.id, checked: i === 0 });
      radio.addEventListener("change", () => pick(p.id));
      return h("label", { className: "preset" }, radio, h("span", { textContent: p.label }));
    })
  );
  const modeRadio = (value: string, text: string, checked: boolean) =>
    h(
      "label",
      { className: "choice" },
      h("input", { type: "radio", name: "data-mode", value, checked, id: `data-${value}` }),
      text
    );
  const selectionNote = h("p", {
    id: "selection-info",
    className: "hint",
    attrs: { "aria-live": "polite" },
  });
  const dataError = h("p", { id: "data-error", className: "field-error", hidden: true });
  const dataSet = h(
    "fieldset",
    { className: "data", attrs: { "aria-describedby": "data-error" } },
    h("legend", { textContent: "Data" }),
    modeRadio("target", "Target line y = slope·x + intercept", true),
    h(
      "div",
      { className: "indent" },
      h("div", { className: "field-row" }, f.slope.wrap, f.intercept.wrap),
      f.x.wrap
    ),
    modeRadio("cells", "Use selected cells (x, or x and y)", false),
    h("p", {
      className: "hint indent",
      textContent:
        "Select the cells in Excel, then Generate: GradSheet reads them then. A header row of text is skipped.",
    }),
    h("div", { className: "indent" }, selectionNote),
    dataError
  );
  const summary = h("summary", { textContent: "Model, data and optimizer" });
  const details = h(
    "details",
    { id: "details" },
    summary,
    f.model.wrap,
    dataSet,
    f.optimizer.wrap,
    h("div", { className: "field-row" }, f.beta.wrap, f.beta2.wrap, f.eps.wrap),
    f.gradient.wrap,
    f.h.wrap,
    f.batch.wrap
  );
  const actionsRow = h("div", { className: "actions" });
  const exercise = exerciseForm();
  const el = h(
    "form",
    { id: "run-form", noValidate: true },
    h(
      "fieldset",
      {},
      h("legend", { textContent: "Start from a preset" }),
      presetGroup,
      presetDescription
    ),
    details,
    h("div", { className: "field-row" }, f.lr.wrap, f.epochs.wrap),
    exercise.el,
    actionsRow
  );

  f.blank = exercise.blank; // its errors show at the field, like the others'

  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null) f[k].control.value = String(v);
  };
  const fill = (o: RunOptions) => {
    for (const k of ["model", "optimizer", "lr", "epochs", "gradient", "h", "beta", "beta2", "eps"])
      set(k, o[k as keyof RunOptions]);
    f.batch.control.value = String(o.batch ?? 1);
    showModel();
    showGradient();
    showConstants();
    lrWarn.hidden = !bigLr();
  };
  const values = (): FormValues => ({
    model: f.model.control.value,
    dataMode: dataMode(),
    x: f.x.control.value,
    slope: f.slope.control.value,
    intercept: f.intercept.control.value,
    points: null,
    optimizer: f.optimizer.control.value,
    beta: f.beta.control.value,
    beta2: f.beta2.control.value,
    eps: f.eps.control.value,
    lr: f.lr.control.value,
    epochs: f.epochs.control.value,
    gradient: f.gradient.control.value,
    h: f.h.control.value,
    batch: f.batch.control.value,
  });
  let picked = presets[0];
  /** The preset's blurb for the form as it is now, and the folded section's summary naming the model and optimizer. */
  const describe = () => {
    presetDescription.textContent = presetBlurb(picked, values());
    summary.textContent = `Model, data and optimizer: ${modelLabel(f.model.control.value)}, ${optimizerLabel(f.optimizer.control.value)}`;
  };
  const pick = (id: string) => {
    const p = presets.find((x) => x.id === id);
    if (!p) return;
    picked = p;
    fill(p.options);
    describe();
  };
  el.addEventListener("input", describe);
  el.addEventListener("change", describe);

  const dataMode = () =>
    el.querySelector<HTMLInputElement>('input[name="data-mode"]:checked')?.value === "cells"
      ? "cells"
      : "target";
  const clearErrors = () => {
    Object.values(f).forEach((x) => markField(x, null));
    dataError.hidden = true;
  };
  pick(PRESET_ORDER[0]);
  return {
    el,
    actions: actionsRow,
    dataMode,
    selectionNote,
    fill,
    clearErrors,
    exercise: exercise.words,
    values,
    markError(e) {
      if (!(e instanceof ConfigError)) return false;
      const key = e.field === "target" ? "slope" : e.field;
      if (key === "data") {
        details.open = true;
        dataError.textContent = e.message;
        dataError.hidden = false;
        dataSet.querySelector<HTMLInputElement>('input[name="data-mode"]:checked')?.focus();
        return true;
      }
      const target = f[key];
      if (!target) return false;
      if (details.contains(target.wrap)) details.open = true;
      markField(target, e.message);
      target.control.focus();
      return true;
    },
  };
}
