#!/usr/bin/env node
/**
 * `npm start`: build and serve the add-in with the webpack dev server, in this process (https with
 * the Office developer certificate when it can be installed, http otherwise), then print the steps
 * to load it into Excel for the protocol actually served. Ctrl-C or SIGTERM (to npm or to this
 * process) stops the server and exits: webpack runs in this process, so no child is left behind. On Windows and Mac with office-addin-debugging
 * installed, that tool starts the server and sideloads instead.
 *
 * The port is package.json's config.dev_server_port (3000); GRADSHEET_PORT overrides it.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { platform } from "node:os";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** The steps to load the add-in, for the protocol and port served and this OS. */
export function steps(protocol, port, os) {
  const pane = `${protocol}://localhost:${port}/taskpane.html`;
  const lines = [
    `GradSheet is served at ${pane} (${protocol === "https" ? "https, with the Office developer certificate" : "PLAIN HTTP"}).`,
  ];
  if (protocol !== "https") {
    lines.push(
      "Excel loads add-ins over https only, so it cannot load this one yet. Open the address above in a browser:",
      "  without Excel the pane still builds every run and offers Download as .xlsx.",
      'For Excel: run "npx office-addin-dev-certs install" (needs sudo on Linux), then npm start again.',
      "Or install the published add-in instead: see Install in README.md."
    );
    return lines;
  }
  lines.push(
    "To load it into Excel:",
    "  Excel on the web (any OS): open a workbook at https://www.office.com, then",
    "    Home › Add-ins › More Settings › Upload My Add-in › Browse… › manifest.xml (this folder) › Upload.",
    "    Your browser must trust the developer certificate (on Linux, import ~/.office-addin-dev-certs/ca.crt",
    "    under Settings › Privacy and security › Manage certificates › Authorities)."
  );
  if (os === "win32")
    lines.push(
      "  Windows: npx office-addin-debugging start manifest.xml desktop --app excel, or share this folder, add it under",
      "    File › Options › Trust Center › Trust Center Settings › Trusted Add-in Catalogs (Show in Menu), restart Excel,",
      "    then Home › Add-ins › Advanced › Shared Folder."
    );
  else if (os === "darwin")
    lines.push(
      "  Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ (create wef), restart Excel,",
      "    then Home › Add-ins."
    );
  else lines.push("  Excel desktop does not run on this OS: use Excel on the web.");
  return lines;
}

function hasDebugging() {
  return (
    spawnSync(npx, ["--no-install", "office-addin-debugging", "--version"], { stdio: "ignore" })
      .status === 0
  );
}

/** Start the dev server in this process; resolves with a stop function once it listens. */
export async function serve() {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const config = await require(`${root}/webpack.config.js`)(
    { WEBPACK_SERVE: true },
    { mode: "development" }
  );
  const server = new WebpackDevServer(config.devServer, webpack({ ...config, context: root }));
  await server.start();
  return {
    protocol: config.devServer.server.type,
    port: config.devServer.port,
    stop: () => server.stop(),
  };
}

async function main() {
  const os = platform();
  if ((os === "win32" || os === "darwin") && hasDebugging()) {
    console.log(
      "GradSheet: starting the dev server and sideloading into Excel desktop with office-addin-debugging…"
    );
    const port =
      process.env.GRADSHEET_PORT || process.env.npm_package_config_dev_server_port || "3000";
    const child = spawn(
      npx,
      [
        "--no-install",
        "office-addin-debugging",
        "start",
        "manifest.xml",
        "desktop",
        "--app",
        "excel",
        "--dev-server",
        "npm run dev-server",
        "--dev-server-port",
        port,
      ],
      { stdio: "inherit" }
    );
    for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
    child.on("exit", (code) => process.exit(code ?? 0));
    return;
  }
  const parent = process.ppid;
  const { protocol, port, stop } = await serve();
  let stopping = false;
  const shutdown = (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nGradSheet: ${why}, stopping the dev server.`);
    void stop().finally(() => process.exit(0));
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => shutdown(sig));
  // npm runs this through `sh -c`, and a SIGTERM to npm reaches only that shell, which dies without
  // passing it on: when our parent is gone, stop too instead of serving on as an orphan.
  setInterval(() => process.ppid !== parent && shutdown("npm has stopped"), 500).unref();
  console.log(["", ...steps(protocol, port, os), ""].join("\n"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(`GradSheet: npm start failed: ${e?.message ?? e}`);
    process.exit(1);
  });
}
