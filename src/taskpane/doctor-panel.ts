/**
 * The chart doctor's section of the task pane: "Check charts" on this sheet or the whole
 * workbook, each finding with its evidence and a Fix button, "Fix all", and a watch that checks a
 * chart as soon as it is added or selected, fixing it at once when the user prefers. Mounted into
 * the pane's `<section id="doctor">` by `mountDoctorPanel`; all Excel work goes through `deps`.
 */
import { applyDoctorFixes, scanCharts, watchCharts, type ChartWatch, type DoctorApplied, type DoctorScan, type ExcelHost } from "../excel";
import { autoFixTargets, findingRows, reportLines, summaryText } from "./doctor-view";
import { addStyle, h } from "./dom";

/** What the panel needs from Excel and from storage. */
export interface DoctorPanelDeps {
  scan(scope: "active" | "workbook"): Promise<DoctorScan>;
  apply(scan: DoctorScan, only?: (chartId: string) => boolean): Promise<DoctorApplied>;
  watch(onScan: (s: DoctorScan) => void, onError: (e: unknown) => void): Promise<ChartWatch | { unsupported: string }>;
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

/** The panel's own few styles, added once to the page (the pane's stylesheet stays untouched). */
const STYLE = `
.doctor-findings, .doctor-report { list-style: none; padding: 0; margin: 0.5em 0; }
.doctor-finding { border-left: 4px solid #b58900; padding: 0.4em 0.6em; margin: 0.5em 0; background: #fdf6e3; }
.doctor-finding.error { border-left-color: #c0392b; background: #fdecea; }
.doctor-finding p { margin: 0.3em 0; }
.doctor-finding .where, .doctor-finding .evidence { font-size: 0.9em; color: #555; }
.doctor-finding .evidence { font-family: ui-monospace, Consolas, monospace; word-break: break-all; }
.doctor-report li { margin: 0.2em 0; }
`;



/** Build the panel inside `root`; returns `unmount` (stops the watch). */
export function mountDoctorPanel(root: HTMLElement, deps: DoctorPanelDeps): { unmount(): Promise<void> } {
  const prefs = deps.prefs ?? {
    get: (k: string) => (typeof localStorage === "undefined" ? null : localStorage.getItem(k)),
    set: (k: string, v: string) => typeof localStorage !== "undefined" && localStorage.setItem(k, v),
  };
  addStyle("doctor-panel-style", STYLE);
  const scope = h("select", { id: "doctor-scope" }, h("option", { value: "active", textContent: "This sheet" }), h("option", { value: "workbook", textContent: "Whole workbook" }));
  const check = h("button", { type: "button", id: "doctor-check", textContent: "Check charts" });
  const fixAll = h("button", { type: "button", id: "doctor-fix-all", textContent: "Fix all", hidden: true });
  const watchBox = h("input", { type: "checkbox", id: "doctor-watch" });
  const autoBox = h("input", { type: "checkbox", id: "doctor-auto", checked: prefs.get(AUTO_KEY) === "1" });
  const status = h("p", { id: "doctor-status", className: "hint" });
  status.setAttribute("aria-live", "polite");
  const list = h("ul", { id: "doctor-findings", className: "doctor-findings" });
  const report = h("ul", { id: "doctor-report", className: "doctor-report" });
  root.replaceChildren(
    h("h2", { textContent: "Chart doctor" }),
    h("p", { className: "hint", textContent: "Finds charts whose horizontal axis is not linked to your x cells, hidden or rescaled secondary axes, log axes over zero, and manual calculation, and fixes them (a chart is changed in place, never deleted)." }),
    h("div", { className: "row" }, h("label", { htmlFor: "doctor-scope", textContent: "Check " }), scope, check, fixAll),
    h("div", { className: "row" }, h("label", {}, watchBox, " Check charts as I add or select them")),
    h("div", { className: "row" }, h("label", {}, autoBox, " Fix them without asking")),
    status,
    list,
    report,
  );

  let last: DoctorScan | null = null;
  let watch: ChartWatch | null = null;
  const busy = (on: boolean) => {
    check.disabled = on;
    fixAll.disabled = on;
  };
  const fail = (e: unknown) => {
    status.textContent = `The chart doctor stopped: ${(e as Error)?.message ?? String(e)}`;
    busy(false);
  };

  const show = (scan: DoctorScan) => {
    last = scan;
    status.textContent = summaryText(scan.findings, scan.model.charts.length, scan.limitations);
    const rows = findingRows(scan.findings);
    list.replaceChildren(
      ...rows.map((r) => {
        const fix = h("button", { type: "button", className: "doctor-fix", textContent: "Fix", hidden: !r.fixable });
        fix.dataset.target = r.target;
        fix.addEventListener("click", () => void applyFix((id) => id === r.target));
        return h(
          "li",
          { className: `doctor-finding ${r.severity}` },
          h("strong", { textContent: `${r.severity === "error" ? "Problem" : "Note"}: ${r.title}` }),
          h("div", { className: "where", textContent: r.where }),
          h("p", { textContent: r.explanation }),
          ...(r.evidence ? [h("p", { className: "evidence", textContent: r.evidence })] : []),
          h("p", { className: "fix", textContent: `${r.fixable ? "Fix" : "What to do"}: ${r.fix}` }),
          fix,
        );
      }),
    );
    fixAll.hidden = !rows.some((r) => r.fixable);
  };

  const applyFix = async (only?: (id: string) => boolean) => {
    if (!last) return;
    busy(true);
    try {
      const r = await deps.apply(last, only);
      report.replaceChildren(...reportLines(r).map((t) => h("li", { textContent: t })));
      show(await deps.scan(scope.value as "active" | "workbook"));
    } catch (e) {
      fail(e);
    }
    busy(false);
  };

  /** A chart added or selected: show it, and fix it at once if the user said so. */
  const onWatched = (scan: DoctorScan) => {
    show(scan);
    if (autoBox.checked && autoFixTargets(scan.findings).length) {
      void (async () => {
        const targets = new Set(autoFixTargets(scan.findings));
        const r = await deps.apply(scan, (id) => targets.has(id));
        report.replaceChildren(...reportLines(r).map((t) => h("li", { textContent: t })));
        show(await deps.scan("active"));
      })().catch(fail);
    }
  };

  check.addEventListener("click", () => {
    busy(true);
    report.replaceChildren();
    deps.scan(scope.value as "active" | "workbook").then((s) => {
      show(s);
      busy(false);
    }, fail);
  });
  fixAll.addEventListener("click", () => void applyFix());
  autoBox.addEventListener("change", () => prefs.set(AUTO_KEY, autoBox.checked ? "1" : "0"));
  watchBox.addEventListener("change", () => {
    if (watchBox.checked) {
      deps.watch(onWatched, fail).then((w) => {
        if ("unsupported" in w) {
          status.textContent = w.unsupported;
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
