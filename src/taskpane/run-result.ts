/**
 * What a run's result looks like in the pane: one headline in the pane's vocabulary, where it
 * diverged, where finite differences got stuck at 0 by rounding (the sheet's h-plateau flag), √SSE per epoch with its meaning, a button to the sheet; and, after the first Generate,
 * the getting-started panel (what was written, where the charts are, what to change).
 */
import { chartsCell, lrCellA1, type SheetPlan } from "../run";
import { explosionSentences, stepPlace, type ExplosionFacts, type RunResult } from "../core";
import { resultHeading } from "./actions";
import { button, h } from "./dom";
import {
  finalRootSse,
  formatValue,
  MEANING,
  plateauSentence,
  plateauShort,
  runTitle,
  type PlateauFlag,
} from "./vocabulary";

/** A per-epoch table longer than this shows its first and last `EDGE` epochs only. */
export const EPOCHS_SHOWN = 8;
const EDGE = 3;

/** The run's result, one view: what ran and its final √SSE, the explosion in three sentences, √SSE per epoch. */
export interface ResultOptions {
  sheet: string | null;
  note: string;
  goto?: (sheet: string) => void;
  /** The sheet's h-plateau flag (finite differences stuck at 0 by rounding), if it has one. */
  plateau?: PlateauFlag | null;
  /** Why it exploded and a rate that did not (./explosion), when it exploded. */
  explosion?: ExplosionFacts | null;
  /** The heading's first words, e.g. "Applied to “Run A”:" (default: none). */
  lead?: string;
}

/** "Go to sheet “…”" as a link-styled button, or null outside Excel. */
function gotoButton(opts: ResultOptions, id: string, text?: string): HTMLButtonElement | null {
  const { sheet, goto } = opts;
  if (!sheet || !goto) return null;
  const go = button(id, text ?? `Go to sheet “${sheet}”`, "link");
  go.addEventListener("click", () => goto(sheet));
  return go;
}

/** √SSE per epoch; a long run shows its first and last epochs and how many more the sheet holds. */
function epochTable(result: Omit<RunResult, "rows">, opts: ResultOptions): HTMLTableElement {
  const row = (e: { epoch: number; rootSse: number }) =>
    h(
      "tr",
      {},
      h("td", { textContent: String(e.epoch) }),
      h("td", { textContent: formatValue(e.rootSse) })
    );
  const all = result.epochs;
  const long = all.length > EPOCHS_SHOWN;
  const hidden = all.length - 2 * EDGE;
  const more = long
    ? h(
        "tr",
        { className: "more" },
        h(
          "td",
          { colSpan: 2 },
          `${hidden} more in the ${opts.sheet ? "sheet" : "file"}`,
          opts.sheet && opts.goto ? " · " : "",
          gotoButton(opts, "goto-sheet-more", "Go to sheet")
        )
      )
    : null;
  return h(
    "table",
    { className: "epochs" },
    h("caption", { className: "visually-hidden", textContent: "√SSE per epoch" }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", textContent: "Epoch" }),
        h("th", { scope: "col", textContent: "√SSE" })
      )
    ),
    h(
      "tbody",
      {},
      ...(long ? all.slice(0, EDGE).map(row) : all.map(row)),
      more,
      ...(long ? all.slice(-EDGE).map(row) : [])
    )
  );
}

/** The rounding plateau: one short sentence, and "Why?" opening the longer text. */
function plateauView(flag: PlateauFlag, config: Omit<RunResult, "rows">["config"]): HTMLElement {
  return h(
    "div",
    { className: "plateau" },
    h("p", { textContent: plateauShort(flag) }),
    h(
      "details",
      { className: "why" },
      h("summary", { textContent: "Why?" }),
      h("p", { className: "hint", textContent: plateauSentence(flag, config) })
    )
  );
}

/** The result of a run: headline (its heading), the explosion, the plateau, √SSE per epoch, "Go to sheet". */
export function resultView(result: Omit<RunResult, "rows">, opts: ResultOptions): HTMLElement {
  const boom = opts.explosion ? explosionSentences(opts.explosion) : null;
  const d = result.divergence;
  return h(
    "section",
    { className: "result", attrs: { "aria-label": "Result" } },
    resultHeading(
      `${opts.lead ? `${opts.lead} ` : ""}${runTitle(result.config)}: final √SSE ${formatValue(finalRootSse(result))}.`
    ),
    boom
      ? h(
          "div",
          { className: "divergence" },
          h("p", { className: "what", textContent: boom.what }),
          h("p", { className: "why-text", textContent: boom.why }),
          h("p", { className: "try", textContent: boom.tryRate })
        )
      : d
        ? h("p", {
            className: "divergence",
            textContent: `The error exploded at ${stepPlace(d, result.config.epochs)}.`,
          })
        : null,
    opts.plateau ? plateauView(opts.plateau, result.config) : null,
    epochTable(result, opts),
    h("p", { className: "hint", textContent: MEANING.rootSse }),
    gotoButton(opts, "goto-sheet"),
    opts.note ? h("p", { className: "hint note", textContent: opts.note }) : null
  );
}

/** The getting-started panel shown once, after the first Generate. */
export function gettingStarted(plan: SheetPlan, sheet: string, helpHref: string): HTMLElement {
  const lrAt = lrCellA1(plan) ?? "the LearningRate cell";
  const at = chartsCell(plan);
  return h(
    "section",
    {
      id: "getting-started",
      className: "card tip",
      attrs: { "aria-labelledby": "getting-started-title" },
    },
    h("h2", { id: "getting-started-title", textContent: "What just happened" }),
    h(
      "ul",
      {},
      h("li", {
        textContent: `“${sheet}” holds the settings at the top, then one row per training step: the weights used, the prediction, the squared error, each derivative and the updated weights, as live formulas.`,
      }),
      h("li", {
        textContent: at
          ? `The charts start at ${at}, under the settings: the squared error and the weights by step, √SSE per epoch and the fit; the step rows follow below them.`
          : "This sheet has no charts.",
      }),
      h("li", {
        textContent: `Try it: type 0.00001 into ${lrAt} (LearningRate) and watch every row and chart recalculate. The Runs sheet keeps a row for every run and every change.`,
      })
    ),
    h("a", {
      href: helpHref,
      target: "_blank",
      rel: "noopener",
      textContent: "Help: how GradSheet's sheets work",
    })
  );
}
