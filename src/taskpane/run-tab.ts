/**
 * The Run tab: the run form, Generate and Download with their progress and result right below
 * them (scrolled into view), the getting-started panel after the first Generate, and the active
 * sheet's card (./active-run) after them, so nothing above Generate moves when a run is written.
 */
import { CORE_NUMBERS, ConfigError, type DataPoint, type RunOptions } from "../core";
import { jobView, runJob } from "./run-in-worker";
import { checkSheetFits, exerciseOfPlan, runRecord } from "../run";
import { actions, paint, taskStatus } from "./actions";
import { activeRunCard, excelAgreement, type ActiveRunCard, type WriteRun } from "./active-run";
import { button, h } from "./dom";
import { pointsFromSelection, toOptions } from "./form";
import { gettingStarted, resultView } from "./run-result";
import { runForm, type RunForm } from "./run-form";
import type { PaneState } from "./state";
import { manualNote, plateauFlag } from "./vocabulary";

/**
 * Where Generate's one progress bar stands (percent) after each real step: training and building
 * the plan fill it to `trained`, each write request Excel answers moves it on towards `written`
 * (the finishing request, charts' axes and frozen panes, follows), and the check of what Excel
 * calculated starts at `checking`.
 */
const STEPS = { trained: 20, written: 80, checking: 90 } as const;

export interface RunTab {
  form: RunForm;
  /** The form's current options (with the rows Generate read from the selection); throws a plain sentence. */
  options(): RunOptions;
  /** Re-read the workbook's status (active sheet, calculation). */
  active: ActiveRunCard;
}

