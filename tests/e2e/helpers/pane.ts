/**
 * For the task pane's browser test: build the add-in (production webpack config) and the fake
 * Excel's browser bundle into a temp folder, serve the build over http on 127.0.0.1, and launch
 * Debian's Chromium through playwright-core.
 */
import { afterAll, beforeAll } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_HINT, requireProgram } from "./programs";

const require = createRequire(import.meta.url);
const root = resolve(__dirname, "../../..");

type WebpackConfig = Record<string, unknown>;

function compile(configs: WebpackConfig[]): Promise<void> {
  const webpack = require("webpack") as (c: WebpackConfig[]) => {
    run: (
      cb: (
        err: Error | null,
        stats?: { hasErrors(): boolean; toString(o: unknown): string }
      ) => void
    ) => void;
    close: (cb: () => void) => void;
  };
  return new Promise((ok, fail) => {
    const compiler = webpack(configs);
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return fail(err);
      if (stats?.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      ok();
    });
  });
}

/** Build dist (production mode) and the fake's bundle; returns their folder and the fake's source. */
export async function buildPane(): Promise<{ dir: string; fakeBundle: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gradsheet-pane-"));
  const fakeDir = mkdtempSync(join(tmpdir(), "gradsheet-fake-"));
  const paneConfig = await (
    require(join(root, "webpack.config.js")) as (
      env: unknown,
      argv: unknown
    ) => Promise<WebpackConfig>
  )({ outDir: dir }, { mode: "production" });
  const fakeConfig: WebpackConfig = {
    mode: "development",
    devtool: false,
    context: root,
    entry: { "fake-excel": "./fake-excel/browser.ts" },
    output: { path: fakeDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: "ts-loader",
          options: { transpileOnly: true, compilerOptions: { noEmit: false } },
        },
      ],
    },
  };
  await compile([{ ...paneConfig, context: root }, fakeConfig]);
  return { dir, fakeBundle: readFileSync(join(fakeDir, "fake-excel.js"), "utf8") };
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** A static file server for `dir` on 127.0.0.1 (random port). */
export async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(
      decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
    ).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res
      .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
      .end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${addr.port}`, server };
}

/** Debian's Chromium, headless, offline-friendly, with a fresh profile (its --user-data-dir). */
export async function launchChromium(
  viewport = { width: 360, height: 900 }
): Promise<BrowserContext> {
  const executablePath = requireProgram("chromium", ["/usr/bin/chromium"], CHROMIUM_HINT);
  const profile = mkdtempSync(join(tmpdir(), "gradsheet-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const OFFICE_JS = "https://appsforoffice.microsoft.com/**";

/** The workbook as the fake's snapshot gives it to a test. */
export interface Snap {
  sheets: {
    name: string;
    cells: [number, { value?: unknown; formula?: string }][];
    charts: { series: { x: { sheet: string; col: number } }[] }[];
  }[];
  names: { name: string }[];
}

/** The built pane served over http, and Chromium to open it in. */
export interface PaneSite {
  browser: BrowserContext;
  url: string;
  fakeBundle: string;
  distDir: string;
  close(): Promise<void>;
}

/** Build the pane and the fake, serve them, and launch Chromium (one per test file). */
export async function paneSite(): Promise<PaneSite> {
  const browser = await launchChromium();
  const built = await buildPane();
  const { url, server } = await serve(built.dir);
  return {
    browser,
    url,
    fakeBundle: built.fakeBundle,
    distDir: built.dir,
    close: async () => (await browser.close(), void server.close()),
  };
}

/** The pane inside "Excel" (the fake in place of office.js), ready for clicks. */
export async function openInExcel(
  site: PaneSite,
  opts: {
    apiVersion?: string;
    /** Wait this long before answering each Excel call (a slow Excel on the web). */
    syncDelayMs?: number;
    viewport?: { width: number; height: number };
    colorScheme?: "light" | "dark";
  } = {}
): Promise<Page> {
  const page = await site.browser.newPage();
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
  const fake = { apiVersion: opts.apiVersion, syncDelayMs: opts.syncDelayMs };
  await page.addInitScript(
    (o) => ((window as unknown as { __fakeExcelOptions: unknown }).__fakeExcelOptions = o),
    JSON.parse(JSON.stringify(fake)) as typeof fake
  );
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: site.fakeBundle })
  );
  await page.goto(`${site.url}/taskpane.html`);
  await page.waitForSelector('body[data-ready="excel"]');
  await page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");
  return page;
}

/** The fake workbook now. */
export const snapshot = (page: Page): Promise<Snap> =>
  page.evaluate(() =>
    (window as unknown as { __fakeExcelSnapshot: () => unknown }).__fakeExcelSnapshot()
  ) as Promise<Snap>;

/** One cell of a snapshot (0-based row and column). */
export const cell = (s: Snap, sheet: string, row: number, col: number) =>
  s.sheets.find((x) => x.name === sheet)?.cells.find(([k]) => k === row * 16384 + col)?.[1];

/** A row of a snapshot's sheet as values (columns 0…n-1). */
export const rowValues = (s: Snap, sheet: string, row: number, n: number): unknown[] =>
  Array.from({ length: n }, (_, c) => cell(s, sheet, row, c)?.value);

/** Wait until no action runs. */
export const idle = (page: Page) =>
  page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");

/** The built pane served over http and a Chromium to open it in; `close` stops both. */
export const paneSession = (): Promise<PaneSite> => paneSite();

/** Build and serve the pane once for the calling test file (closed after it); read `.site` inside tests. */
export function usePaneSite(): { readonly site: PaneSite } {
  const holder = {} as { site: PaneSite };
  // a production webpack build: minutes on a busy machine
  beforeAll(async () => {
    holder.site = await paneSite();
  }, 600_000);
  afterAll(async () => {
    await holder.site?.close();
  });
  return holder;
}
