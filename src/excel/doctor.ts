/**
 * The chart doctor inside Excel: reads the charts of the active sheet or the whole workbook into
 * the doctor's plain model, applies the doctor's fixes in place (chartType → XY scatter, then
 * setXAxisValues; series back to the primary axis; axes shown, titled or made linear; calculation
 * set to automatic), and watches charts being added or selected (ExcelApi 1.8). Charts are never
 * deleted. Where ExcelApi 1.15 is missing, data sources cannot be read: values still are (1.12),
 * and the scan says which checks it had to leave out.
 */
import {
  checkWorkbook,
  type CellValue,
  type ChartModel,
  type ChartType,
  type DataSource,
  type Finding,
  type WorkbookModel,
} from "../doctor";
import { readContexts } from "./doctor-context";
import { syncWithin, type ExcelHost } from "./host";
import { excelNeeded } from "./requirements";

/** ExcelApi sets the doctor uses. */
export const DOCTOR_API = {
  read: "1.7",
  axisGroup: "1.8",
  events: "1.8",
  values: "1.12",
  sources: "1.15",
} as const;

/** What a scan found: the plain model, its findings, Excel's chart types and what could not be checked. */
export interface DoctorScan {
  model: WorkbookModel;
  findings: Finding[];
  /** Excel's own chart type per chart id ("Line", "LineMarkers", …), to pick the matching scatter type. */
  excelTypes: Record<string, string>;
  /** Plain sentences about checks left out on this Excel. */
  limitations: string[];
  /** Checks this Excel cannot make at all (it cannot read any chart's cells), naming the Excel that can; empty when none. */
  cantCheck: string[];
}

/** Findings that need a chart's X or Y cells or values: unknowable where Excel gives neither. */
const DATA_FINDINGS = new Set<Finding["code"]>([
  "numeric-categories",
  "literal-categories",
  "absent-categories",
  "literal-values",
  "length-mismatch",
  "log-axis-nonpositive",
]);

export type DoctorScope = "active" | "workbook" | { worksheetId: string; chartId?: string };

/** Excel's chart type → the doctor's family ("other" is never changed). */
export function chartFamily(excelType: string): ChartType {
  if (/Stacked|3D|Pyramid|Cone|Cylinder/.test(excelType)) return "other";
  if (/^Line/.test(excelType)) return "line";
  if (/^Column/.test(excelType)) return "column";
  if (/^Bar/.test(excelType)) return "bar";
  if (/^Area/.test(excelType)) return "area";
  if (/^XYScatter/.test(excelType)) return "scatter";
  return "other";
}

/** The XY scatter type that keeps a chart's look: lines stay lines, markers stay markers. */
export function scatterTypeFor(excelType: string): string {
  if (excelType === "Line") return "XYScatterLinesNoMarkers";
  if (/^Line/.test(excelType)) return "XYScatterLines";
  if (/^Area/.test(excelType)) return "XYScatterLinesNoMarkers";
  return "XYScatter";
}

const strip = (s: string): string => s.replace(/^=/, "").trim();
const flat = (v: unknown[] | undefined): CellValue[] | undefined =>
  v
    ?.map((x) => (Array.isArray(x) ? x[0] : x))
    .map((x) =>
      typeof x === "number" || typeof x === "string" || typeof x === "boolean" ? x : null
    );

