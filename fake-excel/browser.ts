/**
 * Browser entry of the fake: installs `Excel` and `Office` on `window` before the task pane's
 * bundle runs, and exposes the fake as `window.__fakeExcel` so a test can read the workbook.
 * Options come from `window.__fakeExcelOptions`: the host's (e.g. `{ apiVersion: "1.7" }`) and
 * `syncDelayMs`, a wait before each Excel call is answered (a slow Excel on the web).
 * `window.__fakeExcelBeforeSync` holds functions called as each Excel call starts, so a test can
 * see what the pane shows while Excel works.
 */
import { createFakeExcel } from "./index";
// the chart doctor's reading of charts and chart events, so the pane's Chart doctor tab works here too
import "./charts-doctor";
import { FakeContext } from "./context";
import { snapshot } from "./state";

type Options = Parameters<typeof createFakeExcel>[0] & { syncDelayMs?: number };

const w = window as unknown as Record<string, unknown>;
const { syncDelayMs = 0, ...opts } = (w.__fakeExcelOptions as Options) ?? {};
const fake = createFakeExcel(opts);
const beforeSync: (() => void)[] = [];
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
