/** The chart proxies of the fake: the collection (add, read back, events), a chart, a series. */
import { FakeOfficeError } from "./errors";
import type { FakeContext } from "./context";
import { bag, FakeClientObject, parseAddress } from "./client";
import type { FakeRange } from "./range";
import type { FakeChart, FakeSheet } from "./state";
import { chartEventSource, chartId, DoctorChart } from "./charts-doctor";

export class FakeChartCollection extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    if (prop === "count") return this.sheet().charts.length;
    throw new FakeOfficeError("InvalidArgument", `Unknown property charts.${prop}`);
  }
  get count(): number {
    return this.get("count");
  }
  items: DoctorChart[] = [];
  readonly onAdded = chartEventSource(this.ctx, this.path, () => this.sheet(), "ChartAdded");
  readonly onActivated = chartEventSource(
    this.ctx,
    this.path,
    () => this.sheet(),
    "ChartActivated"
  );
  readonly onDeactivated = chartEventSource(
    this.ctx,
    this.path,
    () => this.sheet(),
    "ChartDeactivated"
  );
  /**
   * Load the charts: with item fields ("items/name", or Microsoft's runtime's bare "name") each
   * item is a reading proxy with them filled; a bare "count" is the collection's own property.
   * What is read is counted against the response limit.
   */
  override load(props?: string | string[]): this {
    const list = (typeof props === "string" ? props.split(",") : (props ?? []))
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length && list.every((p) => p === "count")) return super.load(list);
    const fields = list.map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    this.ctx.enqueueLoad(() => {
      const sheet = this.sheet();
      const items = sheet.charts.map((c, i) => {
        const chart = new DoctorChart(this.ctx, `${this.path}[${i}]`, c, sheet);
        chart.fill(fields.length ? fields : ["id", "name", "chartType"]);
        return chart;
      });
      this.ctx.respond(items.map((i) => i.toJSON()));
      return () => (this.items = items);
    });
    return this;
  }
  /**
   * A chart by name (a writing proxy), or by the id it was loaded with: Microsoft's runtime
   * reaches a loaded chart again through the collection's indexer with its Id (a reading proxy).
   */
  getItem(name: string): FakeChartProxy {
    this.record("getItem", [name], "1.1", () => undefined);
    let sheet: FakeSheet | null = null;
    try {
      sheet = this.sheet();
    } catch {
      /* a sheet added in this batch: no chart of it was loaded yet */
    }
    const i = sheet ? sheet.charts.findIndex((c) => c.props.id === name) : -1;
    if (sheet && i >= 0)
      return new DoctorChart(
        this.ctx,
        `${this.path}[${i}]`,
        sheet.charts[i],
        sheet
      ) as unknown as FakeChartProxy;
    return new FakeChartProxy(this.ctx, `${this.path}(${JSON.stringify(name)})`, () => {
      const c = this.sheet().charts.find((x) => x.name === name);
      if (!c) throw new FakeOfficeError("ItemNotFound", `chart ${name} not found`);
      return c;
    });
  }
  add(type: string, source: FakeRange, seriesBy?: string): FakeChartProxy {
    let chart: FakeChart | null = null;
    this.record("add", [type, source.path, seriesBy], "1.1", () => {
      const ref = source.ref();
      const byRows = seriesBy === "Rows";
      const n = byRows ? ref.rows : ref.cols;
      chart = {
        name: `Chart ${this.sheet().charts.length + 1}`,
        type,
        seriesBy,
        source: ref,
        series: Array.from({ length: n }, (_, i) => ({
          name: `Series${i + 1}`,
          x: null,
          y: byRows ? { ...ref, row: ref.row + i, rows: 1 } : { ...ref, col: ref.col + i, cols: 1 },
          props: {},
        })),
        props: {},
      };
      chartId(chart); // Excel gives a chart its id when it is made
      this.sheet().charts.push(chart);
    });
    return new FakeChartProxy(this.ctx, `${this.path}.add(${JSON.stringify(type)})`, () => {
      if (!chart) throw new FakeOfficeError("ItemNotFound", "chart was not created");
      return chart;
    });
  }
}

