/**
 * The chart doctor watching the workbook: every chart added, selected or deselected (ExcelApi 1.8)
 * is scanned and reported as it happens, on every sheet, including sheets added after the watch
 * started (WorksheetCollection.onAdded, ExcelApi 1.7).
 */
import { DOCTOR_API, scanCharts, type DoctorScan } from "./doctor";
import { syncWithin, type ExcelHost } from "./host";

/** A running watch: call `stop()` to remove the handlers. */
export interface ChartWatch {
  stop(): Promise<void>;
}

/**
 * Watch every sheet's charts (added, selected, deselected: ExcelApi 1.8) and report each changed
 * chart's scan to `onScan`. Returns null, with the reason, on an Excel without ExcelApi 1.8.
 */
export async function watchCharts(
  host: ExcelHost,
  onScan: (scan: DoctorScan) => void,
  onError: (e: unknown) => void = () => undefined
): Promise<ChartWatch | { unsupported: string }> {
  if (!host.supports(DOCTOR_API.events))
    return {
      unsupported:
        "Checking charts as you add them needs ExcelApi 1.8 (Excel 2021 or Microsoft 365); use Check charts instead.",
    };
  const handle = (e: { worksheetId: string; chartId: string }) => {
    scanCharts(host, { worksheetId: e.worksheetId, chartId: e.chartId }).then(onScan, onError);
  };
  const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
  const watchSheet = (ws: Excel.Worksheet) => {
    for (const source of [ws.charts.onAdded, ws.charts.onActivated, ws.charts.onDeactivated])
      results.push(
        (source as Excel.ChartCollection["onAdded"]).add(async (e) =>
          handle(e)
        ) as OfficeExtension.EventHandlerResult<unknown>
      );
  };
  let stopped = false;
  await host.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/id");
    await syncWithin(ctx, host.syncTimeoutMs);
    for (const ws of sheets.items) watchSheet(ws);
    // a sheet added after the watch started (by the learner or by GradSheet) is watched too
    results.push(
      ctx.workbook.worksheets.onAdded.add(async (e) => {
        if (stopped) return;
        await host
          .run(async (c) => {
            watchSheet(c.workbook.worksheets.getItem(e.worksheetId));
            await syncWithin(c, host.syncTimeoutMs);
          })
          .catch(onError);
      }) as OfficeExtension.EventHandlerResult<unknown>
    );
    await syncWithin(ctx, host.syncTimeoutMs);
  });
  return {
    stop: async () => {
      stopped = true;
      for (const r of results) {
        r.remove();
        await r.context.sync();
      }
    },
  };
}
