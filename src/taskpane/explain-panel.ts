/**
 * "Explain this step": the learner selects a cell of a run row in a GradSheet run sheet (with
 * "Follow the selection" on, the panel follows Excel's selection event, or looks at most every `followMs` where
 * Excel has none), or types a step number; the panel
 * shows that step's computation with the sheet's own numbers as Excel calculated them, each number
 * a link that selects its cell. Outside Excel a typed step explains the run form's run. Also the
 * lesson workbook's download. Mount with `mountExplainPanel` (e.g. into an Explain tab).
 */
import { CORE_NUMBERS, ConfigError, inGlossaryWords, type RunOptions } from "../core";
import { plainHead, roving } from "./explain-parts";
import type { ExplainReader, SelectedCell } from "../excel";
import {
  cellOf,
  checkStep,
  explainFromCells,
  explainRun,
  explodedAt as explodedOfRun,
  lessonXlsx,
  partText,
  rowsToRead,
  runOptionsFromMeta,
  stepAtRow,
  stepLayout,
  type StepExplanation,
  type StepLayout,
} from "../run";
import { bringToView } from "./actions";
import { RUN_TAB_FIELDS, onRunTab } from "./experiments-panel";
import { field, h, markField, textInput } from "./dom";

export interface ExplainDeps {
  /** Null outside Excel: a typed step then explains the run form's run. */
  reader: ExplainReader | null;
  /** The run form's settings (for a typed step outside Excel). */
  options(): RunOptions;
  save(bytes: Uint8Array, filename: string): void;
  /** Any failure as a sentence a learner can act on. */
  explain(e: unknown): string;
  /** How often to look at Excel's selection, in ms (default 800); 0 turns following off. */
  followMs?: number;
}

