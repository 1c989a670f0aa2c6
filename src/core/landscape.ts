/**
 * The loss landscape: log10 of the SSE over one epoch's data for a grid of two weights, the others
 * held at fixed values, computed as the sheet's SUMPRODUCT does (row by row, in data order).
 */
import { MODELS } from "./models";
import type { RunResult, Weights } from "./types";

export interface LandscapeAxes {
  /** The weight across (columns) and down (rows), e.g. "a" and "b". */
  wx: string;
  wy: string;
  xs: number[];
  ys: number[];
  /** Values of every other weight. */
  fixed: Weights;
}

/** The two weights a learner looks at: a and b for one neuron, a and c for two, a1 and c1 for a wide layer. */
export function landscapeWeights(model: RunResult["config"]["model"]): [string, string] {
  const [wx, wy] = MODELS[model].landscape.weights;
  return [wx, wy];
}

/** SSE = Σ (ŷ − y)² over the data at weights w, summed in data order. */
export function sse(result: RunResult, w: Weights): number {
  const model = MODELS[result.config.model];
  const v = Float64Array.from(model.weights, (n) => w[n]);
  let s = 0;
  for (const p of result.config.data) {
    const d = model.predict(v, p.x) - p.y;
    s += d * d;
  }
  return s;
}

/** grid[i][j] = log10 SSE at wy = ys[i], wx = xs[j] (NaN where the SSE is not a positive number). */
export function lossGrid(result: RunResult, axes: LandscapeAxes): number[][] {
  return axes.ys.map((y) =>
    axes.xs.map((x) => {
      const s = sse(result, { ...axes.fixed, [axes.wx]: x, [axes.wy]: y });
      return s > 0 && Number.isFinite(s) ? Math.log10(s) : NaN;
    })
  );
}

/** The least-squares line through the data (slope, intercept), or null when every x is equal. */
export function leastSquaresLine(result: RunResult): { slope: number; intercept: number } | null {
  const d = result.config.data;
  const mx = d.reduce((s, p) => s + p.x, 0) / d.length;
  const my = d.reduce((s, p) => s + p.y, 0) / d.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of d) ((sxx += (p.x - mx) ** 2), (sxy += (p.x - mx) * (p.y - my)));
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Grid axes around the run's path (the weights used at every step before any divergence), widened
 * to include the least-squares line for one neuron, padded by 15% each side, `points` values each.
 * Other weights are held at their initial values.
 */
export function landscapeAxes(result: RunResult, points = 21): LandscapeAxes {
  const [wx, wy] = landscapeWeights(result.config.model);
  const rows = result.rows ?? [];
  const end = result.divergence ? result.divergence.step - 1 : rows.length;
  const px = rows
    .slice(0, end)
    .map((r) => r.weights[wx])
    .filter(Number.isFinite);
  const py = rows
    .slice(0, end)
    .map((r) => r.weights[wy])
    .filter(Number.isFinite);
  px.push(result.config.init[wx]);
  py.push(result.config.init[wy]);
  const ls = MODELS[result.config.model].landscape.line ? leastSquaresLine(result) : null;
  if (ls) (px.push(ls.slope), py.push(ls.intercept));
  const fixed: Weights = {};
  for (const w of MODELS[result.config.model].weights)
    if (w !== wx && w !== wy) fixed[w] = result.config.init[w];
  return { wx, wy, xs: span(px, points), ys: span(py, points), fixed };
}

function span(v: number[], points: number): number[] {
  // loops, not Math.min(...v): a path of 200,000 steps spread as arguments overflows the stack
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) ((lo = Math.min(lo, x)), (hi = Math.max(hi, x)));
  const pad = hi > lo ? 0.15 * (hi - lo) : Math.max(1, Math.abs(lo) * 0.5);
  lo -= pad;
  hi += pad;
  return Array.from({ length: points }, (_, i) =>
    Number((lo + ((hi - lo) * i) / (points - 1)).toPrecision(6))
  );
}
