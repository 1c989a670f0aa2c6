/**
 * The Experiments section of the task pane: "Compare models" (a Compare sheet and one live run
 * sheet per ticked model) and "Sweep learning rates" (a Sweep sheet), both from the run form's
 * settings, and "Loss landscape" (the run sheet and its landscape sheet). Shows progress, a one-line result and a button to the new sheet; outside Excel it
 * offers each experiment as a .xlsx download. Mounted into `<section id="experiments">`; Excel is
 * reached only through `deps`.
 */
import { BASE_MODEL_IDS, MODEL_IDS, MODELS, type ModelId, type RunOptions } from "../core";
import { createWorkbook, writePlans, type ExcelHost, type WritePlansReport } from "../excel";
import { compareExperiment, experimentXlsx, landscapeExperiment, sweepExperiment, sweepRates, type Experiment } from "./experiments-view";
import { addStyle, h } from "./dom";

/** What the section needs: the form's options, and Excel when there is one. */
export interface ExperimentsDeps {
  /** The run form's current settings (throws a plain sentence when one is invalid). */
  options(): RunOptions;
  /** Null outside Excel: the section then offers downloads. */
  excel: {
    write(e: Experiment, onProgress: (done: number, total: number) => void): Promise<WritePlansReport>;
    selectSheet(sheet: string): Promise<void>;
  } | null;
  save(bytes: Uint8Array, filename: string): void;
  /** Any failure as a sentence a learner can act on. */
  explain(e: unknown): string;
}

/** Excel through the project's writer: all sheets of an experiment in one Excel.run. */
export function excelExperiments(host: ExcelHost): NonNullable<ExperimentsDeps["excel"]> {
  const workbook = createWorkbook(host);
  return {
    write: (e, onProgress) => writePlans(host, e.workbook.sheets, { records: e.records, onProgress }),
    selectSheet: (sheet) => workbook.selectSheet(sheet),
  };
}

const STYLE = `
.exp-models { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 0 8px; margin-bottom: 6px; }
#experiments fieldset + fieldset { margin-top: 14px; }
#exp-result { font-weight: 600; }
`;



function field(id: string, label: string, value: string, inputmode: "decimal" | "numeric"): { wrap: HTMLDivElement; input: HTMLInputElement } {
  const input = h("input", { id, type: "text", value, autocomplete: "off" });
  input.inputMode = inputmode;
  return { wrap: h("div", { className: "field" }, h("label", { htmlFor: id, textContent: label }), input), input };
}