/** Read the charts in `scope` and check them. */
export async function scanCharts(
  host: ExcelHost,
  scope: DoctorScope = "active"
): Promise<DoctorScan> {
  const hasSources = host.supports(DOCTOR_API.sources);
  const hasValues = host.supports(DOCTOR_API.values);
  const hasGroups = host.supports(DOCTOR_API.axisGroup);
  const limitations: string[] = [];
  if (!hasSources)
    limitations.push(
      "This Excel does not say which cells a chart reads (that needs ExcelApi 1.15: Microsoft 365 or Excel 2024), so typed-in or missing categories cannot be detected and fixes cannot link X values."
    );
  if (!hasValues)
    limitations.push(
      "This Excel cannot read a chart's values (ExcelApi 1.12), so numeric categories and log axes over values ≤ 0 cannot be checked."
    );
  if (!hasGroups)
    limitations.push(
      "This Excel cannot read secondary axes (ExcelApi 1.8), so they are not checked."
    );
  return host.run(async (ctx) => {
    const sync = () => syncWithin(ctx, host.syncTimeoutMs);
    const wb = ctx.workbook;
    wb.application.load("calculationMode");
    const sheets = await sheetsInScope(ctx, scope, sync);
    const lists = sheets.map((ws) => ws.charts.load("items/id,items/name,items/chartType"));
    await sync();
    const charts: ChartModel[] = [];
    const excelTypes: Record<string, string> = {};
    for (const [k, ws] of sheets.entries()) {
      for (const chart of lists[k].items) {
        if (typeof scope === "object" && scope.chartId && chart.id !== scope.chartId) continue;
        try {
          charts.push(
            await readChart(ctx, chart, ws.name, { hasSources, hasValues, hasGroups }, sync)
          );
        } catch (first) {
          // Some charts (no categories, external data) refuse the data-source questions: read values only.
          try {
            if (!hasSources) throw first;
            charts.push(
              await readChart(
                ctx,
                chart,
                ws.name,
                { hasSources: false, hasValues, hasGroups },
                sync
              )
            );
            limitations.push(
              `Excel did not say which cells chart "${chart.name}" on ${ws.name} reads, so only its values were checked.`
            );
          } catch (e) {
            limitations.push(
              `Chart "${chart.name}" on ${ws.name} could not be read (${(e as Error).message}).`
            );
            continue;
          }
        }
        excelTypes[chart.id] = chart.chartType;
      }
    }
    const contexts = await readContexts(ctx, charts, sync, limitations);
    const mode = wb.application.calculationMode;
    const model: WorkbookModel = {
      charts,
      sheets: contexts,
      calcMode:
        mode === "Manual"
          ? "manual"
          : mode === "AutomaticExceptTables"
            ? "semiautomatic"
            : "automatic",
    };
    // Below ExcelApi 1.12 no chart's data can be read: "no X values" would be a guess, not a finding.
    const blind = !hasSources && !hasValues;
    const findings = checkWorkbook(model).filter((f) => !(blind && DATA_FINDINGS.has(f.code)));
    const cantCheck =
      blind && charts.length
        ? [
            excelNeeded(
              DOCTOR_API.values,
              "Checking whether a chart's X values are linked to your x cells"
            ),
          ]
        : [];
    return { model, findings, excelTypes, limitations, cantCheck };
  });
}

async function sheetsInScope(
  ctx: Excel.RequestContext,
  scope: DoctorScope,
  sync: () => Promise<void>
): Promise<Excel.Worksheet[]> {
  if (scope === "active") {
    const ws = ctx.workbook.worksheets.getActiveWorksheet();
    ws.load("name,id");
    return [ws];
  }
  const all = ctx.workbook.worksheets.load("items/name,items/id");
  await sync();
  return scope === "workbook" ? all.items : all.items.filter((w) => w.id === scope.worksheetId);
}

