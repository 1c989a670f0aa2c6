/**
 * The chart doctor's section of the task pane: "Check charts" on this sheet or the whole
 * workbook, each finding with its evidence and a Fix button, "Fix all", and a watch that checks a
 * chart as soon as it is added or selected, fixing it at once when the user prefers. Mounted into
 * the pane's `<section id="doctor">` by `mountDoctorPanel`; all Excel work goes through `deps`,
 * and every check and fix (automatic ones too) through the pane's one action runner. Where this
 * Excel cannot read a chart's cells at all, it says "Can't check here" and names the Excel needed.
 */
import {
  applyDoctorFixes,
  scanCharts,
  watchCharts,
  type ChartWatch,
  type DoctorApplied,
  type DoctorScan,
  type ExcelHost,
} from "../excel";
import { autoFixTargets, findingRows, reportLines, summaryText } from "./doctor-findings";
import { inExcelVersions } from "../core";
import { actions, bringToView, taskStatus } from "./actions";
import { button, h } from "./dom";

/** What the panel needs from Excel and from storage. */
export interface DoctorPanelDeps {
  scan(scope: "active" | "workbook"): Promise<DoctorScan>;
  apply(scan: DoctorScan, only?: (chartId: string) => boolean): Promise<DoctorApplied>;
  watch(
    onScan: (s: DoctorScan) => void,
    onError: (e: unknown) => void
  ): Promise<ChartWatch | { unsupported: string }>;
  /** Where the "fix automatically" preference is kept (default: localStorage). */
  prefs?: { get(key: string): string | null; set(key: string, value: string): void };
}

/** The deps for the real Excel host. */
export function doctorDeps(host: ExcelHost): DoctorPanelDeps {
  return {
    scan: (scope) => scanCharts(host, scope),
    apply: (scan, only) => applyDoctorFixes(host, scan, only),
    watch: (onScan, onError) => watchCharts(host, onScan, onError),
  };
}

const AUTO_KEY = "gradsheet.doctor.autofix";