export function runTab(root: HTMLElement, state: PaneState, refresh: () => Promise<void>): RunTab {
  const form = runForm();
  const generateBtn = h("button", {
    type: "submit",
    id: "generate",
    className: "button primary",
    textContent: "Generate",
  });
  const downloadBtn = button("download", "Download as .xlsx");
  form.actions.append(generateBtn, downloadBtn);
  const status = taskStatus("run-status");
  /** The points "Use selected cells" read last (the experiments use them too). */
  let points: DataPoint[] | null = null;
  const tip = h("div", { id: "tip-slot" });
  const goto = (sheet: string) =>
    void actions.run({ status: null, keepResult: true }, async () => {
      await state.gateway?.selectSheet(sheet);
      await refresh();
    });

  const write: WriteRun = async (options, st, how) => {
    const gateway = state.gateway;
    if (!gateway)
      throw new Error(
        "Generate needs Excel. Use Download as .xlsx here, or open GradSheet inside Excel."
      );
    if (gateway.writeBlocker) throw new Error(gateway.writeBlocker);
    st.progress("Training: computing every step…", 0, 100);
    await paint();
    // large runs train in a Web Worker (Cancel there leaves the workbook untouched)
    checkSheetFits(options); // refused at the Epochs field before any training
    const {
      result,
      plan: planned,
      record: fullRecord,
      runsRow,
    } = await runJob(
      { kind: "plan", options, name: how.replace, change: how.change },
      jobView(st, STEPS.trained)
    );
    // "Make it an exercise": the chosen columns' step rows stay empty for the learner
    const plan = how.exercise ? exerciseOfPlan(result, planned, how.exercise) : planned;
    const record = how.exercise ? runRecord(plan) : fullRecord;
    // Cancel is safe between write requests: the writer removes the sheets it added; a rebuild
    // stops only before it clears its sheet (after that it finishes rather than leave half a run)
    const stop = new AbortController();
    st.cancellable(() => {
      stop.abort();
      st.cancellable(null);
      st.progress("Cancelling at the next safe point…");
    });
    st.progress("Writing the sheet: looking at the workbook…", STEPS.trained, 100);
    const report = await gateway.write(plan, {
      signal: stop.signal,
      record,
      replace: how.replace,
      runsRow,
      onProgress: (done, total) =>
        st.progress(
          `Writing the sheet: ${done} of ${total} request${total === 1 ? "" : "s"} done`,
          STEPS.trained + Math.round(((STEPS.written - STEPS.trained) * done) / total),
          100
        ),
    });
    st.cancellable(null);
    const kept = (await how.after?.(report.sheet)) ?? ""; // a rebuilt exercise: the learner's cells
    st.progress(
      `Checking a sample of what Excel calculated against ${CORE_NUMBERS}…`,
      STEPS.checking,
      100
    );
    const agreed = how.exercise
      ? "An exercise: the shaded columns are the learner's; Check my formulas on its card grades them."
      : await excelAgreement(gateway, report.sheet, plan, report.calculationMode);
    const late = !stop.signal.aborted
      ? ""
      : how.replace
        ? "Too late to cancel: the sheet was already cleared, so the rebuild finished."
        : "Too late to cancel: Excel had already written the sheet.";
    const notes = [late, report.axisWarning, manualNote(report.calculationMode)];
    const note = [
      notes.filter(Boolean).join(" ") || `Logged in the Runs sheet: ${how.change}.`,
      agreed,
      kept,
    ]
      .filter(Boolean)
      .join(" ");
    st.show(
      resultView(result, {
        sheet: report.sheet,
        note,
        goto,
        plateau: plateauFlag(plan),
        explosion: result.explosion,
      })
    );
    if (state.generated++ === 0)
      tip.replaceChildren(gettingStarted(plan, report.sheet, state.helpHref));
    await refresh();
    return result;
  };

  /** The form's options; with "Use selected cells", the selection read now (or refused with the reason). */
  const optionsNow = async (): Promise<RunOptions> => {
    const v = form.values();
    if (v.dataMode === "cells") {
      if (!state.gateway)
        throw new ConfigError(
          "data",
          "Use selected cells needs Excel: here, use the target line and x values."
        );
      const sel = await state.gateway.readSelection();
      const read = pointsFromSelection(sel.values, sel.address, {
        slope: Number(v.slope),
        intercept: Number(v.intercept),
      });
      form.selectionNote.textContent = read.note;
      points = read.points;
      return toOptions({ ...v, points });
    }
    return toOptions(v);
  };
  const run = (fn: () => Promise<void>) =>
    void actions.run({ status, atField: (e) => form.markError(e) }, async () => {
      form.clearErrors();
      tip.replaceChildren();
      await fn();
    });

  form.el.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (generateBtn.getAttribute("aria-disabled") === "true" && !state.gateway)
      return status.fail(
        "Generate needs Excel. Use Download as .xlsx here, or open GradSheet inside Excel."
      );
    run(async () => {
      await write(await optionsNow(), status, { change: "new run", exercise: form.exercise() });
    });
  });
  downloadBtn.addEventListener("click", () =>
    run(async () => {
      const options = await optionsNow();
      checkSheetFits(options);
      status.progress("Training: computing every step…", 0, 100);
      await paint();
      const { result, bytes, filename, plateau } = await runJob(
        { kind: "xlsx", options },
        jobView(status, 100)
      );
      state.save(bytes, filename);
      status.show(
        resultView(result, {
          sheet: null,
          note: `Saved ${filename}: open it in Excel, LibreOffice or Google Sheets.`,
          plateau,
          explosion: result.explosion,
        })
      );
    })
  );
  if (!state.gateway) generateBtn.dataset.unavailable = "true";
  actions.guard(generateBtn, downloadBtn);

  const active = activeRunCard(state, write, refresh);
  root.replaceChildren(
    h("div", { className: "card" }, h("h2", { textContent: "New run" }), form.el, status.el),
    tip,
    active.el
  );
  const options = (): RunOptions => {
    const v = form.values();
    if (v.dataMode === "cells" && !points)
      throw new ConfigError(
        "data",
        "Use selected cells: Generate reads the selection first; then the experiments use the same rows. Or pick the target line."
      );
    return toOptions({ ...v, points });
  };
  return { form, active, options };
}
