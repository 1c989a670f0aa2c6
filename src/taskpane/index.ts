/**
 * Task pane entry: waits for Office.js honestly (./startup: inside Office as long as it takes, in a
 * plain browser with a timeout) and starts the pane with Excel, or without it so the page is never
 * blank; opened by Office with office.js unreachable, it says so instead of "runs inside Excel".
 * It marks the page as started for taskpane.html's ES5 fallback, which otherwise tells users of
 * too-old web views what to do. It mounts the Experiments section (./experiments-panel, downloads
 * only without Excel) into `<section id="experiments">` and, inside Excel, the chart doctor
 * (./doctor-panel) into `<section id="doctor">`.
 */
import "./polyfills";
import { createWorkbook, explainReader, officeHost } from "../excel";
import { browserSave, plainError, startPane } from "./app";
import { doctorDeps, mountDoctorPanel } from "./doctor-panel";
import { excelExperiments, mountExperimentsPanel } from "./experiments-panel";
import { decideStart, type Start } from "./startup";
import { mountExplainPanel } from "./explain-panel";

document.documentElement.setAttribute("data-pane", "started");

/** Where the pane is, from Office.onReady and the page's host info. */
function whereAmI(): Promise<Start> {
  const w = window as unknown as { external?: unknown; webkit?: unknown; chrome?: unknown };
  let session: Storage | null = null;
  try {
    session = window.sessionStorage;
  } catch {
    // sandboxed frame
  }
  const office = typeof Office === "undefined" ? undefined : Office;
  return decideStart({
    search: window.location.search,
    windowName: window.name,
    session,
    bridges: { external: w.external, webkit: w.webkit, chrome: w.chrome },
    office,
    excelHost: office?.HostType?.Excel,
    hasExcel: typeof Excel !== "undefined",
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onSlow: () => {
      const starting = document.getElementById("starting");
      if (starting && !starting.hidden)
        starting.textContent =
          "Still waiting for Excel… (a slow connection or a cold start can take a while)";
    },
  });
}

async function main(): Promise<void> {
  const start = await whereAmI();
  const host = start === "excel" ? officeHost() : null;
  // Office's theme is read here only and passed on as plain colours.
  const theme = host
    ? (Office.context as { officeTheme?: { bodyBackgroundColor?: string } }).officeTheme
    : null;
  const pane = startPane(host ? createWorkbook(host) : null, { noExcel: !host, theme });
  if (start === "office-unreachable") {
    document.getElementById("no-excel")!.hidden = true;
    document.getElementById("office-unreachable")!.hidden = false;
  }
  const experiments = document.getElementById("experiments");
  if (experiments)
    mountExperimentsPanel(experiments, {
      options: pane.runOptions,
      excel: host ? excelExperiments(host) : null,
      save: browserSave,
      explain: plainError,
    });
  pane.mountExplain((root) =>
    mountExplainPanel(root, {
      reader: host ? explainReader(host) : null,
      options: pane.runOptions,
      save: browserSave,
      explain: plainError,
    })
  );
  const doctor = document.getElementById("doctor");
  if (doctor) {
    doctor.hidden = !host;
    if (host) {
      try {
        mountDoctorPanel(doctor, doctorDeps(host));
      } catch (e) {
        doctor.textContent = `The chart doctor could not start: ${(e as Error)?.message ?? String(e)}`;
      }
    }
  }
}

void main().catch((e: unknown) => {
  const box = document.getElementById("error");
  if (box) {
    box.textContent = `GradSheet could not start: ${(e as Error)?.message ?? String(e)}`;
    box.hidden = false;
  }
});
