#!/usr/bin/env node
/**
 * `npm start`: build and serve the add-in with the webpack dev server (https with the Office
 * developer certificate when it can be installed, http otherwise), then sideload it where that can
 * be automated (Windows and Mac, with office-addin-debugging when it is installed), or print the
 * exact steps for the platform.
 */
import { spawn, spawnSync } from "node:child_process";
import { platform } from "node:os";

const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

const STEPS = {
  web: [
    "Excel on the web (any OS): open a workbook at https://www.office.com,",
    "  Home › Add-ins › More Settings › Upload My Add-in › Browse… › manifest.xml (this folder) › Upload.",
    `  The pane loads from https://localhost:${port}/: your browser must trust the developer certificate`,
    "  (npx office-addin-dev-certs install; on Linux Chromium/Chrome also import ~/.office-addin-dev-certs/ca.crt",
    "  into the browser's certificate store, Settings › Privacy and security › Manage certificates › Authorities).",
  ],
  win32: [
    "Windows desktop: npx office-addin-debugging start manifest.xml desktop --app excel",
    "  (or: share a folder holding manifest.xml, add it under File › Options › Trust Center › Trust Center Settings ›",
    "  Trusted Add-in Catalogs with Show in Menu, restart Excel, then Home › Add-ins › Advanced › Shared Folder).",
  ],
  darwin: [
    "Mac desktop: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/",
    "  (create the wef folder if needed), restart Excel, then Home › Add-ins and pick GradSheet.",
  ],
};

function hasDebugging() {
  const r = spawnSync(npx, ["--no-install", "office-addin-debugging", "--version"], { stdio: "ignore" });
  return r.status === 0;
}

const os = platform();
if ((os === "win32" || os === "darwin") && hasDebugging()) {
  console.log("GradSheet: starting the dev server and sideloading into Excel desktop with office-addin-debugging…");
  const child = spawn(npx, ["--no-install", "office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel", "--dev-server", "npm run dev-server", "--dev-server-port", String(port)], { stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  const server = spawn(npx, ["webpack", "serve", "--mode", "development"], { stdio: "inherit" });
  const steps = [...STEPS.web, ...(STEPS[os] ?? ["Excel desktop does not run on this OS; use Excel on the web as above."])];
  setTimeout(() => {
    console.log(["", "GradSheet: to load the add-in into Excel:", ...steps.map((s) => `  ${s}`), `Without Excel, open the pane's URL above in a browser: it offers Download as .xlsx.`, ""].join("\n"));
  }, 4000);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
  server.on("exit", (code) => process.exit(code ?? 0));
}
