/**
 * The active sheet's card, when it is a GradSheet run: its settings in the pane's words, and
 * Apply (the LearningRate cell only), Rebuild (asks first when cells GradSheet wrote were
 * edited) and Rerun as new sheet. Each reports right below its buttons; the Runs log row of the
 * sheet is rewritten so it says what the sheet computes now and what changed. Check this sheet
 * reads back a sample of what Excel calculated and says whether it agrees with the core.
 */
import { ConfigError, type RunOptions } from "../core";
import {
  checkedOptions,
  exerciseOfRecord,
  exercisePlanOfRecord,
  keepExercise,
  learnerColumns,
  learnerRebuild,
  sheetNameOf,
  type SheetPlan,
} from "../run";
import type { WorkbookGateway, WorkbookStatus } from "../excel";
import { columnRect, keepLearner, rebuildQuestion } from "./exercise-rebuild";
import { actions, taskStatus, type TaskStatus } from "./actions";
import { confirmBox } from "./confirm";
import { exerciseCheck } from "./exercise-check";
import { button, field, h, markField, textInput } from "./dom";
import { optionsFromRecord } from "./runs";
import { jobView, runJob } from "./run-in-worker";
import { resultView } from "./run-result";
import type { RunOutline } from "./worker-tasks";
import type { PaneState } from "./state";
import { DERIVATIVES, formatValue, modelLabel, optimizerLabel, plateauFlag } from "./vocabulary";

/** How a run is written: a new sheet, or over an existing run sheet (Rebuild). */
export interface WriteRun {
  (
    options: RunOptions,
    status: TaskStatus,
    how: {
      replace?: string;
      change: string;
      exercise?: readonly string[] | null;
      /** Runs once the sheet is written (before the result shows); its sentence joins the result's note. */
      after?: (sheet: string) => Promise<string>;
    }
  ): Promise<RunOutline>;
}

export interface ActiveRunCard {
  el: HTMLElement;
  /** Show the workbook's status (the active sheet and whether it is a run). */
  show(st: WorkbookStatus): void;
}

/**
 * Excel as the oracle: its calculated sample of `sheet` against the core's values in `plan`, as one
 * sentence; "" without Excel or under manual calculation (Excel has not calculated yet).
 */
export async function excelAgreement(
  gateway: WorkbookGateway | null,
  sheet: string,
  plan: SheetPlan,
  calculationMode: string
): Promise<string> {
  return !gateway || calculationMode === "Manual"
    ? ""
    : (await gateway.check(sheet, { ...plan, name: sheet })).message;
}

/** The name the one naming rule gives these settings, or null when they no longer resolve. */
function nameByRule(o: RunOptions): string | null {
  try {
    return sheetNameOf(o);
  } catch {
    return null;
  }
}

/** A sheet named by the rule, "… (2)" when the name was taken. */
const sameName = (rule: string, sheet: string) => sheet.replace(/ \(\d+\)$/, "") === rule;

const epochsText = (n: unknown) => `${String(n)} epoch${Number(n) === 1 ? "" : "s"}`;

