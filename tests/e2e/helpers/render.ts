/** PDF pages as pixels (pdftoppm's PPM output, parsed here) and simple "is something drawn" measures. */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { a1 } from "../../../src/sheet/address";
import type { SheetPlan } from "../../../src/sheet/plan";

export interface PageImage {
  file: string;
  width: number;
  height: number;
  /** Share of pixels that are not near-white. */
  ink: number;
  /** Share of strongly coloured pixels (chart series, not black text or grey grid lines). */
  colour: number;
}

/** Parse a binary PPM (P6, maxval 255). */
function readPpm(file: string): { width: number; height: number; data: Uint8Array } {
  const buf = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error(`${file} is not a P6 PPM`);
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    data: buf.subarray(header[0].length),
  };
}

/** Render every page of `pdf` at `dpi` into `dir` (as `prefix-N.ppm`) and measure each. */
export function renderPages(
  pdftoppm: string,
  pdf: string,
  dir: string,
  prefix: string,
  dpi = 60
): PageImage[] {
  execFileSync(pdftoppm, ["-r", String(dpi), pdf, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".ppm"))
    .sort()
    .map((f) => {
      const { width, height, data } = readPpm(join(dir, f));
      let ink = 0,
        colour = 0;
      for (let i = 0; i < width * height * 3; i += 3) {
        const r = data[i],
          g = data[i + 1],
          b = data[i + 2];
        if (r < 235 || g < 235 || b < 235) ink++;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colour++;
      }
      return {
        file: join(dir, f),
        width,
        height,
        ink: ink / (width * height),
        colour: colour / (width * height),
      };
    });
}

/** The rectangle covering every chart's anchor of a sheet, as "A1:B2" (a print area). */
export function chartArea(p: SheetPlan): string {
  const rows = p.charts.flatMap((c) => [c.anchor.row, c.anchor.row + c.anchor.rows]);
  const cols = p.charts.flatMap((c) => [c.anchor.col, c.anchor.col + c.anchor.cols]);
  return `${a1(Math.min(...rows), Math.min(...cols))}:${a1(Math.max(...rows), Math.max(...cols))}`;
}
