/**
 * The pane's one action runner: every click that reads or writes the workbook (Generate, Apply,
 * Rebuild, experiments, the chart doctor and its automatic fixes) runs through `actions.run`,
 * which holds one pane-wide lock, so two workbook writes never overlap. Each action reports into
 * the `TaskStatus` placed next to its own button: progress while it runs, then its result or its
 * error in plain words.
 */
import { excelErrorSentence } from "../excel";
import { h } from "./dom";

/** Turn any failure into a sentence a learner can act on. */
export function plainError(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string };
  const excel = excelErrorSentence(e);
  if (excel) return excel;
  if (err?.code === "ItemNotFound")
    return "A sheet GradSheet expected is gone (renamed or deleted?). Pick the sheet again or generate a new run.";
  if (err?.code === "InvalidArgument")
    return `Excel refused a value: ${err.message ?? "invalid argument"}.`;
  if (err?.code === "ApiNotFound")
    return "This Excel lacks a feature GradSheet needs. Excel on the web or a current Microsoft 365 Excel has it.";
  return err?.message ?? String(e);
}

/** Progress, result and error of one task, shown right below the button that starts it. */
export interface TaskStatus {
  el: HTMLDivElement;
  /** The Cancel button beside the progress (a background run job shows and wires it itself). */
  cancelButton: HTMLButtonElement;
  /** Show a step: `done` of `total` (total null: a step whose length is unknown). */
  progress(text: string, done?: number, total?: number | null): void;
  /**
   * Replace the result with `nodes` (and hide progress and error): a leading string becomes the
   * result's heading. Every other result and error of the same tab goes (it is stale); the
   * result is scrolled into view and its heading (`.headline`) takes focus.
   */
  show(...nodes: (Node | string)[]): void;
  fail(message: string): void;
  /** Remove the previous result and error (a new run makes them stale). */
  clear(): void;
  /** Hide the progress (the action ended). */
  idle(): void;
  /** Scroll the result's heading (or the error) back into view, e.g. after the page around it changed. */
  reveal(): void;
  /** Offer Cancel beside the progress (null: take it away). */
  cancellable(onCancel: (() => void) | null): void;
}

/** Every task status on the page, so a new result can clear the stale ones of its tab. */
const statuses = new Map<HTMLElement, TaskStatus>();

/** The tab panel (or, outside tabs, the page) an element is in. */
const tabOf = (e: Element): Element | null => e.closest('[role="tabpanel"]');

/** Clear every other status of `el`'s tab: one result per tab. */
function clearOthers(el: HTMLElement): void {
  const tab = tabOf(el);
  for (const [other, st] of statuses) if (other !== el && tabOf(other) === tab) st.clear();
}

/** Bring `target` into view and give it focus (the screen reader reads it; nothing else moves). */
export function bringToView(target: HTMLElement): void {
  if (!target.isConnected) return;
  if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
  target.focus({ preventScroll: true });
}

/** A result's heading: the sentence that says what the action did. */
export const resultHeading = (text: string): HTMLHeadingElement =>
  h("h3", { className: "headline", tabIndex: -1, textContent: text });

