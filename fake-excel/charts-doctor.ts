/**
 * What the chart doctor needs from the fake:
 * reading charts back (`charts.load("items/...")`, chart type and title, series with their axis
 * group, data sources (ExcelApi 1.15) and values (1.12), axes by type and group) and chart events
 * (`onAdded`/`onActivated`/`onDeactivated`, 1.8). The chart collection (./charts) hands these out;
 * every read is counted against the response limit like any other load.
 *
 * State conventions (shared with the writer's property bags): chart title in `props["title.text"]`;
 * primary axes under `props["axes.valueAxis.*"]` / `props["axes.categoryAxis.*"]`, secondary ones
 * under `props["axes.Value.Secondary.*"]`; a series' axis group in `props.axisGroup`, typed-in
 * categories or values in `props.xLiteral` / `props.yLiteral`.
 */
import { rangeA1 } from "../src/sheet/address";
import type { FakeContext, FakeHostCore } from "./context";
import { FakeOfficeError, notLoaded } from "./errors";
import type { FakeWorkbookState } from "./state";
import { FakeClientObject, parseQualifiedAddress } from "./client";
import type { FakeRange } from "./range";
import {
  cellKey,
  type FakeChart,
  type FakeRangeRef,
  type FakeSeries as SeriesState,
  type FakeSheet,
} from "./state";

type Handler = (e: {
  chartId: string;
  worksheetId: string;
  type: string;
  source: string;
}) => unknown;
export type EventKind = "ChartAdded" | "ChartActivated" | "ChartDeactivated";
const handlers = new WeakMap<
  FakeHostCore,
  { kind: EventKind; sheet: FakeSheet; handler: Handler }[]
>();
let nextChartId = 1;

/** A chart's stable id (created on first use, like Excel's). */
export function chartId(chart: FakeChart): string {
  chart.props.id ??= `{CHART-${String(nextChartId++).padStart(4, "0")}}`;
  return chart.props.id as string;
}

/** The proxy base with reads by `read(prop)`: every load is counted against the response limit. */
abstract class Loadable extends FakeClientObject {
  protected abstract read(prop: string): unknown;
  protected snapshot(prop: string): unknown {
    return this.read(prop);
  }
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
}

/** A value that arrives at the next sync (OfficeExtension.ClientResult). */
class Result<T> {
  private ready = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.ready = true;
  }
  get value(): T {
    if (!this.ready) throw notLoaded("value");
    return this.v as T;
  }
}

/** "=Sheet1!$A$2:$A$22", as Excel reports a series' source. */
const absolute = (r: FakeRangeRef): string => `=${rangeA1(r)}`;

/** A title's text, stored in the chart's props under `key` ("title.text", "axes.valueAxis.title.text"). */
class DoctorTitle extends Loadable {
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: FakeChart,
    private key: string
  ) {
    super(ctx, path);
  }
  protected read(prop: string): unknown {
    if (prop === "text") return (this.chart.props[this.key] as string | undefined) ?? "";
    throw new FakeOfficeError("InvalidArgument", `Unknown property title.${prop}`);
  }
  get text(): string {
    return this.get("text");
  }
  set text(v: string) {
    this.record("title.text", [v], "1.1", () => (this.chart.props[this.key] = v));
  }
}

class DoctorAxis extends Loadable {
  readonly title: DoctorTitle;
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: FakeChart,
    private key: string
  ) {
    super(ctx, path);
    this.title = new DoctorTitle(ctx, `${path}.title`, chart, `${key}.title.text`);
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === "string" ? props.split(",") : (props ?? [])).map((p) =>
      p.trim()
    );
    if (list.includes("title/text")) this.title.load("text");
    return super.load(list.filter((p) => p && p !== "title/text"));
  }
  protected read(prop: string): unknown {
    const v = this.chart.props[`${this.key}.${prop}`];
    switch (prop) {
      case "visible":
        return v ?? true;
      case "scaleType":
        return v ?? "Linear";
      case "logBase":
        return v ?? 10;
      case "minimum":
      case "maximum":
        return v;
      // ChartAxis.categoryType (ExcelApi 1.7): "Automatic", "TextAxis" or "DateAxis"
      case "categoryType":
        return v ?? "Automatic";
      default:
        throw new FakeOfficeError("InvalidArgument", `Unknown property axis.${prop}`);
    }
  }
  private setProp(name: string, v: unknown, set: string): void {
    this.record(name, [v], set, () => (this.chart.props[`${this.key}.${name}`] = v));
  }
  get visible(): boolean {
    return this.get("visible");
  }
  set visible(v: boolean) {
    this.setProp("visible", v, "1.7");
  }
  get scaleType(): string {
    return this.get("scaleType");
  }
  set scaleType(v: string) {
    this.setProp("scaleType", v, "1.7");
  }
  get logBase(): number {
    return this.get("logBase");
  }
  get minimum(): unknown {
    return this.get("minimum");
  }
  get maximum(): unknown {
    return this.get("maximum");
  }
  get categoryType(): string {
    return this.get("categoryType");
  }
}

