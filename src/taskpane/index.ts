/**
 * Task pane entry: waits for Office.js and starts the pane with Excel, or without it (plain
 * browser, or office.js unreachable) so the page is never blank. Inside Excel it also mounts the
 * chart doctor (./doctor-panel) into `<section id="doctor">`.
 */
import { officeHost } from "../excel/host";
import { createWorkbook } from "../excel/workbook";
import { startPane } from "./app";
import { doctorDeps, mountDoctorPanel } from "./doctor-panel";

/** Office.onReady, or null when Office.js is absent or never answers. */
async function officeInfo(timeoutMs: number): Promise<{ host: unknown } | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  return Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
}

async function main(): Promise<void> {
  const info = await officeInfo(5000);
  const inExcel = info !== null && info.host === Office.HostType.Excel && typeof Excel !== "undefined";
  const host = inExcel ? officeHost() : null;
  startPane(host ? createWorkbook(host) : null, { noExcel: !host });
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