/** Build the panel inside `root`; returns a function that stops following the selection. */
export function mountExplainPanel(root: HTMLElement, deps: ExplainDeps): () => void {
  const stepField = field("Step", textInput("explain-step", "", "numeric"));
  const step = stepField.control;
  step.placeholder = "e.g. 27";
  const go = h("button", {
    type: "submit",
    id: "explain-go",
    className: "button",
    textContent: "Explain step",
  });
  const heading = h("h3", { id: "explain-heading", className: "headline", tabIndex: -1 });
  const diverged = h("p", { id: "explain-diverged", className: "divergence", hidden: true });
  const lines = h("ol", { id: "explain-lines" });
  const note = h("p", { id: "explain-note", className: "hint" });
  const keys = h("p", {
    id: "explain-keys",
    className: "hint",
    hidden: true,
    textContent:
      "Each number links to its cell: Tab reaches the first, the arrow keys move between them.",
  });
  const out = h("div", { id: "explain-output" }, heading, diverged, keys, lines, note);
  out.setAttribute("role", "status");
  out.setAttribute("aria-live", "polite");
  const error = h("div", {
    id: "explain-error",
    className: "message-bar error",
    hidden: true,
    tabIndex: -1,
    attrs: { role: "alert" },
  });
  const follow = h("input", { type: "checkbox", id: "explain-follow" });
  const lesson = h("button", {
    type: "button",
    id: "explain-lesson",
    className: "button",
    textContent: "Download the lesson workbook",
  });
  const title = h("h2", { id: "explain-title", textContent: "Explain this step" });
  root.setAttribute("aria-labelledby", title.id);
  const form = h(
    "form",
    { id: "explain-form", noValidate: true },
    h("div", { className: "field-row" }, stepField.wrap, go)
  );
  root.replaceChildren(
    h(
      "div",
      { className: "card" },
      title,
      h("p", {
        className: "hint",
        textContent: deps.reader
          ? "Select a cell of a step row in a GradSheet run sheet, or type a step number."
          : "Type a step number: the run form's run is explained.",
      }),
      form,
      ...(deps.reader
        ? [h("label", { className: "choice" }, follow, "Follow the selection in Excel")]
        : []),
      error,
      out
    ),
    h(
      "div",
      { className: "card" },
      h("p", {
        className: "hint",
        textContent: "The lesson workbook walks the forum thread's questions, one live sheet each.",
      }),
      lesson
    )
  );

  let layoutFor: { key: string; layout: StepLayout } | null = null;
  const layoutOf = (options: RunOptions) => {
    const key = JSON.stringify(options);
    if (layoutFor?.key !== key) layoutFor = { key, layout: stepLayout(options) };
    return layoutFor.layout;
  };
  /** A new request: the old explanation, error and field mark go. */
  const clear = () => {
    error.hidden = true;
    markField(stepField, null);
    heading.textContent = "";
    diverged.hidden = true;
    keys.hidden = true;
    lines.replaceChildren();
    note.textContent = "";
  };
  /** A failure: a bad step at the Step field (marked, focused), anything else in the error bar. */
  const fail = (e: unknown, typed = false) => {
    if (typed && e instanceof ConfigError && e.field === "step") {
      markField(stepField, e.message);
      step.focus();
      return;
    }
    // the run form's run (outside Excel): a bad setting lives on the Run tab, and the error says so
    error.textContent =
      e instanceof ConfigError && RUN_TAB_FIELDS.has(e.field)
        ? onRunTab(e.message)
        : deps.explain(e);
    error.hidden = false;
    if (typed) bringToView(error);
  };

  /** Where the explained run exploded (step of steps), or null. */
  type Exploded = { step: number; steps: number } | null;
  let explodedAt: Exploded = null;
  let explodedFor: { key: string; at: Exploded } | null = null;
  /** Where a sheet's run (its recorded settings) exploded: one summary run per settings, remembered. */
  const explodedOf = (options: RunOptions) => {
    const key = JSON.stringify(options);
    if (explodedFor?.key === key) return explodedFor.at;
    const at: Exploded = explodedOfRun(options);
    explodedFor = { key, at };
    return at;
  };
  const render = (
    e: StepExplanation,
    n: number,
    head: string,
    cell:
      ((p: Parameters<typeof cellOf>[2]) => { a1: string; row: number; col: number } | null) | null,
    sheet: string,
    text: string
  ) => {
    error.hidden = true;
    heading.textContent = head;
    const links: HTMLAnchorElement[] = [];
    lines.replaceChildren(
      ...e.lines.map((l) => {
        const li = h("li", { className: l.label === "k" && e.overshoots ? "overshoots" : "" });
        for (const p of l.parts) {
          const at = typeof p !== "string" && p.ref && cell ? cell(p.ref) : null;
          if (!at)
            li.append(inGlossaryWords(partText(p))); // "learning rate", not the core's "lr"
          else {
            const a = h("a", {
              href: "#",
              textContent: partText(p),
              title: `${sheet}!${at.a1}`,
              tabIndex: links.length ? -1 : 0,
            });
            a.dataset.cell = at.a1;
            links.push(a);
            a.addEventListener("click", (ev) => {
              ev.preventDefault();
              void deps.reader?.select(sheet, at.row, at.col).catch(fail);
            });
            li.append(a);
          }
        }
        return li;
      })
    );
    roving(links);
    keys.hidden = !links.length;
    note.textContent = text;
    const d = explodedAt;
    diverged.hidden = !(d && d.step === n);
    diverged.textContent = d
      ? `This is the step where the run exploded: step ${d.step} of ${d.steps}.`
      : "";
  };

  /** Explain the step at the selection (or the typed step) on the selection's sheet. */
  const explainSheet = async (sel: SelectedCell, typed: string | null) => {
    const options = sel.options ? runOptionsFromMeta(sel.options) : undefined;
    if (!options)
      throw new Error(
        `“${sel.sheet}” is not a GradSheet run sheet: select a cell of a step row in one, or generate a run.`
      );
    const layout = layoutOf(options);
    const n = typed !== null ? checkStep(typed, layout.steps) : stepAtRow(layout, sel.row);
    if (n === null)
      throw new Error(
        `Select a cell in a step row of “${sel.sheet}” (rows ${layout.firstRow + 1} to ${layout.firstRow + layout.steps}), or type a step.`
      );
    const cells = await deps.reader!.read(sel.sheet, rowsToRead(layout, n), layout.inputs);
    const e = explainFromCells(layout, n, cells.rows, cells.inputs);
    explodedAt = explodedOf(options);
    render(
      e.explanation,
      n,
      `${sel.sheet} · ${plainHead(e.heading)}`,
      (ref) => cellOf(layout, n, ref),
      sel.sheet,
      e.fromCells
        ? "Numbers as Excel calculated them; each links to its cell."
        : `Excel has not calculated these cells yet: these are ${CORE_NUMBERS} at the sheet's inputs.`
    );
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clear();
    void (async () => {
      if (deps.reader) await explainSheet(await deps.reader.selection(), step.value);
      else {
        const options = deps.options();
        const ex = explainRun(options, step.value);
        explodedAt = explodedOf(options);
        render(
          ex.explanation,
          Number(ex.json.step),
          plainHead(ex.heading),
          null,
          "",
          `The run form's run: ${CORE_NUMBERS}.`
        );
      }
      heading.focus();
    })().catch((e: unknown) => fail(e, true));
  });
  lesson.addEventListener("click", () => {
    const file = lessonXlsx();
    deps.save(file.bytes, file.filename);
  });

  // Follow the selection once the learner asks: on Excel's selection event, or (when this Excel has
  // none) by looking at most every followMs; never while the pane writes (a look is a request to
  // Excel, so a look it had to skip is retried), explain when the selected row changes.
  const every = deps.followMs ?? 800;
  const reader = deps.reader;
  if (!reader || every <= 0) return () => undefined;
  let last = "";
  let busy = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const look = (again: boolean) => {
    if (!follow.checked || !root.isConnected || root.closest("[hidden]")) return;
    if (busy || document.querySelector('[aria-busy="true"]')) {
      if (again) retry ??= setTimeout(() => ((retry = undefined), look(true)), every);
      return;
    }
    busy = true;
    void reader
      .selection()
      .then((sel) => {
        const key = `${sel.sheet}\u0000${sel.row}`;
        if (key === last) return;
        last = key;
        if (sel.options) return (clear(), explainSheet(sel, null));
      })
      .catch(fail)
      .then(() => (busy = false));
  };
  follow.addEventListener("change", () => look(true));
  let timer: ReturnType<typeof setInterval> | undefined;
  void reader
    .onSelectionChanged(() => look(true))
    .then((told) => {
      if (!told) timer = setInterval(() => look(false), every);
    });
  return () => (clearInterval(timer), clearTimeout(retry));
}
