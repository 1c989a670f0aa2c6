/**
 * "Explain this step": the learner selects a cell of a run row in a GradSheet run sheet (with
 * "Follow the selection" on, the panel follows Excel's selection event, or looks at most every `followMs` where
 * Excel has none), or types a step number; the panel
 * shows that step's computation with the sheet's own numbers as Excel calculated them, each number
 * a link that selects its cell. Outside Excel a typed step explains the run form's run. Also the
 * lesson workbook's download. Mount with `mountExplainPanel` (e.g. into an Explain tab).
 */
import type { RunOptions } from "../core";
import type { ExplainReader, SelectedCell } from "../excel";
import {
  cellOf,
  checkStep,
  explainFromCells,
  explainRun,
  lessonXlsx,
  partText,
  rowsToRead,
  runOptionsFromMeta,
  stepAtRow,
  stepLayout,
  type StepExplanation,
  type StepLayout,
} from "../run";
import { h } from "./dom";

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
  const step = h("input", {
    id: "explain-step",
    type: "text",
    autocomplete: "off",
    placeholder: "e.g. 27",
  });
  step.inputMode = "numeric";
  const go = h("button", {
    type: "button",
    id: "explain-go",
    className: "button",
    textContent: "Explain step",
  });
  const heading = h("p", { id: "explain-heading" });
  const lines = h("ol", { id: "explain-lines" });
  const note = h("p", { id: "explain-note", className: "hint" });
  const out = h("div", { id: "explain-output" }, heading, lines, note);
  out.setAttribute("role", "status");
  out.setAttribute("aria-live", "polite");
  const error = h("div", { id: "explain-error", className: "message-bar error", hidden: true });
  const follow = h("input", { type: "checkbox", id: "explain-follow" });
  const lesson = h("button", {
    type: "button",
    id: "explain-lesson",
    className: "button",
    textContent: "Download the lesson workbook",
  });
  const title = h("h2", { id: "explain-title", textContent: "Explain this step" });
  root.setAttribute("aria-labelledby", title.id);
  root.replaceChildren(
    title,
    h("p", {
      className: "hint",
      textContent: deps.reader
        ? "Select a cell of a step row in a GradSheet run sheet, or type a step number."
        : "Type a step number: the run form's run is explained.",
    }),
    h(
      "div",
      { className: "field-row" },
      h("div", { className: "field" }, h("label", { htmlFor: step.id, textContent: "Step" }), step),
      go
    ),
    ...(deps.reader
      ? [h("label", { className: "choice" }, follow, "Follow the selection in Excel")]
      : []),
    error,
    out,
    h("p", {
      className: "hint",
      textContent: "The lesson workbook walks the forum thread's questions, one live sheet each.",
    }),
    lesson
  );

  let layoutFor: { key: string; layout: StepLayout } | null = null;
  const layoutOf = (options: RunOptions) => {
    const key = JSON.stringify(options);
    if (layoutFor?.key !== key) layoutFor = { key, layout: stepLayout(options) };
    return layoutFor.layout;
  };
  const fail = (e: unknown) => {
    error.textContent = deps.explain(e);
    error.hidden = false;
  };

  const render = (
    e: StepExplanation,
    head: string,
    cell:
      ((p: Parameters<typeof cellOf>[2]) => { a1: string; row: number; col: number } | null) | null,
    sheet: string,
    text: string
  ) => {
    error.hidden = true;
    heading.textContent = head;
    lines.replaceChildren(
      ...e.lines.map((l) => {
        const li = h("li", { className: l.label === "k" && e.overshoots ? "overshoots" : "" });
        for (const p of l.parts) {
          const at = typeof p !== "string" && p.ref && cell ? cell(p.ref) : null;
          if (!at) li.append(partText(p));
          else {
            const a = h("a", { href: "#", textContent: partText(p), title: `${sheet}!${at.a1}` });
            a.dataset.cell = at.a1;
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
    note.textContent = text;
  };

  /** Explain the step at the selection (or the typed step) on the selection's sheet. */
  const explainSheet = async (sel: SelectedCell, typed: string | null) => {
    const options = sel.options ? runOptionsFromMeta(sel.options) : undefined;
    if (!options)
      throw new Error(
        `“${sel.sheet}” is not a GradSheet run sheet: select a cell of a step row in one, or generate a run.`
      );
    const layout = layoutOf(options);
    const at = typed ?? stepAtRow(layout, sel.row);
    if (at === null)
      throw new Error(
        `Select a cell in a step row of “${sel.sheet}” (rows ${layout.firstRow + 1} to ${layout.firstRow + layout.steps}), or type a step.`
      );
    const n = checkStep(at, layout.steps);
    const cells = await deps.reader!.read(sel.sheet, rowsToRead(layout, n), layout.inputs);
    const e = explainFromCells(layout, n, cells.rows, cells.inputs);
    render(
      e.explanation,
      `${sel.sheet} · ${e.heading}`,
      (ref) => cellOf(layout, n, ref),
      sel.sheet,
      e.fromCells
        ? "Numbers as Excel calculated them; each links to its cell."
        : "Excel has not calculated these cells yet: the numbers are GradSheet's core at the sheet's inputs."
    );
  };

  go.addEventListener("click", () => {
    void (async () => {
      if (deps.reader) return explainSheet(await deps.reader.selection(), step.value);
      const ex = explainRun(deps.options(), step.value);
      render(
        ex.explanation,
        ex.heading,
        null,
        "",
        "The run form's run, computed by GradSheet's core."
      );
    })().catch(fail);
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
        if (sel.options) return explainSheet(sel, null);
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
