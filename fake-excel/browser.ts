/**
 * Browser entry of the fake: installs `Excel` and `Office` on `window` before the task pane's
 * bundle runs, and exposes the fake as `window.__fakeExcel` so a test can read the workbook.
 * Options come from `window.__fakeExcelOptions`: the host's (e.g. `{ apiVersion: "1.7" }`) and
 * `syncDelayMs`, a wait before each Excel call is answered (a slow Excel on the web).
 * `window.__fakeExcelBeforeSync` holds functions called as each Excel call starts, so a test can
 * see what the pane shows while Excel works. Formula cells are calculated by a real engine
 * (./engine: HyperFormula, test-only), so the pane reads back what a spreadsheet computed.
 * `workbook.onSelectionChanged` (ExcelApi 1.2) fires when a test selects cells with
 * `__fakeExcel.select(sheet, row, col)`, as the learner clicking a cell (the fake's own rule).
 */
import { createFakeExcel } from "./index";
// the chart doctor's reading of charts and chart events, so the pane's Chart doctor tab works here too
import "./charts-doctor"; // its reading proxies are part of ./charts now; kept for the userChart helpers
import { FakeContext } from "./context";
import { workbookEngine } from "./engine";
import { snapshot } from "./state";

type Options = Parameters<typeof createFakeExcel>[0] & { syncDelayMs?: number };

const w = window as unknown as Record<string, unknown>;
const { syncDelayMs = 0, ...opts } = (w.__fakeExcelOptions as Options) ?? {};
const fake = createFakeExcel({ ...opts, calculate: (s, r, c) => engine.calculate(s, r, c) });
const engine = workbookEngine(fake.state);
const beforeSync: (() => void)[] = [engine.changed];
// a user's edit or rename changes what the engine must calculate, as any Excel call may
for (const key of ["userEdit", "rename"] as const) {
  const edit = fake[key] as (...a: unknown[]) => void;
  (fake as unknown as Record<string, unknown>)[key] = (...a: unknown[]) => {
    edit(...a);
    engine.changed();
  };
}
const sync = FakeContext.prototype.sync;
FakeContext.prototype.sync = async function (this: FakeContext) {
  for (const f of beforeSync) f();
  if (syncDelayMs > 0) await new Promise((r) => setTimeout(r, syncDelayMs));
  return sync.call(this);
};
w.Excel = fake.Excel;
w.Office = fake.Office;
w.__fakeExcel = fake;
w.__fakeExcelBeforeSync = beforeSync;
/** A JSON-safe view of the workbook for the test to read through `page.evaluate`. */
w.__fakeExcelSnapshot = () => snapshot(fake.state);
