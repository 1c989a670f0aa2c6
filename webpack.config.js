/**
 * Builds the Excel add-in into dist/: the task pane (taskpane.html + bundle), the ribbon's
 * function file (ribbon.html, from src/ribbon/), help.html (also as index.html, the site's landing page with the
 * manifest to download), taskpane.css, the icons and manifest.xml. Bundles are ES2017 (every web
 * view Office uses for ExcelApi 1.7+ except IE11 parses them; see docs/excel-addin.md) and their
 * names carry a content hash, so Office's web view cache cannot keep serving an old pane.
 *
 * Production builds (`npm run build:pane`) rewrite the manifest's dev URL https://localhost:3000/
 * to the production URL: set GRADSHEET_URL (default https://gradsheet.github.io/gradsheet/) to
 * the https address where dist/ is hosted.
 *
 * `webpack serve` (npm start) serves https with the Office developer certificates
 * (office-addin-dev-certs) when they can be installed, and falls back to http, saying so. It
 * listens on 127.0.0.1 (so https://localhost:3000 and http://127.0.0.1:3000 both work) and sends
 * `/` to the pane.
 * `--env outDir=DIR` builds elsewhere (the browser test uses it); GRADSHEET_PORT overrides the port.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEFAULT_PROD_URL = "https://gradsheet.github.io/gradsheet/";
const port = Number(process.env.GRADSHEET_PORT || process.env.npm_package_config_dev_server_port || 3000);

/** The production base URL, always ending in "/". */
function productionUrl() {
  const url = new URL(process.env.GRADSHEET_URL || DEFAULT_PROD_URL);
  if (url.protocol !== "https:") throw new Error(`GRADSHEET_URL must be an https address (Office loads add-ins over https only), not ${url.href}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** manifest.xml with every dev URL (and the dev AppDomain) pointed at `base`. */
function rewriteManifest(xml, base) {
  const origin = new URL(base).origin;
  return xml.split(DEV_URL).join(base).split(DEV_URL.slice(0, -1)).join(origin);
}

/** https options from office-addin-dev-certs, or null (http) when they cannot be installed here. */
async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await Promise.race([
      devCerts.getHttpsServerOptions(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out installing certificates")), 20000)),
    ]);
    console.log(`\nGradSheet: serving https://localhost:${port}/taskpane.html with the Office developer certificate.\n`);
    return options;
  } catch (e) {
    const why = String((e && e.message) || e).split("\n")[0];
    console.log(
      `\nGradSheet: serving over PLAIN HTTP at http://localhost:${port}/taskpane.html — the developer certificate could not be installed (${why}).` +
        `\n  This is fine for trying the pane in a browser (it offers Download as .xlsx). Excel needs https:` +
        `\n  run "npx office-addin-dev-certs install" (needs sudo on Linux), then npm start again.\n`,
    );
    return null;
  }
}

/** `/` (with Office's query string, if any) redirects to the pane. */
function paneAtRoot(req, res, next) {
  const url = new URL(req.url, "http://x");
  if (req.method !== "GET" || url.pathname !== "/") return next();
  res.writeHead(302, { Location: `/taskpane.html${url.search}` });
  res.end();
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions() : null;
  const base = dev ? DEV_URL : productionUrl();
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, "dist");
  return {
    mode: dev ? "development" : "production",
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.ts",
      ribbon: "./src/ribbon/ribbon.ts",
    },
    target: ["web", "es2017"],
    output: { path: outDir, filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.pane.json", onlyCompileBundledFiles: true, compilerOptions: { noEmit: false, sourceMap: true } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "ribbon.html", template: "./src/ribbon/ribbon.html", chunks: ["ribbon"] }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/taskpane/help.html", chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : Buffer.from(rewriteManifest(content.toString(), base))),
          },
        ],
      }),
    ],
    devServer: {
      host: "127.0.0.1",
      port,
      allowedHosts: ["localhost", "127.0.0.1"],
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      static: false,
      hot: false,
      // the live-reload socket goes back to whatever host the page came from (localhost or 127.0.0.1)
      client: { overlay: false, webSocketURL: "auto://0.0.0.0:0/ws" },
      setupMiddlewares: (middlewares) => [paneAtRoot, ...middlewares],
    },
  };
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_URL = DEV_URL;
module.exports.DEFAULT_PROD_URL = DEFAULT_PROD_URL;
