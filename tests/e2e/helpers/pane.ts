/**
 * For the task pane's browser test: build the add-in (production webpack config) and the fake
 * Excel's browser bundle into a temp folder, serve the build over http on 127.0.0.1, and launch
 * Debian's Chromium through playwright-core.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM_HINT, requireProgram } from "./programs";

const require = createRequire(import.meta.url);
const root = resolve(__dirname, "../../..");

type WebpackConfig = Record<string, unknown>;

function compile(configs: WebpackConfig[]): Promise<void> {
  const webpack = require("webpack") as (c: WebpackConfig[]) => { run: (cb: (err: Error | null, stats?: { hasErrors(): boolean; toString(o: unknown): string }) => void) => void; close: (cb: () => void) => void };
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
  const paneConfig = await (require(join(root, "webpack.config.js")) as (env: unknown, argv: unknown) => Promise<WebpackConfig>)({ outDir: dir }, { mode: "production" });
  const fakeConfig: WebpackConfig = {
    mode: "development",
    devtool: false,
    context: root,
    entry: { "fake-excel": "./tests/fake-excel/browser.ts" },
    output: { path: fakeDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } }] },
  };
  await compile([{ ...paneConfig, context: root }, fakeConfig]);
  return { dir, fakeBundle: readFileSync(join(fakeDir, "fake-excel.js"), "utf8") };
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".xml": "application/xml", ".map": "application/json" };

/** A static file server for `dir` on 127.0.0.1 (random port). */
export async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${addr.port}`, server };
}

/** Debian's Chromium, headless, offline-friendly, with a fresh profile (its --user-data-dir). */
export async function launchChromium(viewport = { width: 360, height: 900 }): Promise<BrowserContext> {
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

/** The built pane served over http and a Chromium to open it in; `close` stops both. */
export async function paneSession(): Promise<{ browser: BrowserContext; url: string; fakeBundle: string; close: () => Promise<void> }> {
  const browser = await launchChromium();
  const built = await buildPane();
  const { url, server } = await serve(built.dir);
  return { browser, url, fakeBundle: built.fakeBundle, close: async () => { await browser.close(); server.close(); } };
}
