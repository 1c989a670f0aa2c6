/**
 * Browser entry of the fake: installs `Excel` and `Office` on `window` before the task pane's
 * bundle runs, and exposes the fake as `window.__fakeExcel` so a test can read the workbook.
 * Options come from `window.__fakeExcelOptions` (e.g. `{ apiVersion: "1.7" }`).
 */
import { createFakeExcel } from "./index";
// the chart doctor's reading of charts and chart events, so the pane's Chart doctor tab works here too
import "./charts-doctor";
import { snapshot } from "./state";

const w = window as unknown as Record<string, unknown>;
const fake = createFakeExcel((w.__fakeExcelOptions as Parameters<typeof createFakeExcel>[0]) ?? {});
w.Excel = fake.Excel;
w.Office = fake.Office;
w.__fakeExcel = fake;
/** A JSON-safe view of the workbook for the test to read through `page.evaluate`. */
w.__fakeExcelSnapshot = () => snapshot(fake.state);
