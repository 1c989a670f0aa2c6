/**
 * What the in-Excel page reports about the Excel it ran in (tests/excel/in-excel.ts posts it with
 * the step results; scripts/test-excel.mjs prints it first): the build, the platform, and the
 * highest ExcelApi requirement set the build supports. Plain functions of what Office.js exposes,
 * so they are tested without Excel.
 */

/** The part of `Office.context` read here. */
export interface OfficeContextLike {
  /** `platform` is typed as an enum but is a string such as "PC" at run time. */
  diagnostics?: { version?: string; platform?: unknown };
  requirements: { isSetSupported(name: string, minVersion?: string): boolean };
}

/** The Excel that ran the scenario, as posted to the test server. */
export interface ExcelInfo {
  /** Office.context.diagnostics.version, e.g. "16.0.17928.20114". */
  version: string;
  /** Office.context.diagnostics.platform, e.g. "PC" or "Mac". */
  platform: string;
  /** The highest ExcelApi set supported, e.g. "1.17"; "" when not even 1.1 is. */
  api: string;
}

/** The highest minor version of ExcelApi 1.x looked for; newer builds report this many. */
export const HIGHEST_EXCEL_API_MINOR = 30;

/**
 * The highest ExcelApi 1.n set the host supports, looking down from 1.HIGHEST_EXCEL_API_MINOR
 * (the sets are cumulative, so the first one supported from the top is the level); "" if none.
 */
export function excelApiLevel(ctx: OfficeContextLike): string {
  for (let n = HIGHEST_EXCEL_API_MINOR; n >= 1; n--)
    if (ctx.requirements.isSetSupported("ExcelApi", `1.${n}`)) return `1.${n}`;
  return "";
}

/** The build, platform and ExcelApi level of the host. */
export function excelInfo(ctx: OfficeContextLike): ExcelInfo {
  return {
    version: ctx.diagnostics?.version ?? "",
    platform: String(ctx.diagnostics?.platform ?? ""),
    api: excelApiLevel(ctx),
  };
}
