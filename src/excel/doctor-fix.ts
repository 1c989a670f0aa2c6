/**
 * The chart doctor's fixes inside Excel: each fixed chart changed in place (chartType → XY scatter,
 * then setXAxisValues; series back to the primary axis; axes shown, titled or made linear), one
 * request per chart so a refusal costs only that chart, and calculation set to automatic. Charts
 * are never deleted.
 */
import {
  fixWorkbook,
  parseRef,
  type AppliedFix,
  type ChartModel,
  type SkippedFix,
} from "../doctor";
import { DOCTOR_API, scatterTypeFor, type DoctorScan } from "./doctor";
import { syncWithin, type ExcelHost } from "./host";

/** What applying fixes did. */
export interface DoctorApplied {
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

/**
 * Apply the doctor's fixes to the charts of a scan (all, or those whose id passes `only`), and set
 * calculation to automatic when that was found and `only` allows "workbook".
 */
export async function applyDoctorFixes(
  host: ExcelHost,
  scan: DoctorScan,
  only: (chartId: string | "workbook") => boolean = () => true
): Promise<DoctorApplied> {
  const result = fixWorkbook(scan.model);
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [...result.skipped.filter((s) => only(s.chartId ?? "workbook"))];
  for (const [k, r] of result.charts.entries()) {
    const before = scan.model.charts[k];
    if (!r.applied.length || !only(before.id)) continue;
    try {
      await host.run(async (ctx) => {
        const sync = () => syncWithin(ctx, host.syncTimeoutMs);
        const list = ctx.workbook.worksheets.getItem(before.sheet ?? "").charts.load("items/id");
        await sync();
        const chart = list.items.find((c) => c.id === before.id);
        if (!chart) throw new Error("the chart is no longer there");
        writeChartFix(ctx, chart, before, r.chart, scan.excelTypes[before.id] ?? "Line");
        await sync();
      });
      applied.push(...r.applied);
    } catch (e) {
      for (const a of r.applied)
        skipped.push({
          code: a.code,
          chartId: before.id,
          reason: `Excel refused the change: ${(e as Error).message}`,
        });
    }
  }
  const calc = result.applied.find((a) => a.code === "manual-calculation");
  if (calc && only("workbook")) {
    if (!host.supports(DOCTOR_API.axisGroup))
      skipped.push({
        code: "manual-calculation",
        reason:
          "This Excel cannot switch calculation from an add-in (ExcelApi 1.8): use Formulas > Calculation Options > Automatic.",
      });
    else {
      try {
        await host.run(async (ctx) => {
          ctx.workbook.application.calculationMode = "Automatic";
          await syncWithin(ctx, host.syncTimeoutMs);
        });
        applied.push(calc);
      } catch (e) {
        // Some desktop builds refuse this setter (OfficeDev/office-js#2770): say how to do it by hand.
        skipped.push({
          code: "manual-calculation",
          reason: `Excel refused to switch calculation (${(e as Error).message}): use Formulas > Calculation Options > Automatic.`,
        });
      }
    }
  }
  return { applied, skipped };
}

/** Queue the changes from `before` to `after` on one chart (no sync). */
function writeChartFix(
  ctx: Excel.RequestContext,
  chart: Excel.Chart,
  before: ChartModel,
  after: ChartModel,
  excelType: string
): void {
  const converted = before.type !== "scatter" && after.type === "scatter";
  if (converted) chart.chartType = scatterTypeFor(excelType) as Excel.ChartType;
  after.series.forEach((s, i) => {
    const was = before.series[i];
    const series = chart.series.getItemAt(i);
    // After a change of type, link X explicitly even when the cells are the old categories.
    if ((converted || JSON.stringify(s.x) !== JSON.stringify(was.x)) && s.x.kind === "ref") {
      const r = parseRef(s.x.ref);
      if (r)
        series.setXAxisValues(
          ctx.workbook.worksheets
            .getItem(r.sheet)
            .getRange(s.x.ref.slice(s.x.ref.lastIndexOf("!") + 1))
        );
    }
    if (s.axisGroup !== was.axisGroup)
      series.axisGroup = s.axisGroup === "primary" ? "Primary" : "Secondary";
  });
  for (const a of after.axes) {
    const was = before.axes.find((b) => b.group === a.group && b.direction === a.direction);
    if (!was) continue;
    const axis = chart.axes.getItem(
      a.direction === "horizontal" ? "Category" : "Value",
      a.group === "primary" ? "Primary" : "Secondary"
    );
    if (a.visible && !was.visible) axis.visible = true;
    if (a.title && a.title !== was.title) axis.title.text = a.title;
    if (was.scale === "log" && a.scale === "linear") axis.scaleType = "Linear";
  }
}
