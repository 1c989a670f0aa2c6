/**
 * The Experiments section of the task pane: "Compare models" (a Compare sheet and one live run
 * sheet per ticked model) and "Sweep learning rates" (a Sweep sheet), both from the run form's
 * settings, and "Loss landscape" (the run sheet and its landscape sheet). Shows progress, a one-line result and a button to the new sheet; outside Excel it
 * offers each experiment as a .xlsx download. Mounted into `<section id="experiments">`; Excel is
 * reached only through `deps`.
 */
import {
  BASE_MODEL_IDS,
  GLOSSARY,
  MODEL_IDS,
  MODELS,
  type ModelId,
  type RunOptions,
} from "../core";
import { createWorkbook, writeChecked, type CheckedReport, type ExcelHost } from "../excel";
import { experimentXlsx, sweepRates, type Experiment, type ExperimentRequest } from "../run";
import { actions, paint, resultHeading, taskStatus, type TaskStatus } from "./actions";
import { ConfigError } from "../core";
import { jobView, runJob } from "./run-in-worker";
import { button, field as formField, h, markField, textInput, type Field } from "./dom";
import { manualNote } from "./vocabulary";

/** What the section needs: the form's options, and Excel when there is one. */
export interface ExperimentsDeps {
  /** The run form's current settings (throws a plain sentence when one is invalid). */
  options(): RunOptions;
  /** Null outside Excel: the section then offers downloads. */
  excel: {
    write(e: Experiment, onProgress: (done: number, total: number) => void): Promise<CheckedReport>;
    selectSheet(sheet: string): Promise<void>;
  } | null;
  save(bytes: Uint8Array, filename: string): void;
  /** Unused: failures are worded by the pane's action runner (kept so existing callers still fit). */
  explain?(e: unknown): string;
}

/** Excel through the project's writer: all sheets of an experiment in one Excel.run, then Excel's check of them. */
export function excelExperiments(host: ExcelHost): NonNullable<ExperimentsDeps["excel"]> {
  const workbook = createWorkbook(host);
  return {
    write: (e, onProgress) =>
      writeChecked(host, e.workbook.sheets, { records: e.records, onProgress }),
    selectSheet: (sheet) => workbook.selectSheet(sheet),
  };
}

function field(
  id: string,
  label: string,
  value: string,
  inputmode: "decimal" | "numeric"
): Field & { input: HTMLInputElement } {
  const f = formField(label, textInput(id, value, inputmode));
  return { ...f, input: f.control };
}

/** The run form's settings (a ConfigError's field), which live on the Run tab. */
export const RUN_TAB_FIELDS = new Set([
  ...["model", "optimizer", "lr", "epochs", "gradient", "h", "beta", "beta2", "eps", "batch"],
  ...["x", "slope", "intercept", "target", "data"],
]);

/** An error about a Run-tab setting, said here with the tab it lives on. */
export const onRunTab = (message: string): string => `On the Run tab: ${message}`;

