/**
 * Task pane entry: waits for Office.js and starts the pane with Excel, or without it (plain
 * browser, or office.js unreachable) so the page is never blank. It mounts the Experiments section
 * (./experiments-panel, downloads only without Excel) into `<section id="experiments">` and, inside
 * Excel, the chart doctor (./doctor-panel) into `<section id="doctor">`.
 */
import { officeHost } from "../excel/host";
import { createWorkbook } from "../excel/workbook";
import { browserSave, plainError, startPane } from "./app";
import { doctorDeps, mountDoctorPanel } from "./doctor-panel";
import { excelExperiments, mountExperimentsPanel } from "./experiments-panel";

/** Office.onReady, or null when Office.js is absent or never answers. */
async function officeInfo(timeoutMs: number): Promise<{ host: unknown } | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  return Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
}

async function main(): Promise<void> {
  const info = await officeInfo(5000);
  const inExcel = info !== null && info.host === Office.HostType.Excel && typeof Excel !== "undefined";
  const host = inExcel ? officeHost() : null;
  const pane = startPane(host ? createWorkbook(host) : null, { noExcel: !host });
  const experiments = document.getElementById("experiments");
  if (experiments) mountExperimentsPanel(experiments, { options: pane.runOptions, excel: host ? excelExperiments(host) : null, save: browserSave, explain: plainError });
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