export function activeRunCard(
  state: PaneState,
  write: WriteRun,
  refresh: () => Promise<void>
): ActiveRunCard {
  const title = h("h2", { id: "active-run-title" });
  const params = h("p", { id: "active-run-params", className: "params" });
  const named = h("p", { id: "active-run-named", className: "hint", hidden: true });
  const lr = field("Learning rate of this sheet", textInput("rerun-lr", ""));
  const epochs = field("Epochs", textInput("rerun-epochs", "", "numeric"));
  const apply = button("apply-lr", "Apply to this sheet");
  const rebuild = button("rebuild", "Rebuild this sheet");
  const rerun = button("rerun-new", "Rerun as new sheet");
  const check = button("check-sheet", "Check this sheet");
  const status = taskStatus("active-status");
  const confirm = confirmBox("confirm");
  // On an experiment sheet (Compare, Sweep, landscape) the card offers Check this sheet only.
  let experiment: string | null = null;
  const lrRow = h("div", { className: "field-row" }, lr.wrap, apply);
  const epochsRow = h("div", { className: "field-row" }, epochs.wrap, rebuild);
  const hint = h("p", {
    className: "hint",
    textContent:
      "Apply writes only the LearningRate cell: Excel recalculates the rows and charts. Rebuild rewrites this sheet; Rerun as new sheet keeps it for comparison. The Runs sheet adds a row for every change and never rewrites one. Check this sheet compares what Excel calculated with the core's numbers.",
  });
  const runOnly = [lrRow, epochsRow, rerun, hint];
  const el = h(
    "section",
    { id: "active-run", className: "card", hidden: true, attrs: { "aria-labelledby": title.id } },
    title,
    params,
    named,
    lrRow,
    epochsRow,
    h("div", { className: "field-row" }, rerun, check),
    hint,
    confirm.el,
    status.el
  );
  actions.guard(apply, rebuild, rerun, check);
  const exercise = exerciseCheck(() => state.gateway?.exercise ?? null, status, confirm);
  check.after(exercise.check, exercise.show);

  /**
   * The card's settings over the sheet's, checked by the core's own rules, so a bad value gets the
   * same words as on the run form (its ConfigError names the field: lr or epochs).
   */
  const withCard = (options: RunOptions, what: { lr?: true; epochs?: true }): RunOptions => {
    const next: RunOptions = {
      ...options,
      ...(what.lr ? { lr: lr.control.value.trim() } : {}),
      ...(what.epochs ? { epochs: epochs.control.value.trim() } : {}),
    };
    return checkedOptions(next);
  };
  const atField = (e: unknown) => {
    if (!(e instanceof ConfigError)) return false;
    const f =
      e.field === "rerun-lr" || e.field === "lr"
        ? lr
        : e.field === "rerun-epochs" || e.field === "epochs"
          ? epochs
          : null;
    if (!f) return false;
    markField(f, e.message);
    f.control.focus();
    return true;
  };
  /** The plan of the sheet's run at `options` (trained in the worker when large), to compare Excel's cells with. */
  const planOf = async (options: RunOptions, sheet: string): Promise<SheetPlan> =>
    (await runJob({ kind: "plan", options, name: sheet, change: "check" }, jobView(status))).plan;
  const act = (fn: (a: NonNullable<PaneState["active"]>) => Promise<void>) => () =>
    void actions.run({ status, atField }, async () => {
      markField(lr, null);
      markField(epochs, null);
      if (state.active) await fn(state.active);
    });

  apply.addEventListener(
    "click",
    act(async ({ sheet, options, record }) => {
      const o = withCard(options, { lr: true });
      const next = Number(o.lr);
      const was = Number(options.lr);
      const change = `learning rate ${formatValue(was)} → ${formatValue(next)} (Apply)`;
      const { result, plan, runsRow } = await runJob(
        { kind: "plan", options: { ...options, lr: next }, name: sheet, change },
        jobView(status)
      );
      const meta = keepExercise(plan.meta, record.options); // an exercise stays one
      await state.gateway!.setLearningRate(sheet, next, meta, runsRow);
      const agreed = await excelAgreement(
        state.gateway,
        sheet,
        plan,
        (await state.gateway!.status()).calculationMode
      );
      status.show(
        resultView(result, {
          sheet: null,
          plateau: plateauFlag(plan),
          explosion: result.explosion,
          note: `Applied to “${sheet}”: ${change}. Excel recalculates its rows and charts; these are the numbers it will show. The Runs sheet says the same. ${agreed}`.trim(),
        })
      );
      await refresh();
    })
  );
  check.addEventListener(
    "click",
    () =>
      void actions.run({ status, atField }, async () => {
        const sheet = state.active?.sheet ?? experiment;
        if (!sheet) return;
        status.progress(`Reading what Excel calculated on “${sheet}”…`);
        const plan = state.active ? await planOf(state.active.options, sheet) : undefined;
        status.show((await state.gateway!.check(sheet, plan)).message);
      })
  );
  rerun.addEventListener(
    "click",
    act(async ({ sheet, options }) => {
      const next = withCard(options, { lr: true, epochs: true });
      await write(next, status, {
        change: `rerun of “${sheet}” with learning rate ${formatValue(Number(next.lr))}, ${epochsText(next.epochs)}`,
      });
    })
  );
  rebuild.addEventListener(
    "click",
    act(async ({ sheet, options, record }) => {
      const next = withCard(options, { lr: true, epochs: true });
      // An exercise's blank columns hold the learner's cells, not GradSheet's: never counted as
      // edits, never cleared; a longer table gets their formula copied down, a shorter one asks first.
      const ex = exerciseOfRecord(record.options);
      const before = exercisePlanOfRecord(await planOf(options, sheet), record.options);
      const after = exercisePlanOfRecord(await planOf(next, sheet), record.options);
      const edited = await state.gateway!.editedCells(sheet, before);
      const mine = await state.gateway!.cellsUnder(sheet, before, after);
      const xl = state.gateway!.exercise;
      const columns = ex && xl ? learnerColumns(before, after) : [];
      const learner = columns.length
        ? learnerRebuild(columns, await xl!.formulas(sheet, columns.map(columnRect)))
        : null;
      const below = learner?.below ?? [];
      if (edited.length || mine.length || below.length) {
        const go = await confirm.ask(
          rebuildQuestion(sheet, edited, mine, below, !!ex),
          "Rebuild anyway",
          "Keep my edits"
        );
        if (!go) return status.show(`Nothing changed: your edits in “${sheet}” are kept.`);
      }
      const changes = [
        Number(next.epochs) !== Number(options.epochs)
          ? `${epochsText(next.epochs)} (was ${String(options.epochs)})`
          : "",
        Number(next.lr) !== Number(options.lr)
          ? `learning rate ${formatValue(Number(next.lr))} (was ${formatValue(Number(options.lr))})`
          : "",
      ].filter(Boolean);
      await write(next, status, {
        replace: sheet,
        exercise: ex?.headers ?? null, // an exercise stays one
        change: `rebuilt${changes.length ? ` with ${changes.join(", ")}` : ""}`,
        after: learner && xl ? (name) => keepLearner(xl, name, columns, learner) : undefined,
      });
      exercise.forget();
    })
  );

  return {
    el,
    show(st) {
      const options = st.activeRun ? optionsFromRecord(st.activeRun.options) : undefined;
      const changed = (state.active?.sheet ?? experiment) !== st.activeSheet;
      state.active =
        st.activeRun && options
          ? {
              sheet: st.activeSheet,
              record: st.activeRun,
              options: { ...options, lr: st.learningRate ?? Number(options.lr) },
            }
          : null;
      experiment = !state.active && st.activeRole === "experiment" ? st.activeSheet : null;
      el.hidden = !state.active && !experiment;
      exercise.update(state.active?.sheet ?? null, state.active?.record.options ?? null);
      runOnly.forEach((e) => (e.hidden = !!experiment));
      if (changed && !actions.busy) status.clear();
      named.hidden = true;
      if (experiment) {
        title.textContent = `This sheet: “${experiment}”`;
        params.textContent =
          "A GradSheet experiment sheet. Check this sheet compares what Excel calculated with the core's numbers.";
      }
      if (!state.active) return;
      const o = state.active.options;
      const derivative =
        DERIVATIVES.find((d) => d.id === o.gradient)?.label.toLowerCase() ?? String(o.gradient);
      title.textContent = `This sheet: “${state.active.sheet}”`;
      params.textContent = `${modelLabel(String(o.model))} · ${optimizerLabel(String(o.optimizer))} · learning rate ${formatValue(Number(o.lr))} · ${epochsText(o.epochs)} · ${derivative} derivative`;
      const fresh = nameByRule(o);
      named.hidden =
        !fresh || !/ lr \S+/.test(state.active.sheet) || sameName(fresh, state.active.sheet);
      named.textContent = `Its name is from when it was written: it now computes the settings above (as a new sheet it would be “${fresh}”).`;
      lr.control.value = String(o.lr);
      epochs.control.value = String(o.epochs);
    },
  };
}