class DoctorSeries extends Loadable {
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: FakeChart,
    private index: number
  ) {
    super(ctx, path);
  }
  private s(): SeriesState {
    const s = this.chart.series[this.index];
    if (!s) throw new FakeOfficeError("ItemNotFound", `series ${this.index} not found`);
    return s;
  }
  protected read(prop: string): unknown {
    switch (prop) {
      case "name":
        return this.s().name;
      case "axisGroup":
        return (this.s().props.axisGroup as string | undefined) ?? "Primary";
      case "chartType":
        return (this.s().props.chartType as string | undefined) ?? this.chart.type;
      default:
        throw new FakeOfficeError("InvalidArgument", `Unknown property series.${prop}`);
    }
  }
  get name(): string {
    return this.get("name");
  }
  get axisGroup(): string {
    return this.get("axisGroup");
  }
  set axisGroup(v: string) {
    this.record("axisGroup", [v], "1.8", () => (this.s().props.axisGroup = v));
  }
  get chartType(): string {
    return this.get("chartType");
  }

  private isX(dim: string): boolean {
    return dim === "Categories" || dim === "XValues";
  }
  private cells(r: FakeRangeRef): unknown[] {
    const sheet = this.ctx.state.sheets.find((x) => x.name.toLowerCase() === r.sheet.toLowerCase());
    const out: unknown[] = [];
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++)
        out.push(sheet?.cells.get(cellKey(r.row + i, r.col + j))?.value ?? "");
    return out;
  }
  private result<T>(name: string, dim: string, set: string, compute: () => T): Result<T> {
    const out = new Result<T>();
    this.record(name, [dim], set, () => out.set(compute()));
    return out;
  }
  getDimensionDataSourceString(dim: string): Result<string> {
    return this.result("getDimensionDataSourceString", dim, "1.15", () => {
      const s = this.s();
      const [ref, lit] = this.isX(dim) ? [s.x, s.props.xLiteral] : [s.y, s.props.yLiteral];
      if (ref) return absolute(ref);
      return Array.isArray(lit) ? `={${lit.join(",")}}` : "";
    });
  }
  getDimensionDataSourceType(dim: string): Result<string> {
    return this.result("getDimensionDataSourceType", dim, "1.15", () => {
      const s = this.s();
      const [ref, lit] = this.isX(dim) ? [s.x, s.props.xLiteral] : [s.y, s.props.yLiteral];
      return ref ? "LocalRange" : Array.isArray(lit) ? "List" : "Unknown";
    });
  }
  getDimensionValues(dim: string): Result<unknown[]> {
    return this.result("getDimensionValues", dim, "1.12", () => {
      const s = this.s();
      const [ref, lit] = this.isX(dim) ? [s.x, s.props.xLiteral] : [s.y, s.props.yLiteral];
      if (ref) return this.cells(ref);
      if (Array.isArray(lit)) return [...lit];
      const n = s.y
        ? s.y.rows * s.y.cols
        : Array.isArray(s.props.yLiteral)
          ? s.props.yLiteral.length
          : 0;
      return Array.from({ length: n }, (_, i) => i + 1); // Excel numbers the points 1..n
    });
  }
  setXAxisValues(range: FakeRange): void {
    this.record("setXAxisValues", [range.path], "1.7", () => {
      this.s().x = range.ref();
      delete this.s().props.xLiteral;
    });
  }
}

