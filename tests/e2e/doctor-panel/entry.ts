/**
 * Browser entry for the doctor panel's e2e test: the fake Excel (with chart reading), the forum's
 * sheet and line chart, and the panel mounted into `<section id="doctor">`. Exposes the fake as
 * `window.doctorFake` so the test can add charts as a user would and read the state.
 */
import { applyDoctorFixes, scanCharts, watchCharts } from "../../../src/excel";
import type { ExcelHost } from "../../../src/excel/host";
import { mountDoctorPanel } from "../../../src/taskpane/doctor-panel";
import { cellKey, createFakeExcel } from "../../../fake-excel";
import { fireChartEvent, userChart } from "../../../fake-excel/charts-doctor";

const fake = createFakeExcel({ apiVersion: "1.15" });
const sheet = fake.state.sheets[0];
const xs = Array.from({ length: 21 }, (_, i) => -80 + 10 * i);
[["x", "y"], ...xs.map((x) => [x, 2 * x + 30])].forEach((r, i) =>
  r.forEach((v, j) => sheet.cells.set(cellKey(i, j), { value: v, format: {} }))
);
userChart(fake, "Sheet1", {
  type: "LineMarkers",
  title: "y = 2x + 30",
  series: [{ name: "y", x: xs.map((_, i) => i + 1), y: "Sheet1!$B$2:$B$22" }],
});

const host: ExcelHost = {
  run: (fn) => fake.Excel.run((ctx) => fn(ctx as unknown as Excel.RequestContext)),
  supports: (v) => fake.Office.context.requirements.isSetSupported("ExcelApi", v),
  syncTimeoutMs: 2000,
};
const memory = new Map<string, string>();
mountDoctorPanel(document.getElementById("doctor")!, {
  scan: (scope) => scanCharts(host, scope),
  apply: (scan, only) => applyDoctorFixes(host, scan, only),
  watch: (onScan, onError) => watchCharts(host, onScan, onError),
  prefs: { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) },
});

(window as unknown as Record<string, unknown>).doctorFake = {
  state: fake.state,
  /** The user draws a line chart of y with no categories, and Excel fires onAdded. */
  addLineChart: async () => {
    const chart = userChart(fake, "Sheet1", {
      type: "Line",
      series: [{ name: "again", y: "Sheet1!$B$2:$B$22" }],
    });
    await fireChartEvent(fake, "ChartAdded", "Sheet1", chart);
  },
};
