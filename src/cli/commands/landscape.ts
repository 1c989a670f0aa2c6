/**
 * `gradsheet landscape`: the loss landscape of a run — log10 SSE over a grid of two weights (a, b
 * for one neuron; a, c (a1, c1) for the ReLU and stacked models), the others held at their initial
 * values — and the run's path through it, as JSON, a short report, or a workbook.
 */
import { ConfigError } from "../../core";
import { landscapeExperiment, landscapeMap, landscapeRun, learnerNumber as num } from "../../run";
import { optionalXlsxOut, writeWorkbookOut } from "../workbook-file";
import type { Command } from "../command";
import {
  RUN_OPTIONS,
  noPositional,
  parseArgs,
  runOptionsFrom,
  text,
  type OptionSpec,
} from "../options";

const OPTIONS: readonly OptionSpec[] = [
  ...RUN_OPTIONS,
  { flag: "--points", value: "N", help: "grid points along each weight, 3 to 101 (default 21)" },
  {
    flag: "--json",
    help: "print one JSON object: { wx, wy, xs, ys, fixed, grid: log10 SSE [row][col], path: [{ step, x, y }] }",
  },
  {
    flag: "--out",
    value: "FILE.xlsx",
    help: "also write the run and its landscape sheet as a workbook",
  },
];

export const landscapeCommand: Command = {
  name: "landscape",
  summary: "map the loss over two weights (log10 SSE on a grid) and the run's path through it",
  usage: "gradsheet landscape [options] [--points N] [--json] [--out FILE.xlsx]",
  description:
    "The grid spans the path (and, for one neuron, the least-squares line) with a 15% margin; NaN cells (overflow) are null in JSON.",
  options: OPTIONS,
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS, "landscape");
    noPositional(parsed, "landscape");
    const pointsText = text(parsed, "points") ?? "21";
    const points = Number(pointsText);
    if (!Number.isInteger(points) || points < 3 || points > 101)
      throw new ConfigError(
        "points",
        `--points must be a whole number from 3 to 101, not "${pointsText}".`
      );
    const out = optionalXlsxOut(parsed);
    const options = runOptionsFrom(parsed);
    let result;
    if (out !== undefined) {
      // the pane's landscape: the run sheet named by the rule, then "<run> landscape"
      const e = landscapeExperiment(options, points);
      writeWorkbookOut(e.workbook, out);
      result = e.result;
    } else result = landscapeRun(options);
    const { axes, grid, path } = landscapeMap(result, points);
    if (parsed.flags.has("json")) {
      io.out(
        JSON.stringify({
          wx: axes.wx,
          wy: axes.wy,
          xs: axes.xs,
          ys: axes.ys,
          fixed: axes.fixed,
          grid,
          path,
          divergence: result.divergence,
        }) + "\n"
      );
      return 0;
    }
    let best = { v: Infinity, i: 0, j: 0 };
    grid.forEach((row, i) => row.forEach((v, j) => v < best.v && (best = { v, i, j })));
    const last = path[path.length - 1];
    io.out(
      [
        `Loss landscape over (${axes.wx}, ${axes.wy}): ${axes.wx} from ${axes.xs[0]} to ${axes.xs[axes.xs.length - 1]}, ${axes.wy} from ${axes.ys[0]} to ${axes.ys[axes.ys.length - 1]}` +
          (Object.keys(axes.fixed).length
            ? `, ${Object.keys(axes.fixed).join(", ")} held at their initial values.`
            : "."),
        `Lowest cell: log10 SSE ${best.v.toFixed(3)} at ${axes.wx} = ${axes.xs[best.j]}, ${axes.wy} = ${axes.ys[best.i]}.`,
        `The path ends (step ${last.step}) at ${axes.wx} = ${num(last.x)}, ${axes.wy} = ${num(last.y)}.`,
        ...(out ? [`Wrote ${out}.`] : []),
        "",
      ].join("\n")
    );
    return 0;
  },
};
