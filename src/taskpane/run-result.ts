/**
 * What a run's result looks like in the pane: one headline in the pane's vocabulary, where it
 * diverged, where finite differences got stuck at 0 by rounding (the sheet's h-plateau flag), √SSE per epoch with its meaning, a button to the sheet; and, after the first Generate,
 * the getting-started panel (what was written, where the charts are, what to change).
 */
import type { RunResult } from "../core";
import type { SheetPlan } from "../sheet/plan";
import { a1 } from "../sheet/address";
import { button, h } from "./dom";
import { lrCellOf } from "./runs";
import {
  finalRootSse,
  formatValue,
  MEANING,
  plateauSentence,
  runTitle,
  type PlateauFlag,
} from "./vocabulary";

/** The result of a run: headline, divergence, √SSE per epoch, and (in Excel) "Go to sheet". */
export function resultView(
  result: Omit<RunResult, "rows">,
  opts: {
    sheet: string | null;
    note: string;
    goto?: (sheet: string) => void;
    /** The sheet's h-plateau flag (finite differences stuck at 0 by rounding), if it has one. */
    plateau?: PlateauFlag | null;
  }
): HTMLElement {
  const d = result.divergence;
  const rows = result.epochs.map((e) =>
    h(
      "tr",
      {},
      h("td", { textContent: String(e.epoch) }),
      h("td", { textContent: formatValue(e.rootSse) })
    )
  );
  const go =
    opts.sheet && opts.goto ? button("goto-sheet", `Go to sheet “${opts.sheet}”`, "link") : null;
  if (go && opts.sheet && opts.goto) {
    const sheet = opts.sheet;
    const goto = opts.goto;
    go.addEventListener("click", () => goto(sheet));
  }
  return h(
    "section",
    { className: "result", attrs: { "aria-label": "Result" } },
    h("p", {
      className: "headline",
      textContent: `${runTitle(result.config)}: final √SSE ${formatValue(finalRootSse(result))}.`,
    }),
    d
      ? h("p", {
          className: "divergence",
          textContent: `It diverged at epoch ${d.epoch}, row ${d.row} (step ${d.step}): ${d.reason}`,
        })
      : null,
    opts.plateau
      ? h("p", {
          className: "plateau",
          textContent: plateauSentence(opts.plateau, result.config),
        })
      : null,
    h(
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
      h("tbody", {}, ...rows)
    ),
    h("p", { className: "hint", textContent: MEANING.rootSse }),
    go,
    opts.note ? h("p", { className: "hint note", textContent: opts.note }) : null
  );
}

/** The top-left cell of the plan's charts (the first chart a learner sees), or "" when it has none. */
function chartsCell(plan: SheetPlan): string {
  const row = Math.min(...plan.charts.map((c) => c.anchor.row));
  const col = Math.min(...plan.charts.filter((c) => c.anchor.row === row).map((c) => c.anchor.col));
  return Number.isFinite(row) && Number.isFinite(col) ? a1(row, col) : "";
}

/** The getting-started panel shown once, after the first Generate. */
export function gettingStarted(plan: SheetPlan, sheet: string, helpHref: string): HTMLElement {
  const lr = lrCellOf(plan);
  const lrAt = lr ? a1(lr.row, lr.col) : "the LearningRate cell";
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
