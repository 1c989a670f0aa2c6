/**
 * The pane, built once with `h()` into `#app`: a header with Help, the banners (no Excel,
 * manual calculation), and one tab per task: Run, Experiments, Chart doctor and Explain (hidden
 * until its module mounts). Other modules mount into the tab panels `#experiments`, `#doctor` and
 * `#explain`. Excel is reached only through the plain-data WorkbookGateway (null outside Excel);
 * every workbook action goes through the one runner in ./actions.
 */
import type { RunOptions } from "../core";
import type { WorkbookGateway, WorkbookStatus } from "../excel";
import { actions, plainError } from "./actions";
import { button, h } from "./dom";
import { runTab } from "./run-tab";
import type { PaneState } from "./state";
import { tabs } from "./tabs";
import { applyTheme, type OfficeThemeColors } from "./theme";

export { plainError };

export interface PaneOptions {
  /** True outside Excel: the banner says so and Download as .xlsx replaces Generate. */
  noExcel: boolean;
  /** Save a file (the browser's download by default; tests may replace it). */
  save?: (bytes: Uint8Array, filename: string) => void;
  /** Office's theme colours (`Office.context.officeTheme`), read by the entry point; absent outside Office. */
  theme?: OfficeThemeColors | null;
}

/** Save bytes through the browser's download. */
export function browserSave(bytes: Uint8Array, filename: string): void {
  const blob = new Blob([bytes as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What other modules of the pane may use. */
export interface PaneHandle {
  /** The form's current run options (with the rows read from the selection); throws a plain sentence when invalid. */
  runOptions(): RunOptions;
  /** Fill the Explain tab with `mount(root)` and show the tab. */
  mountExplain(mount: (root: HTMLElement) => void): void;
}

const HELP_HREF = "help.html";

/** A hidden warning bar (shown when its condition holds), announced as `role`. */
const warningBar = (id: string, role: "alert" | "status", ...children: Node[]): HTMLElement =>
  h("div", { id, className: "message-bar warning", hidden: true, attrs: { role } }, ...children);

function banners(): {
  el: HTMLElement;
  noExcel: HTMLElement;
  calc: HTMLElement;
  switchCalc: HTMLButtonElement;
  howTo: HTMLElement;
  error: HTMLElement;
} {
  const noExcel = h(
    "div",
    { id: "no-excel", className: "message-bar info", hidden: true, attrs: { role: "note" } },
    h(
      "p",
      {},
      h("strong", { textContent: "GradSheet runs inside Excel." }),
      " Here, in a plain browser, it cannot write a sheet, but ",
      h("em", { textContent: "Download as .xlsx" }),
      " builds the same run for Excel, LibreOffice or Google Sheets."
    ),
    h(
      "p",
      {},
      "To install it, download ",
      h("a", { href: "manifest.xml", download: "", textContent: "manifest.xml" }),
      "; in Excel on the web choose ",
      h("strong", { textContent: "Home › Add-ins › More Settings › Upload My Add-in" }),
      " and pick it. Windows, Mac and whole classes: see ",
      h("a", { href: HELP_HREF, textContent: "Help" }),
      "."
    )
  );
  // shown by the entry point when Office opened the pane but office.js could not load
  const unreachable = warningBar(
    "office-unreachable",
    "alert",
    h(
      "p",
      {},
      h("strong", { textContent: "Excel opened GradSheet, but Office.js could not be loaded" }),
      " (are you offline, or is appsforoffice.microsoft.com blocked?), so the pane cannot write to the workbook."
    ),
    h(
      "p",
      {},
      "Check the connection, then close and reopen the pane. ",
      h("em", { textContent: "Download as .xlsx" }),
      " still works."
    )
  );
  const switchCalc = button("switch-calc", "Switch to automatic");
  const howTo = h("p", {
    id: "calc-howto",
    className: "hint",
    hidden: true,
    textContent: "In Excel: Formulas › Calculation Options › Automatic.",
  });
  const calc = warningBar(
    "calc-banner",
    "status",
    h(
      "p",
      {},
      h("strong", { textContent: "Calculation is set to Manual." }),
      " The sheet's numbers and charts will not update until you press F9."
    ),
    switchCalc,
    howTo
  );
  const error = h("div", {
    id: "error",
    className: "message-bar error",
    hidden: true,
    attrs: { role: "alert" },
  });
  return {
    el: h("div", { className: "banners" }, noExcel, unreachable, calc, error),
    noExcel,
    calc,
    switchCalc,
    howTo,
    error,
  };
}

export function startPane(gateway: WorkbookGateway | null, opts: PaneOptions): PaneHandle {
  applyTheme(opts.theme);
  const state: PaneState = {
    gateway,
    active: null,
    generated: 0,
    save: opts.save ?? browserSave,
    helpHref: HELP_HREF,
  };
  const b = banners();
  actions.fallback = (message) => {
    b.error.textContent = message;
    b.error.hidden = false;
  };
  const section = (id: string, label: string) =>
    h("section", { id, className: "tab-panel", attrs: { "aria-label": label } });
  const panels = {
    run: section("run", "Run"),
    experiments: section("experiments", "Experiments"),
    doctor: section("doctor", "Chart doctor"),
    explain: section("explain", "Explain"),
  };
  const doctorNote = h("p", {
    className: "hint",
    id: "doctor-outside",
    textContent:
      "The chart doctor checks the charts of the open workbook: open GradSheet inside Excel to use it (the command line has `gradsheet doctor FILE`).",
  });
  const t = tabs([
    { id: "run", label: "Run", panel: panels.run },
    { id: "experiments", label: "Experiments", panel: panels.experiments },
    {
      id: "doctor",
      label: "Chart doctor",
      panel: h("div", { id: "doctor-tab" }, gateway ? null : doctorNote, panels.doctor),
    },
    { id: "explain", label: "Explain", panel: h("div", { id: "explain-tab" }, panels.explain) },
  ]);
  t.setAvailable("explain", false);

  const showStatus = (st: WorkbookStatus) => {
    b.calc.hidden = st.calculationMode !== "Manual";
    b.switchCalc.hidden = !st.canSwitchCalculation;
    b.howTo.hidden = st.canSwitchCalculation;
    run.active.show(st);
  };
  const refresh = async () => {
    if (gateway) showStatus(await gateway.status());
  };
  const run = runTab(panels.run, state, refresh);

  const header = h(
    "header",
    { className: "app-header" },
    h("img", { src: "assets/icon-32.png", alt: "", width: 24, height: 24 }),
    h("h1", { textContent: "GradSheet" }),
    h("span", { className: "tagline", textContent: "gradient descent, one row at a time" }),
    h("a", {
      id: "help-link",
      className: "help",
      href: HELP_HREF,
      target: "_blank",
      rel: "noopener",
      textContent: "Help",
    })
  );
  const app = document.getElementById("app") ?? document.body;
  app.replaceChildren(header, h("main", {}, b.el, t.el));
  document.getElementById("starting")?.remove();
  b.noExcel.hidden = !opts.noExcel;

  b.switchCalc.addEventListener(
    "click",
    () =>
      void actions.run({ status: null }, async () => {
        await gateway?.switchToAutomatic();
        await refresh();
      })
  );
  actions.guard(b.switchCalc);
  if (gateway) {
    void actions.run({ status: null }, async () => {
      await refresh();
      await gateway.onSheetActivated(
        () => void refresh().catch((e: unknown) => actions.fallback(plainError(e)))
      );
      // Too old an Excel: say so at once, not only when Generate is clicked.
      if (gateway.writeBlocker) throw new Error(gateway.writeBlocker);
    });
  }
  document.body.dataset.ready = opts.noExcel ? "no-excel" : "excel";
  return {
    runOptions: run.options,
    mountExplain(mount) {
      mount(panels.explain);
      t.setAvailable("explain", true);
    },
  };
}