/** One chart → ChartModel (one sync for its series and axes, one for data sources and values). */
async function readChart(
  ctx: Excel.RequestContext,
  chart: Excel.Chart,
  sheet: string,
  can: { hasSources: boolean; hasValues: boolean; hasGroups: boolean },
  sync: () => Promise<void>
): Promise<ChartModel> {
  const type = chartFamily(chart.chartType);
  chart.title.load("text");
  const series = chart.series.load(can.hasGroups ? "items/name,items/axisGroup" : "items/name");
  // Pie, doughnut and other axis-less charts have no axes to read.
  const axes =
    type === "other"
      ? undefined
      : {
          // a line, column or area chart's x axis says whether it is a date axis (ExcelApi 1.7)
          x: chart.axes
            .getItem("Category", "Primary")
            .load(
              `visible,scaleType,logBase,minimum,maximum,title/text${type === "scatter" ? "" : ",categoryType"}`
            ),
          y: chart.axes
            .getItem("Value", "Primary")
            .load("visible,scaleType,logBase,minimum,maximum,title/text"),
        };
  await sync();
  const [dimX, dimY] =
    type === "scatter" ? (["XValues", "YValues"] as const) : (["Categories", "Values"] as const);
  const reads = series.items.map((s) => ({
    xs: can.hasSources ? s.getDimensionDataSourceString(dimX) : undefined,
    xt: can.hasSources ? s.getDimensionDataSourceType(dimX) : undefined,
    ys: can.hasSources ? s.getDimensionDataSourceString(dimY) : undefined,
    yt: can.hasSources ? s.getDimensionDataSourceType(dimY) : undefined,
    xv: can.hasValues ? s.getDimensionValues(dimX) : undefined,
    yv: can.hasValues ? s.getDimensionValues(dimY) : undefined,
  }));
  const secondary =
    !!axes && can.hasGroups && series.items.some((s) => s.axisGroup === "Secondary");
  const y2 = secondary
    ? chart.axes
        .getItem("Value", "Secondary")
        .load("visible,scaleType,logBase,minimum,maximum,title/text")
    : undefined;
  await sync();
  const source = (
    str: OfficeExtension.ClientResult<string> | undefined,
    t: OfficeExtension.ClientResult<Excel.ChartDataSourceType | string> | undefined,
    v: OfficeExtension.ClientResult<unknown[]> | undefined
  ): DataSource => {
    const values = flat(v?.value);
    if (!str || !t) return values ? { kind: "ref", ref: "", values } : { kind: "none" };
    if (t.value === "List") return { kind: "literal", values: values ?? [] };
    if ((t.value === "LocalRange" || t.value === "ExternalRange") && strip(str.value))
      return { kind: "ref", ref: strip(str.value), ...(values ? { values } : {}) };
    return { kind: "none" };
  };
  const axis = (
    a: Excel.ChartAxis,
    group: "primary" | "secondary",
    direction: "horizontal" | "vertical"
  ) => ({
    group,
    direction,
    // A date axis places points by value, as the .xlsx doctor reads a c:dateAx.
    kind:
      direction !== "horizontal" || type === "scatter"
        ? ("value" as const)
        : a.categoryType === "DateAxis"
          ? ("date" as const)
          : ("category" as const),
    ...(a.title.text ? { title: a.title.text } : {}),
    visible: a.visible,
    scale: a.scaleType === "Logarithmic" ? ("log" as const) : ("linear" as const),
    ...(a.scaleType === "Logarithmic" ? { logBase: a.logBase } : {}),
    ...(typeof a.minimum === "number" ? { min: a.minimum } : {}),
    ...(typeof a.maximum === "number" ? { max: a.maximum } : {}),
  });
  return {
    id: chart.id,
    name: chart.name,
    sheet,
    ...(chart.title.text ? { title: chart.title.text } : {}),
    type,
    series: series.items.map((s, i) => ({
      name: s.name,
      nameSource: { kind: "literal", values: [s.name] },
      x: source(reads[i].xs, reads[i].xt, reads[i].xv),
      y: source(reads[i].ys, reads[i].yt, reads[i].yv),
      axisGroup: can.hasGroups && s.axisGroup === "Secondary" ? "secondary" : "primary",
    })),
    axes: axes
      ? [
          axis(axes.x, "primary", "horizontal"),
          axis(axes.y, "primary", "vertical"),
          ...(y2 ? [axis(y2, "secondary", "vertical")] : []),
        ]
      : [],
  };
}
