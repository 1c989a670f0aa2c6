/**
 * DrawingML chart part → the doctor's plain ChartModel, plus handles on the XML elements each
 * series and axis came from (so the fix can edit exactly those). Handles stay in this folder;
 * the model that leaves it is plain data.
 */
import type { AxisModel, ChartModel, ChartType, DataSource, SeriesModel } from "../../doctor";
import {
  cacheValues,
  checkedRef,
  dataSource,
  type PointBudget,
  type ReadContext,
} from "./chart-data";
import {
  attr,
  descendants,
  kid,
  kids,
  local,
  path,
  textOf,
  type XmlDocument,
  type XmlElement,
} from "./xml";

export type { PointBudget } from "./chart-data";

/** Where each part of the model lives in the XML. */
export interface ChartHandles {
  doc: XmlDocument;
  plotArea: XmlElement;
  /** Chart groups (c:lineChart, c:scatterChart…) in document order. */
  groups: XmlElement[];
  /** Per model series: its c:ser and the group that holds it. */
  series: { ser: XmlElement; group: XmlElement }[];
  /** Axis elements (one per model axis when read; edits replace and remove them). */
  axes: XmlElement[];
  /** The c:axId of each model axis, in model order (fixed at read time). */
  axisIds: string[];
  /** The axis ids of the primary group. */
  primaryIds: string[];
}

const GROUP_TYPES: Record<string, ChartType> = {
  lineChart: "line",
  areaChart: "area",
  barChart: "column",
  scatterChart: "scatter",
};
const AXES = /* @__PURE__ */ new Set(["catAx", "valAx", "dateAx", "serAx"]);

/**
 * Read a parsed chart part. `id` is its part name; `name`/`sheet` come from the drawing; `budget`
 * counts the points every chart of the workbook declares (at most MAX_TOTAL_POINTS). Throws
 * DoctorInputError for counts, indexes and ranges no workbook can hold.
 */
export function readChart(
  doc: XmlDocument,
  id: string,
  extra: { name?: string; sheet?: string; budget?: PointBudget } = {}
): { model: ChartModel; handles: ChartHandles } | null {
  const ctx: ReadContext = { part: id, budget: extra.budget ?? { points: 0 } };
  const chart = kid(doc.root, "c:chart");
  const plotArea = kid(chart, "c:plotArea");
  if (!chart || !plotArea) return null;
  const groups = kids(plotArea).filter((e) => e.q.startsWith("c:") && e.q.endsWith("Chart"));
  const axisEls = kids(plotArea).filter((e) => e.q.startsWith("c:") && AXES.has(local(e.q)));
  const primaryIds = groups.length
    ? kids(groups[0], "c:axId").map((a) => attr(a, "val") ?? "")
    : [];
  const groupOf = (g: XmlElement): "primary" | "secondary" => {
    const ids = kids(g, "c:axId").map((a) => attr(a, "val") ?? "");
    return ids.every((x) => primaryIds.includes(x)) ? "primary" : "secondary";
  };
  const series: SeriesModel[] = [];
  const seriesHandles: ChartHandles["series"] = [];
  for (const g of groups) {
    for (const ser of kids(g, "c:ser")) {
      series.push(readSeries(ser, groupOf(g), ctx));
      seriesHandles.push({ ser, group: g });
    }
  }
  const type = chartType(groups);
  const axes: AxisModel[] = [];
  const axisHandles: XmlElement[] = [];
  const dates = datedCategories(seriesHandles.map((h) => h.ser));
  for (const a of axisEls) {
    const model = readAxis(a, primaryIds, type, ctx);
    if (!model) continue;
    // "Automatically select based on data" over date cells: Excel draws a date axis.
    if (model.kind === "category" && dates && attr(kid(a, "c:auto"), "val") !== "0")
      model.kind = "date";
    axes.push(model);
    axisHandles.push(a);
  }
  const title = titleText(kid(chart, "c:title"), ctx);
  const model: ChartModel = {
    id,
    ...(extra.name !== undefined ? { name: extra.name } : {}),
    ...(extra.sheet !== undefined ? { sheet: extra.sheet } : {}),
    ...(title !== undefined ? { title } : {}),
    type,
    series,
    axes,
  };
  return {
    model,
    handles: {
      doc,
      plotArea,
      groups,
      series: seriesHandles,
      axes: axisHandles,
      axisIds: axisHandles.map((a) => attr(kid(a, "c:axId"), "val") ?? ""),
      primaryIds,
    },
  };
}