export function taskStatus(id: string): TaskStatus {
  const bar = h("div", {
    className: "progress-bar",
    attrs: {
      role: "progressbar",
      "aria-label": "Progress",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
    },
  });
  const text = h("p", { className: "hint progress-text" });
  const cancel = h("button", {
    type: "button",
    id: `${id}-cancel`,
    className: "button",
    textContent: "Cancel",
    hidden: true,
  });
  let onCancel: (() => void) | null = null;
  cancel.addEventListener("click", () => onCancel?.());
  const progress = h(
    "div",
    { className: "progress", hidden: true },
    h("div", { className: "progress-track" }, bar),
    h("div", { className: "progress-row" }, text, cancel)
  );
  const error = h("div", {
    id: `${id}-error`,
    className: "message-bar error",
    hidden: true,
    tabIndex: -1,
    attrs: { role: "alert" },
  });
  const result = h("div", {
    id: `${id}-result`,
    className: "task-result",
    attrs: { role: "status", "aria-live": "polite" },
  });
  const el = h("div", { id, className: "task-status" }, progress, error, result);
  const setCancel = (fn: (() => void) | null) => {
    onCancel = fn;
    cancel.hidden = fn === null;
  };
  const idle = () => {
    progress.hidden = true;
    setCancel(null);
  };
  const status: TaskStatus = {
    el,
    cancelButton: cancel,
    progress(message, done, total) {
      progress.hidden = false;
      text.textContent = message;
      const known = typeof done === "number" && typeof total === "number" && total > 0;
      bar.classList.toggle("indeterminate", !known);
      bar.style.width = known ? `${Math.round((100 * done) / total)}%` : "";
      if (known) bar.setAttribute("aria-valuenow", String(Math.round((100 * done) / total)));
      else bar.removeAttribute("aria-valuenow");
    },
    show(...nodes) {
      idle();
      error.hidden = true;
      clearOthers(el);
      const [first, ...rest] = nodes;
      result.replaceChildren(
        ...(typeof first === "string" ? [resultHeading(first), ...rest] : nodes)
      );
      const heading = result.querySelector<HTMLElement>(".headline");
      bringToView(heading ?? result);
    },
    fail(message) {
      idle();
      clearOthers(el);
      result.replaceChildren();
      error.textContent = message;
      error.hidden = false;
      bringToView(error);
    },
    clear() {
      idle();
      error.hidden = true;
      result.replaceChildren();
    },
    idle,
    reveal() {
      const target = error.hidden ? result.querySelector<HTMLElement>(".headline") : error;
      if (!target) return;
      target.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
      if (document.activeElement !== target) target.focus({ preventScroll: true });
    },
    cancellable: setCancel,
  };
  statuses.set(el, status);
  return status;
}

export interface RunOptions {
  /** Where progress and errors go (null: errors go to `fallback`). */
  status: TaskStatus | null;
  /** Show an error at its field instead; return true when it did. */
  atField?: (e: unknown) => boolean;
  /** Keep the previous result while this runs (e.g. "Go to sheet"). */
  keepResult?: boolean;
}

export interface ActionRunner {
  readonly busy: boolean;
  /** Run `fn` under the pane-wide lock; a click while another action runs does nothing (returns false). */
  run(opts: RunOptions, fn: (status: TaskStatus | null) => Promise<void>): Promise<boolean>;
  /** Buttons shown as unavailable (aria-disabled, still focusable) while any action runs. */
  guard(...buttons: HTMLElement[]): void;
  /** Where errors without a TaskStatus are shown. */
  fallback: (message: string) => void;
}

/** A new runner (the pane has one: `actions`). */
export function createActions(): ActionRunner {
  let busy = false;
  const guarded = new Set<HTMLElement>();
  const mark = () => {
    for (const b of guarded)
      b.setAttribute("aria-disabled", String(busy || b.dataset.unavailable === "true"));
    if (typeof document !== "undefined") document.body.setAttribute("aria-busy", String(busy));
  };
  const runner: ActionRunner = {
    get busy() {
      return busy;
    },
    fallback: () => undefined,
    guard(...buttons) {
      buttons.forEach((b) => guarded.add(b));
      mark();
    },
    async run(opts, fn) {
      if (busy) return false;
      busy = true;
      mark();
      if (!opts.keepResult) opts.status?.clear();
      try {
        await fn(opts.status);
        if (!opts.keepResult) opts.status?.reveal();
        return true;
      } catch (e) {
        if (opts.atField?.(e)) return false;
        // role="alert" announces it; it is scrolled into view and takes focus
        if (opts.status) opts.status.fail(plainError(e));
        else runner.fallback(plainError(e));
        return false;
      } finally {
        opts.status?.idle();
        busy = false;
        mark();
      }
    },
  };
  return runner;
}

/** The pane-wide runner every section uses. */
export const actions: ActionRunner = createActions();

/** Let the browser paint (progress) before a long synchronous step such as training. */
export const paint = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
