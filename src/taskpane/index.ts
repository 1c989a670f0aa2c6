/**
 * Task pane entry: waits for Office.js and starts the pane with Excel, or without it (plain
 * browser, or office.js unreachable) so the page is never blank.
 */
import { officeHost } from "../excel/host";
import { createWorkbook } from "../excel/workbook";
import { startPane } from "./app";

/** Office.onReady, or null when Office.js is absent or never answers. */
async function officeInfo(timeoutMs: number): Promise<{ host: unknown } | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  return Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
}

async function main(): Promise<void> {
  const info = await officeInfo(5000);
  const inExcel = info !== null && info.host === Office.HostType.Excel && typeof Excel !== "undefined";
  startPane(inExcel ? createWorkbook(officeHost()) : null, { noExcel: !inExcel });
}

void main().catch((e: unknown) => {
  const box = document.getElementById("error");
  if (box) {
    box.textContent = `GradSheet could not start: ${(e as Error)?.message ?? String(e)}`;
    box.hidden = false;
  }
});