/** Build the section inside `root`. */
export function mountExperimentsPanel(root: HTMLElement, deps: ExperimentsDeps): void {
  addStyle("experiments-panel-style", STYLE);
  const inExcel = deps.excel !== null;
  const boxes = MODEL_IDS.map((id) => {
    const box = h("input", { type: "checkbox", value: id, checked: (BASE_MODEL_IDS as readonly string[]).includes(id) });
    box.name = "exp-model";
    return { id, box, label: h("label", { className: "choice" }, box, MODELS[id].label) };
  });
  const compare = h("button", { type: "button", id: "exp-compare", className: "button", textContent: inExcel ? "Compare models" : "Download comparison as .xlsx" });
  const from = field("exp-from", "From", "1e-6", "decimal");
  const to = field("exp-to", "To", "1e-2", "decimal");
  const count = field("exp-count", "Rates", "9", "numeric");
  const sweepBtn = h("button", { type: "button", id: "exp-sweep", className: "button", textContent: inExcel ? "Sweep learning rates" : "Download sweep as .xlsx" });
  const landBtn = h("button", { type: "button", id: "exp-landscape", className: "button", textContent: inExcel ? "Map the loss landscape" : "Download landscape as .xlsx" });
  const bar = h("div", { id: "exp-progress-bar", className: "progress-bar" });
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-label", "Writing the experiment");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", "100");
  const progressText = h("p", { id: "exp-progress-text", className: "hint" });
  const progress = h("div", { id: "exp-progress", className: "progress", hidden: true }, h("div", { className: "progress-track" }, bar), progressText);
  const result = h("p", { id: "exp-result" });
  const note = h("p", { id: "exp-note", className: "hint" });
  const status = h("div", { id: "exp-status", hidden: true }, result, note);
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const goto = h("button", { type: "button", id: "exp-goto", className: "link", hidden: true });
  const error = h("div", { id: "exp-error", className: "message-bar error", hidden: true, tabIndex: -1 });
  error.setAttribute("role", "alert");

  const title = h("h2", { id: "experiments-title", textContent: "Experiments" });
  root.setAttribute("aria-labelledby", title.id);
  root.replaceChildren(
    title,
    h("p", { className: "hint", textContent: "Uses the run's data, learning rate, epochs, optimizer and derivative from New run above." }),
    h(
      "fieldset",
      {},
      h("legend", { textContent: "Compare models" }),
      h("div", { className: "exp-models" }, ...boxes.map((b) => b.label)),
      h("p", { className: "hint", textContent: "Same data, initial weights and learning rate: a Compare sheet with √SSE per epoch side by side and one live sheet per model." }),
      compare,
    ),
    h(
      "fieldset",
      {},
      h("legend", { textContent: "Sweep learning rates" }),
      h("div", { className: "field-row" }, from.wrap, to.wrap, count.wrap),
      h("p", { className: "hint", textContent: "Log-spaced rates from From to To: the final √SSE of each, where it diverged, and the largest stable rate." }),
      sweepBtn,
    ),
    h(
      "fieldset",
      {},
      h("legend", { textContent: "Loss landscape" }),
      h("p", { className: "hint", textContent: "The run sheet and a heat map of log10 SSE over two weights (a and b; a and c for two neurons) as live formulas, with the run's path marked." }),
      landBtn,
    ),
    progress,
    error,
    status,
    goto,
  );

  let busy = false;
  const setBusy = (on: boolean) => {
    busy = on;
    for (const b of [compare, sweepBtn, landBtn, goto]) b.setAttribute("aria-disabled", String(on));
    root.setAttribute("aria-busy", String(on));
  };
  const showProgress = (fraction: number | null, text = "") => {
    progress.hidden = fraction === null;
    bar.style.width = `${Math.round((fraction ?? 0) * 100)}%`;
    bar.setAttribute("aria-valuenow", String(Math.round((fraction ?? 0) * 100)));
    progressText.textContent = text;
  };
  const run = (fn: () => Promise<void>) => async () => {
    if (busy) return;
    setBusy(true);
    error.hidden = true;
    try {
      await fn();
    } catch (e) {
      error.textContent = deps.explain(e);
      error.hidden = false;
      error.focus();
    } finally {
      setBusy(false);
      showProgress(null);
    }
  };
  const show = (line: string, extra: string, sheet: string | null) => {
    status.hidden = false;
    result.textContent = line;
    note.textContent = extra;
    goto.hidden = !sheet;
    goto.dataset.sheet = sheet ?? "";
    goto.textContent = sheet ? `Go to sheet “${sheet}”` : "";
  };

  /** Train (after letting the progress bar paint), then write into Excel or save the file. */
  const perform = async (build: () => Experiment) => {
    const excel = deps.excel;
    goto.hidden = true;
    showProgress(0.05, "Training…");
    await new Promise((r) => setTimeout(r, 0));
    const e = build();
    if (!excel) {
      const file = experimentXlsx(e);
      deps.save(file.bytes, file.filename);
      show(e.line, `Saved ${file.filename}: open it in Excel, LibreOffice or Google Sheets.`, null);
      return;
    }
    const n = e.workbook.sheets.length;
    showProgress(0.2, `Writing ${n} sheet${n === 1 ? "" : "s"}…`);
    const report = await excel.write(e, (done, total) => showProgress(0.2 + (0.8 * done) / total, `Writing ${n} sheet${n === 1 ? "" : "s"}… ${done}/${total}`));
    const manual = report.calculationMode === "Manual" ? "Calculation is manual: press F9 in Excel to see the numbers." : "";
    show(e.line, [report.axisWarning, manual, `Wrote ${report.sheets.map((s) => `“${s}”`).join(", ")}.`].filter(Boolean).join(" "), report.sheets[0]);
  };

  compare.addEventListener(
    "click",
    run(() => {
      const models = boxes.filter((b) => b.box.checked).map((b) => b.id as ModelId);
      return perform(() => compareExperiment(deps.options(), models));
    }),
  );
  sweepBtn.addEventListener(
    "click",
    run(() => perform(() => sweepExperiment(deps.options(), sweepRates(from.input.value, to.input.value, count.input.value)))),
  );
  landBtn.addEventListener("click", run(() => perform(() => landscapeExperiment(deps.options()))));
  goto.addEventListener(
    "click",
    run(async () => {
      const sheet = goto.dataset.sheet;
      if (deps.excel && sheet) await deps.excel.selectSheet(sheet);
    }),
  );
  setBusy(false);
}