/** Build the panel inside `root`; returns `unmount` (stops the watch). */
export function mountDoctorPanel(
  root: HTMLElement,
  deps: DoctorPanelDeps
): { unmount(): Promise<void> } {
  const prefs = deps.prefs ?? {
    get: (k: string) => (typeof localStorage === "undefined" ? null : localStorage.getItem(k)),
    set: (k: string, v: string) =>
      typeof localStorage !== "undefined" && localStorage.setItem(k, v),
  };
  const scope = h(
    "select",
    { id: "doctor-scope" },
    h("option", { value: "active", textContent: "This sheet" }),
    h("option", { value: "workbook", textContent: "Whole workbook" })
  );
  const check = button("doctor-check", "Check charts");
  const fixAll = button("doctor-fix-all", "Fix all");
  fixAll.hidden = true;
  const watchBox = h("input", { type: "checkbox", id: "doctor-watch" });
  const autoBox = h("input", {
    type: "checkbox",
    id: "doctor-auto",
    checked: prefs.get(AUTO_KEY) === "1",
  });
  // the check's result heading: it takes focus after Check charts (./actions' bringToView)
  const status = h("p", {
    id: "doctor-status",
    className: "hint headline",
    tabIndex: -1,
    attrs: { "aria-live": "polite" },
  });
  const cantCheck = h("div", {
    id: "doctor-cant-check",
    className: "message-bar info",
    hidden: true,
  });
  const task = taskStatus("doctor-task");
  const list = h("ul", { id: "doctor-findings", className: "doctor-findings" });
  const report = h("ul", { id: "doctor-report", className: "doctor-report" });
  root.replaceChildren(
    h(
      "div",
      { className: "card" },
      h("h2", { textContent: "Chart doctor" }),
      h("p", {
        className: "hint",
        textContent:
          "Finds charts whose horizontal axis is not linked to your x cells, hidden or rescaled secondary axes, log axes over zero, and manual calculation, and fixes them (a chart is changed in place, never deleted).",
      }),
      h(
        "div",
        { className: "row" },
        h("label", { htmlFor: "doctor-scope", textContent: "Check " }),
        scope,
        check,
        fixAll
      ),
      h(
        "div",
        { className: "row" },
        h("label", { className: "choice" }, watchBox, " Check charts as I add or select them")
      ),
      h(
        "div",
        { className: "row" },
        h("label", { className: "choice" }, autoBox, " Fix them without asking")
      ),
      task.el,
      status,
      cantCheck,
      list,
      report
    )
  );
  actions.guard(check, fixAll);

  let last: DoctorScan | null = null;
  let watch: ChartWatch | null = null;
  const fail = (e: unknown) =>
    task.fail(`The chart doctor stopped: ${(e as Error)?.message ?? String(e)}`);

  const show = (scan: DoctorScan) => {
    last = scan;
    status.textContent = summaryText(
      scan.findings,
      scan.model.charts.length,
      scan.cantCheck.length ? [] : scan.limitations
    );
    cantCheck.hidden = !scan.cantCheck.length;
    cantCheck.replaceChildren(
      ...scan.cantCheck.map((t) =>
        h("p", {}, h("strong", { textContent: "Can't check here: " }), inExcelVersions(t))
      )
    );
    const rows = findingRows(scan.findings);
    list.replaceChildren(
      ...rows.map((r) => {
        const fix = h("button", {
          type: "button",
          className: "button doctor-fix",
          textContent: "Fix",
          hidden: !r.fixable,
        });
        fix.dataset.target = r.target;
        fix.addEventListener("click", () => void applyFix((id) => id === r.target));
        return h(
          "li",
          { className: `doctor-finding ${r.severity}` },
          h("strong", {
            textContent: `${r.severity === "error" ? "Problem" : "Note"}: ${r.title}`,
          }),
          h("div", { className: "where", textContent: r.where }),
          h("p", { textContent: r.explanation }),
          ...(r.evidence ? [h("p", { className: "evidence", textContent: r.evidence })] : []),
          h("p", {
            className: "fix",
            textContent: `${r.fixable ? "Fix" : "What to do"}: ${r.fix}`,
          }),
          fix
        );
      })
    );
    fixAll.hidden = !rows.some((r) => r.fixable);
  };

  /** Apply fixes and check again, under the pane's one lock (false when another action holds it). */
  const fixThen = (
    scan: DoctorScan,
    only: ((id: string) => boolean) | undefined,
    rescope: "active" | "workbook"
  ) =>
    actions.run({ status: task }, async () => {
      task.progress("Fixing the charts…");
      const r = await deps.apply(scan, only);
      report.replaceChildren(...reportLines(r).map((t) => h("li", { textContent: t })));
      show(await deps.scan(rescope));
      // the fix's result replaces the check's, and the learner is taken to it (Fix may have gone)
      bringToView(status);
    });
  const applyFix = async (only?: (id: string) => boolean) => {
    if (last) await fixThen(last, only, scope.value as "active" | "workbook");
  };

  /** A chart added or selected: show it, and fix it at once if the user said so. */
  const onWatched = (scan: DoctorScan) => {
    show(scan);
    if (autoBox.checked && autoFixTargets(scan.findings).length) {
      const targets = new Set(autoFixTargets(scan.findings));
      void fixThen(scan, (id) => targets.has(id), "active").then((ran) => {
        if (!ran)
          status.textContent +=
            " Not fixed yet: another action was writing to the workbook; click Fix when it is done.";
      });
    }
  };

  check.addEventListener(
    "click",
    () =>
      void actions.run({ status: task }, async () => {
        report.replaceChildren();
        task.progress("Reading the charts…");
        show(await deps.scan(scope.value as "active" | "workbook"));
        bringToView(status);
      })
  );
  fixAll.addEventListener("click", () => void applyFix());
  autoBox.addEventListener("change", () => prefs.set(AUTO_KEY, autoBox.checked ? "1" : "0"));
  watchBox.addEventListener("change", () => {
    if (watchBox.checked) {
      deps.watch(onWatched, fail).then((w) => {
        if ("unsupported" in w) {
          status.textContent = inExcelVersions(w.unsupported);
          watchBox.checked = false;
          watchBox.disabled = true;
        } else watch = w;
      }, fail);
    } else if (watch) {
      const w = watch;
      watch = null;
      void w.stop().catch(fail);
    }
  });

  return {
    unmount: async () => {
      if (watch) await watch.stop();
      watch = null;
      root.replaceChildren();
    },
  };
}
