/**
 * The active sheet's card, when it is a GradSheet run: its settings in the pane's words, and
 * Apply (the LearningRate cell only), Rebuild (asks first when cells GradSheet wrote were
 * edited) and Rerun as new sheet. Each reports right below its buttons; the Runs log row of the
 * sheet is rewritten so it says what the sheet computes now and what changed. Check this sheet
 * reads back a sample of what Excel calculated and says whether it agrees with the core.
 */
import { ConfigError, resolveConfig, type RunOptions } from "../core";
import type { SheetPlan } from "../sheet";
import type { WorkbookGateway, WorkbookStatus } from "../excel";
import { actions, taskStatus } from "./actions";
import { confirmBox } from "./confirm";
import { button, field, h, markField, textInput } from "./dom";
import { optionsFromRecord, planFor, runFor } from "./runs";
import { resultView } from "./run-result";
import type { WriteRun } from "./run-tab";
import type { PaneState } from "./state";
import {
  DERIVATIVES,
  formatValue,
  modelLabel,
  optimizerLabel,
  plateauFlag,
  runSheetName,
  runsRow,
} from "./vocabulary";

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
    return runSheetName(resolveConfig(o));
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
      "Apply writes only the LearningRate cell: Excel recalculates the rows and charts. Rebuild rewrites this sheet; Rerun as new sheet keeps it for comparison. The Runs sheet adds a row for every change and never rewrites one. Check this sheet compares what Excel calculated with GradSheet's own numbers.",
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

  const readLr = (): number => {
    const v = Number(lr.control.value);
    if (!lr.control.value.trim() || !Number.isFinite(v) || v <= 0)
      throw new ConfigError(
        "rerun-lr",
        `The learning rate must be a number above 0, not "${lr.control.value}".`
      );
    return v;
  };
  const readEpochs = (): string => {
    const v = Number(epochs.control.value);
    if (!Number.isInteger(v) || v < 1)
      throw new ConfigError(
        "rerun-epochs",
        `Epochs must be a whole number of 1 or more, not "${epochs.control.value}".`
      );
    return epochs.control.value;
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
  const act = (fn: (a: NonNullable<PaneState["active"]>) => Promise<void>) => () =>
    void actions.run({ status, atField }, async () => {
      markField(lr, null);
      markField(epochs, null);
      if (state.active) await fn(state.active);
    });

  apply.addEventListener(
    "click",
    act(async ({ sheet, options }) => {
      const next = readLr();
      const was = Number(options.lr);
      const result = runFor({ ...options, lr: next });
      const change = `learning rate ${formatValue(was)} → ${formatValue(next)} (Apply)`;
      const plan = planFor(result, sheet);
      await state.gateway!.setLearningRate(sheet, next, plan.meta, runsRow(result, sheet, change));
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
        const plan = state.active ? planFor(runFor(state.active.options), sheet) : undefined;
        status.show((await state.gateway!.check(sheet, plan)).message);
      })
  );
  rerun.addEventListener(
    "click",
    act(async ({ sheet, options }) => {
      const next: RunOptions = { ...options, lr: readLr(), epochs: readEpochs() };
      await write(next, status, {
        change: `rerun of “${sheet}” with learning rate ${formatValue(Number(next.lr))}, ${epochsText(next.epochs)}`,
      });
    })
  );
  rebuild.addEventListener(
    "click",
    act(async ({ sheet, options }) => {
      const next: RunOptions = { ...options, lr: readLr(), epochs: readEpochs() };
      const before = planFor(runFor(options), sheet);
      const edited = await state.gateway!.editedCells(sheet, before);
      const mine = await state.gateway!.cellsUnder(sheet, before, planFor(runFor(next), sheet));
      if (edited.length || mine.length) {
        const list = (c: string[]) => `${c.slice(0, 5).join(", ")}${c.length > 5 ? ", …" : ""}`;
        const go = await confirm.ask(
          [
            edited.length
              ? `You changed ${edited.length} cell${edited.length === 1 ? "" : "s"} GradSheet wrote (${list(edited)}).`
              : "",
            mine.length
              ? `Your own cell${mine.length === 1 ? "" : "s"} ${list(mine)} ${mine.length === 1 ? "stands" : "stand"} where the rebuilt run goes.`
              : "",
            `Rebuilding “${sheet}” replaces ${edited.length + mine.length === 1 ? "it" : "them"}; everything else you added stays.`,
          ]
            .filter(Boolean)
            .join(" "),
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
        change: `rebuilt${changes.length ? ` with ${changes.join(", ")}` : ""}`,
      });
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
      runOnly.forEach((e) => (e.hidden = !!experiment));
      if (changed && !actions.busy) status.clear();
      named.hidden = true;
      if (experiment) {
        title.textContent = `This sheet: “${experiment}”`;
        params.textContent =
          "A GradSheet experiment sheet. Check this sheet compares what Excel calculated with GradSheet's own numbers.";
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