/** The chart family; stacked, 3-D, pie and other groups read as "other" (the doctor leaves them alone). */
function chartType(groups: XmlElement[]): ChartType {
  if (!groups.length) return "other";
  const types = groups.map((g) => {
    const t = GROUP_TYPES[local(g.q)];
    if (!t) return "other" as const;
    const grouping = attr(kid(g, "c:grouping"), "val");
    if (grouping === "stacked" || grouping === "percentStacked") return "other" as const;
    if (t === "column" && attr(kid(g, "c:barDir"), "val") === "bar") return "bar" as const;
    return t;
  });
  if (types.includes("other")) return "other";
  const category = types.filter((t) => t !== "scatter");
  if (category.length && category.length < types.length) return "other"; // scatter mixed with categories
  return types[0];
}

function readSeries(
  ser: XmlElement,
  axisGroup: "primary" | "secondary",
  ctx: ReadContext
): SeriesModel {
  const tx = kid(ser, "c:tx");
  const nameRef = path(tx, "c:strRef", "c:f");
  const nameSource: DataSource = nameRef
    ? { kind: "ref", ref: checkedRef(textOf(nameRef), ctx) }
    : kid(tx, "c:v")
      ? { kind: "literal", values: [textOf(kid(tx, "c:v"))] }
      : { kind: "none" };
  const cachedName = path(tx, "c:strRef", "c:strCache")
    ? cacheValues(path(tx, "c:strRef", "c:strCache")!, ctx)[0]
    : undefined;
  const name =
    nameSource.kind === "literal"
      ? String(nameSource.values[0])
      : cachedName != null
        ? String(cachedName)
        : undefined;
  const color =
    attr(path(ser, "c:spPr", "a:ln", "a:solidFill", "a:srgbClr"), "val") ??
    attr(path(ser, "c:spPr", "a:solidFill", "a:srgbClr"), "val");
  return {
    ...(name !== undefined ? { name } : {}),
    nameSource,
    x: dataSource(kid(ser, "c:cat") ?? kid(ser, "c:xVal"), ctx),
    y: dataSource(kid(ser, "c:val") ?? kid(ser, "c:yVal"), ctx),
    axisGroup,
    ...(color ? { color: color.toUpperCase() } : {}),
  };
}

/** True when every series' categories are cells cached with a date format ("m/d/yyyy", "mmm-yy"). */
function datedCategories(sers: XmlElement[]): boolean {
  const formats = sers.map((ser) => path(ser, "c:cat", "c:numRef", "c:numCache", "c:formatCode"));
  return formats.length > 0 && formats.every((f) => f !== undefined && isDateFormat(textOf(f)));
}

/** A number format that shows dates: a day, a year or a month name outside quoted text and [..] tags ("h:mm" is a time). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return !/general/i.test(bare) && /[dy]|mmm/i.test(bare);
}

function readAxis(
  a: XmlElement,
  primaryIds: string[],
  type: ChartType,
  ctx: ReadContext
): AxisModel | null {
  const kind = local(a.q);
  if (kind === "serAx") return null;
  const pos = attr(kid(a, "c:axPos"), "val") ?? "b";
  const horizontal =
    type === "scatter" ? pos === "b" || pos === "t" : kind === "catAx" || kind === "dateAx";
  const scaling = kid(a, "c:scaling");
  const logBase = attr(kid(scaling, "c:logBase"), "val");
  const min = attr(kid(scaling, "c:min"), "val");
  const max = attr(kid(scaling, "c:max"), "val");
  const del = attr(kid(a, "c:delete"), "val");
  const title = kid(a, "c:title");
  const id = attr(kid(a, "c:axId"), "val") ?? "";
  return {
    group: primaryIds.includes(id) ? "primary" : "secondary",
    direction: horizontal ? "horizontal" : "vertical",
    kind: kind === "catAx" ? "category" : kind === "dateAx" ? "date" : "value",
    ...(title ? { title: titleText(title, ctx) ?? "Axis Title" } : {}),
    visible: !(del === "1" || del === "true"),
    scale: logBase ? "log" : "linear",
    ...(logBase ? { logBase: Number(logBase) } : {}),
    ...(min !== undefined ? { min: Number(min) } : {}),
    ...(max !== undefined ? { max: Number(max) } : {}),
  };
}

/** The text of a c:title (rich runs, or a linked title's cache); undefined for an empty title. */
function titleText(title: XmlElement | undefined, ctx: ReadContext): string | undefined {
  if (!title) return undefined;
  const rich = path(title, "c:tx", "c:rich");
  if (rich) {
    const paras = descendants(rich, "a:p").map((p) => descendants(p, "a:t").map(textOf).join(""));
    const t = paras.join("\n").trim();
    return t || undefined;
  }
  const cache = path(title, "c:tx", "c:strRef", "c:strCache");
  if (cache) {
    const t = cacheValues(cache, ctx).map(String).join(" ").trim();
    return t || undefined;
  }
  return undefined;
}