/** Build the section inside `root`: each experiment with its button and, right below it, its progress and result. */
export function mountExperimentsPanel(root: HTMLElement, deps: ExperimentsDeps): void {
  const inExcel = deps.excel !== null;
  const boxes = MODEL_IDS.map((id) => {
    const box = h("input", {
      type: "checkbox",
      value: id,
      checked: (BASE_MODEL_IDS as readonly string[]).includes(id),
      name: "exp-model",
    });
    return { id, box, label: h("label", { className: "choice" }, box, MODELS[id].label) };
  });
  const compare = button(
    "exp-compare",
    inExcel ? "Compare models" : "Download comparison as .xlsx"
  );
  const from = field("exp-from", "From", "1e-6", "decimal");
  const to = field("exp-to", "To", "1e-2", "decimal");
  const count = field("exp-count", "Rates", "9", "numeric");
  const sweepBtn = button(
    "exp-sweep",
    inExcel ? "Sweep learning rates" : "Download sweep as .xlsx"
  );
  const landBtn = button(
    "exp-landscape",
    inExcel ? "Map the loss landscape" : "Download landscape as .xlsx"
  );
  const statuses = {
    compare: taskStatus("exp-compare-status"),
    sweep: taskStatus("exp-sweep-status"),
    landscape: taskStatus("exp-landscape-status"),
  };

  const title = h("h2", { id: "experiments-title", textContent: "Experiments" });
  root.setAttribute("aria-labelledby", title.id);
  root.replaceChildren(
    h(
      "div",
      { className: "card" },
      title,
      h("p", {
        className: "hint",
        textContent:
          "Each uses the Run tab's data, learning rate, epochs, optimizer and derivative.",
      }),
      h(
        "fieldset",
        {},
        h("legend", { textContent: "Compare models" }),
        h("div", { className: "exp-models" }, ...boxes.map((b) => b.label)),
        h("p", {
          className: "hint",
          textContent:
            "Same data, initial weights and learning rate: a Compare sheet with √SSE per epoch side by side and one live sheet per model.",
        }),
        compare,
        statuses.compare.el
      ),
      h(
        "fieldset",
        {},
        h("legend", { textContent: "Sweep learning rates" }),
        h("div", { className: "field-row" }, from.wrap, to.wrap, count.wrap),
        h("p", {
          className: "hint",
          textContent:
            "Rates from From to To, evenly spaced on a log scale (each the previous one times the same factor): the final √SSE of each, where it exploded, and the largest rate that did not.",
        }),
        sweepBtn,
        statuses.sweep.el
      ),
      h(
        "fieldset",
        {},
        h("legend", { textContent: "Loss landscape" }),
        h("p", {
          className: "hint",
          textContent: `The run sheet and a heat map of the error over two weights (a and b; a and c for two neurons) as live formulas, with the run's path marked. The map shows the ${GLOSSARY.logSse.term}: 2 is an SSE of 100, 3 is 1,000; each 1 more is ten times the error.`,
        }),
        landBtn,
        statuses.landscape.el
      )
    )
  );
  actions.guard(compare, sweepBtn, landBtn);

  const goto = (sheet: string) => {
    const link = button("exp-goto", `Go to sheet “${sheet}”`, "link");
    link.addEventListener(
      "click",
      () =>
        void actions.run({ status: null, keepResult: true }, async () =>
          deps.excel?.selectSheet(sheet)
        )
    );
    return link;
  };
  /** Train (in the worker when large, after letting the progress paint), then write into Excel or save the file; the result goes below the button. */
  const sweepFields = { "exp-from": from, "exp-to": to, "exp-count": count } as Record<
    string,
    Field
  >;
  /** A sweep field's error at its field; a Run-tab setting's error below the button, naming the tab. */
  const atField = (status: TaskStatus) => (e: unknown) => {
    if (!(e instanceof ConfigError)) return false;
    const f = sweepFields[e.field];
    if (f) {
      markField(f, e.message);
      f.control.focus();
      return true;
    }
    if (!RUN_TAB_FIELDS.has(e.field)) return false;
    status.fail(onRunTab(e.message));
    return true;
  };
  const perform = (status: TaskStatus, request: () => ExperimentRequest) =>
    void actions.run({ status, atField: atField(status) }, async () => {
      Object.values(sweepFields).forEach((f) => markField(f, null));
      const excel = deps.excel;
      status.progress("Training…");
      await paint();
      const { experiment: e } = await runJob(
        { kind: "experiment", experiment: request() },
        jobView(status)
      );
      if (!excel) {
        const file = experimentXlsx(e);
        deps.save(file.bytes, file.filename);
        status.show(
          resultHeading(e.line),
          h("p", {
            className: "hint",
            textContent: `Saved ${file.filename}: open it in Excel, LibreOffice or Google Sheets.`,
          })
        );
        return;
      }
      const n = e.workbook.sheets.length;
      const sheets = `${n} sheet${n === 1 ? "" : "s"}`;
      status.progress(`Writing ${sheets} to Excel…`);
      const report = await excel.write(e, (done, total) =>
        status.progress(
          `Writing ${sheets}: ${done} of ${total} request${total === 1 ? "" : "s"} done`,
          done,
          total
        )
      );
      const note = [
        report.axisWarning,
        manualNote(report.calculationMode),
        `Wrote ${report.sheets.map((s) => `“${s}”`).join(", ")}.`,
        report.check?.message,
      ]
        .filter(Boolean)
        .join(" ");
      status.show(
        resultHeading(e.line),
        h("p", { className: "hint", textContent: note }),
        goto(report.sheets[0])
      );
    });

  compare.addEventListener("click", () =>
    perform(statuses.compare, () => ({
      kind: "compare",
      options: deps.options(),
      models: boxes.filter((b) => b.box.checked).map((b) => b.id as ModelId),
    }))
  );
  sweepBtn.addEventListener("click", () =>
    perform(statuses.sweep, () => ({
      kind: "sweep",
      options: deps.options(),
      lrs: sweepRates(from.input.value, to.input.value, count.input.value),
    }))
  );
  landBtn.addEventListener("click", () =>
    perform(statuses.landscape, () => ({ kind: "landscape", options: deps.options() }))
  );
}
