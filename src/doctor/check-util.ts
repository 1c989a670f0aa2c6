/** Small pieces the checks share: building a finding, picking series, comparing lists and scales. */
import type { Finding } from "./findings";
import type {
  AxisModel,
  CellValue,
  ChartModel,
  DataSource,
  SeriesModel,
  SheetContext,
} from "./model";
import { parseRef, refSize } from "./ref";
import { valuesOf } from "./x-source";

export function finding(
  chart: ChartModel,
  code: Finding["code"],
  severity: Finding["severity"],
  series: number[],
  f: {
    title: string;
    explanation: string;
    cells: string[];
    values?: CellValue[];
    fix: string;
    fixable: boolean;
    dimension?: "x" | "y";
    axis?: { group: AxisModel["group"]; direction: AxisModel["direction"] };
  }
): Finding {
  return {
    code,
    severity,
    chartId: chart.id,
    ...(chart.name !== undefined ? { chartName: chart.name } : {}),
    ...(chart.sheet !== undefined ? { sheet: chart.sheet } : {}),
    title: f.title,
    explanation: f.explanation,
    evidence: {
      series: series.map((i) => ({
        index: i,
        ...(chart.series[i].name !== undefined ? { name: chart.series[i].name } : {}),
      })),
      cells: unique(f.cells),
      ...(f.values !== undefined ? { values: f.values } : {}),
      ...(f.dimension ? { dimension: f.dimension } : {}),
      ...(f.axis ? { axis: f.axis } : {}),
    },
    fix: f.fix,
    fixable: f.fixable,
  };
}

export function indexes(chart: ChartModel, pred: (s: SeriesModel) => boolean): number[] {
  return chart.series.flatMap((s, i) => (pred(s) ? [i] : []));
}

export function refsOf(chart: ChartModel, series: number[], side: "x" | "y"): string[] {
  return series.flatMap((i) => {
    const src = chart.series[i][side];
    return src.kind === "ref" ? [src.ref] : [];
  });
}

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function typeName(chart: ChartModel): string {
  return `${chart.type[0].toUpperCase()}${chart.type.slice(1)} chart`;
}

export function preview(vals: CellValue[]): string {
  const shown = vals.slice(0, 4).map(String).join(", ");
  return vals.length > 4 ? `${shown}, …, ${String(vals[vals.length - 1])}` : shown;
}

export function evenlyIncreasing(vals: CellValue[]): boolean {
  const nums = vals.filter((v): v is number => typeof v === "number");
  if (nums.length !== vals.length || nums.length < 2) return false;
  const step = nums[1] - nums[0];
  if (!(step > 0)) return false;
  return nums.every(
    (v, k) => k === 0 || Math.abs(v - nums[k - 1] - step) <= 1e-9 * Math.max(1, Math.abs(step))
  );
}

/** True when the list holds text and no numbers (a scatter then plots 1..n). */
export function isTextList(values: CellValue[] | undefined): boolean {
  return (
    !!values &&
    values.some((v) => typeof v === "string" && v !== "") &&
    !values.some((v) => typeof v === "number")
  );
}

export function sameNumbers(a: CellValue[] | undefined, b: CellValue[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, k) => v === b[k]);
}

export function sizeOf(src: DataSource, sheets: SheetContext[]): number | undefined {
  if (src.kind === "literal") return src.values.length;
  if (src.kind === "ref") {
    const r = parseRef(src.ref);
    return r ? refSize(r) : valuesOf(src, sheets)?.length;
  }
  return undefined;
}

export function verticalAxis(
  chart: ChartModel,
  group: "primary" | "secondary"
): AxisModel | undefined {
  return chart.axes.find((a) => a.group === group && a.direction === "vertical");
}

export function sameScale(a: AxisModel | undefined, b: AxisModel | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.scale === b.scale &&
    (a.logBase ?? 10) === (b.logBase ?? 10) &&
    a.min !== undefined &&
    a.max !== undefined &&
    a.min === b.min &&
    a.max === b.max
  );
}

/** max |y| of the secondary series over max |y| of the primary ones (the larger over the smaller). */
export function magnitudeRatio(chart: ChartModel, sheets: SheetContext[]): number | undefined {
  const size = (g: "primary" | "secondary"): number | undefined => {
    let m: number | undefined;
    for (const s of chart.series) {
      if (s.axisGroup !== g) continue;
      const vals = valuesOf(s.y, sheets);
      if (!vals) return undefined;
      for (const v of vals)
        if (typeof v === "number" && Number.isFinite(v)) m = Math.max(m ?? 0, Math.abs(v));
    }
    return m;
  };
  const p = size("primary");
  const q = size("secondary");
  if (p === undefined || q === undefined || p === 0 || q === 0) return undefined;
  return Math.max(p, q) / Math.min(p, q);
}

/** True for a count: whole numbers rising by exactly 1 (epochs 1..n, steps 0..n−1), the x of a log by design. */
export function isCount(vals: CellValue[] | undefined): boolean {
  return (
    !!vals &&
    evenlyIncreasing(vals) &&
    Number.isInteger(vals[0]) &&
    (vals[1] as number) - (vals[0] as number) === 1
  );
}