class DoctorSeriesCollection extends Loadable {
  items: DoctorSeries[] = [];
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: FakeChart
  ) {
    super(ctx, path);
  }
  protected read(): unknown {
    return undefined;
  }
  override load(props?: string | string[]): this {
    const fields = (typeof props === "string" ? props.split(",") : (props ?? []))
      .map((p) => p.trim().replace(/^items\//, ""))
      .filter(Boolean);
    this.ctx.enqueueLoad(() => {
      const items = this.chart.series.map((_, i) => {
        const s = new DoctorSeries(this.ctx, `${this.path}[${i}]`, this.chart, i);
        s.fill(fields.length ? fields : ["name"]);
        return s;
      });
      return () => (this.items = items);
    });
    return this;
  }
  getItemAt(i: number): DoctorSeries {
    this.record("getItemAt", [i], "1.1", () => undefined);
    return new DoctorSeries(this.ctx, `${this.path}[${i}]`, this.chart, i);
  }
}

/** A chart proxy for reading (the writer's proxy only writes). */
export class DoctorChart extends Loadable {
  readonly series: DoctorSeriesCollection;
  readonly title: DoctorTitle;
  readonly axes: { getItem: (type: string, group?: string) => DoctorAxis };
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: FakeChart,
    private sheet: FakeSheet
  ) {
    super(ctx, path);
    this.series = new DoctorSeriesCollection(ctx, `${path}.series`, chart);
    this.title = new DoctorTitle(ctx, `${path}.title`, chart, "title.text");
    this.axes = {
      getItem: (type: string, group = "Primary") => {
        this.record("axes.getItem", [type, group], "1.7", () => {
          if (group === "Secondary" && !chart.series.some((s) => s.props.axisGroup === "Secondary"))
            throw new FakeOfficeError(
              "ItemNotFound",
              "The requested resource doesn't exist (no secondary axis)."
            );
        });
        const key =
          group === "Primary"
            ? type === "Value"
              ? "axes.valueAxis"
              : "axes.categoryAxis"
            : `axes.${type}.Secondary`;
        return new DoctorAxis(ctx, `${path}.axes(${type},${group})`, chart, key);
      },
    };
  }
  protected read(prop: string): unknown {
    switch (prop) {
      case "id":
        return chartId(this.chart);
      case "name":
        return this.chart.name;
      case "chartType":
        return this.chart.type;
      default:
        throw new FakeOfficeError("InvalidArgument", `Unknown property chart.${prop}`);
    }
  }
  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  get chartType(): string {
    return this.get("chartType");
  }
  set chartType(v: string) {
    this.record("chartType", [v], "1.7", () => (this.chart.type = v));
  }
  delete(): void {
    this.record(
      "delete",
      [],
      "1.1",
      () => (this.sheet.charts = this.sheet.charts.filter((c) => c !== this.chart))
    );
  }
}

/** A registration source for one chart event kind on `sheet`'s chart collection (ExcelApi 1.8). */
export function chartEventSource(
  ctx: FakeContext,
  path: string,
  sheet: () => FakeSheet,
  kind: EventKind
) {
  return {
    add: (handler: Handler) => {
      const list = handlers.get(ctx.core) ?? [];
      handlers.set(ctx.core, list);
      const entry = { kind, sheet: sheet(), handler };
      ctx.enqueue({ target: path, name: `on${kind.slice(5)}.add`, args: [], set: "1.8" }, () =>
        list.push(entry)
      );
      return {
        context: ctx,
        remove: () =>
          ctx.enqueue(
            { target: path, name: `on${kind.slice(5)}.remove`, args: [], set: "1.8" },
            () => list.splice(list.indexOf(entry), 1)
          ),
      };
    },
  };
}

// ---- what a user does in Excel ------------------------------------------------------------------

/** A series as a test describes it: references as "Sheet1!$A$2:$A$22", or typed-in lists. */
export interface UserSeries {
  name: string;
  x?: string | (number | string)[];
  y: string | number[];
  axisGroup?: "Primary" | "Secondary";
}

/** What the chart helpers need of a fake (its workbook and host): FakeExcel has both. */
interface FakeExcel {
  state: FakeWorkbookState;
  core: FakeHostCore;
}

/** Build a chart record on a sheet, as if the user had drawn it (no event). */
export function userChart(
  fake: FakeExcel,
  sheetName: string,
  spec: { type: string; title?: string; series: UserSeries[]; props?: Record<string, unknown> }
): FakeChart {
  const sheet = fake.state.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const ref = (a: string): FakeRangeRef => parseQualifiedAddress(a, sheetName);
  const chart: FakeChart = {
    name: `Chart ${sheet.charts.length + 1}`,
    type: spec.type,
    seriesBy: "Columns",
    source: { sheet: sheetName, row: 0, col: 0, rows: 1, cols: 1 },
    series: spec.series.map((s) => ({
      name: s.name,
      x: typeof s.x === "string" ? ref(s.x) : null,
      y: typeof s.y === "string" ? ref(s.y) : null,
      props: {
        ...(Array.isArray(s.x) ? { xLiteral: s.x } : {}),
        ...(Array.isArray(s.y) ? { yLiteral: s.y } : {}),
        ...(s.axisGroup ? { axisGroup: s.axisGroup } : {}),
      },
    })),
    props: { ...(spec.title ? { "title.text": spec.title } : {}), ...spec.props },
  };
  chartId(chart); // Excel gives a chart its id when it is made
  sheet.charts.push(chart);
  return chart;
}

/** Fire a chart event on the handlers registered for the chart's sheet; resolves after they ran. */
export async function fireChartEvent(
  fake: FakeExcel,
  kind: EventKind,
  sheetName: string,
  chart: FakeChart
): Promise<void> {
  const sheet = fake.state.sheets.find((s) => s.name === sheetName)!;
  const list = (handlers.get(fake.core) ?? []).filter((h) => h.kind === kind && h.sheet === sheet);
  await Promise.all(
    list.map((h) =>
      h.handler({ chartId: chartId(chart), worksheetId: sheet.id, type: kind, source: "Local" })
    )
  );
}

/** How many chart handlers are registered (to see that a watch stopped). */
export function chartHandlerCount(fake: FakeExcel): number {
  return (handlers.get(fake.core) ?? []).length;
}