/** A chart proxy for writing (FakeChart is the state record; ./charts-doctor has the reading proxy). */
export class FakeChartProxy extends FakeClientObject {
  readonly title: unknown;
  readonly legend: unknown;
  readonly axes: unknown;
  readonly format: unknown;
  readonly series: {
    getItemAt: (i: number) => FakeSeriesProxy;
    add: (name?: string) => FakeSeriesProxy;
  };
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: () => FakeChart
  ) {
    super(ctx, path);
    const props = (p: string, v: unknown) => (this.chart().props[p] = v);
    this.title = bag(ctx, `${path}.title`, "title", props);
    this.legend = bag(ctx, `${path}.legend`, "legend", props);
    this.format = bag(ctx, `${path}.format`, "chartFormat", props);
    this.axes = bag(ctx, `${path}.axes`, "axes", props, "1.1");
    this.series = {
      getItemAt: (i: number) => {
        this.record("series.getItemAt", [i], "1.1", () => undefined);
        return new FakeSeriesProxy(ctx, `${path}.series[${i}]`, () => {
          const s = this.chart().series[i];
          if (!s) throw new FakeOfficeError("ItemNotFound", `series ${i} not found`);
          return s;
        });
      },
      add: (name?: string) => {
        let index = -1;
        this.record("series.add", [name], "1.7", () => {
          index =
            this.chart().series.push({
              name: name ?? `Series${this.chart().series.length + 1}`,
              x: null,
              y: null,
              props: {},
            }) - 1;
        });
        return new FakeSeriesProxy(
          ctx,
          `${path}.series.add(${name})`,
          () => this.chart().series[index]
        );
      },
    };
  }
  protected snapshot(prop: string): unknown {
    if (prop === "name") return this.chart().name;
    throw new FakeOfficeError("InvalidArgument", `Unknown property chart.${prop}`);
  }
  /** The chart's name once it exists (stands for the id Excel returns). */
  stableId(): string | undefined {
    try {
      return this.chart().name;
    } catch {
      return undefined;
    }
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.1", () => (this.chart().name = v));
  }
  setPosition(start: FakeRange | string, end?: FakeRange | string): void {
    const addr = (x: FakeRange | string | undefined) =>
      x === undefined ? undefined : typeof x === "string" ? x : x.path;
    this.record("setPosition", [addr(start), addr(end)], "1.1", () => {
      const sheetName = this.chart().source.sheet;
      const toRef = (x: FakeRange | string | undefined) =>
        x === undefined ? undefined : typeof x === "string" ? parseAddress(sheetName, x) : x.ref();
      this.chart().props.position = { start: toRef(start), end: toRef(end) };
    });
  }
  delete(): void {
    this.record("delete", [], "1.1", () => {
      const chart = this.chart();
      for (const s of this.ctx.state.sheets) s.charts = s.charts.filter((c) => c !== chart);
    });
  }
}

export class FakeSeriesProxy extends FakeClientObject {
  readonly format: unknown;
  constructor(
    ctx: FakeContext,
    path: string,
    private series: () => import("./state").FakeSeries
  ) {
    super(ctx, path);
    this.format = bag(ctx, `${path}.format`, "format", (p, v) => (this.series().props[p] = v));
  }
  protected snapshot(prop: string): unknown {
    if (prop === "name") return this.series().name;
    throw new FakeOfficeError("InvalidArgument", `Unknown property series.${prop}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.1", () => (this.series().name = v));
  }
  private setProp(name: string, v: unknown, set: string): void {
    this.record(name, [v], set, () => (this.series().props[name] = v));
  }
  set chartType(v: string) {
    this.setProp("chartType", v, "1.7");
  }
  set markerStyle(v: string) {
    this.setProp("markerStyle", v, "1.7");
  }
  set markerBackgroundColor(v: string) {
    this.setProp("markerBackgroundColor", v, "1.7");
  }
  set markerForegroundColor(v: string) {
    this.setProp("markerForegroundColor", v, "1.7");
  }
  set markerSize(v: number) {
    this.setProp("markerSize", v, "1.7");
  }
  set smooth(v: boolean) {
    this.setProp("smooth", v, "1.7");
  }
  setValues(range: FakeRange): void {
    this.record("setValues", [range.path], "1.7", () => (this.series().y = range.ref()));
  }
  setXAxisValues(range: FakeRange): void {
    this.record("setXAxisValues", [range.path], "1.7", () => (this.series().x = range.ref()));
  }
}
