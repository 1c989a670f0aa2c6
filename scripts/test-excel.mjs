#!/usr/bin/env node
/**
 * npm run test:excel: the real-Excel suite, as Microsoft's add-in templates run theirs.
 *
 * 1. Starts Microsoft's test server (office-addin-test-server) on https://localhost:4201.
 * 2. Sideloads the test add-in (tests/excel/test-manifest.xml) into desktop Excel with
 *    office-addin-debugging, which first starts the test page's dev server
 *    (tests/excel/webpack.config.cjs, https://localhost:3001) and waits for it.
 * 3. Excel opens the page (tests/excel/in-excel.ts): it pings the test server, runs the shared
 *    scenario (tests/excel/scenario.ts: Generate the 2-neuron sheet and compare it with the core;
 *    change LearningRate and compare again; Rebuild under a Compare sheet, which must still read
 *    the run; the chart doctor on a line chart whose x axis is not linked) on real Excel, and
 *    posts one result per step (office-addin-test-helpers' sendTestResults).
 * 4. Prints Excel's build and ExcelApi level and each step, stops the sideload, closes Excel (as
 *    Microsoft's templates do) and the server, and exits 0 only when every step ran and passed.
 *    A test server that cannot start (its port taken) is said in one line.
 *
 * On Windows npx runs as npm's npx-cli.js with no shell, so "--dev-server" arrives as one argument
 * (./test-excel-args.mjs).
 *
 * office-addin-debugging is run through npx at a pinned version, not installed with the project:
 * its office-addin-dev-settings needs @microsoft/m365agentstoolkit-cli, whose keytar is a native
 * module that does not build on Linux without libsecret. On Linux (no desktop Excel) this script
 * prints one line and exits 0; `npm test` runs the same scenario against the fake.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { closeExcelCommand, npxInvocation } from "./test-excel-args.mjs";

const NEEDS_EXCEL =
  "test:excel needs desktop Excel on Windows or Mac; this machine has none, so nothing ran (npm test runs the same scenario against the fake).";
if (process.platform !== "win32" && process.platform !== "darwin") {
  console.log(NEEDS_EXCEL);
  process.exit(0);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
/** The versions the suite was written against. */
const DEBUGGING = "office-addin-debugging@7.0.0";
/** tests/excel/in-excel.ts's TEST_SERVER_PORT and the test manifest's dev-server port. */
const TEST_SERVER_PORT = 4201;
const DEV_SERVER_PORT = 3001;
const MANIFEST = "tests/excel/test-manifest.xml";
/** How long Excel may take to open, load the page and run the scenario. */
const WAIT_MS = 10 * 60 * 1000;

/** Run office-addin-debugging (pinned, through npx) in the project folder; its exit status. */
function debugging(...args) {
  // no shell where it can be avoided: "--dev-server" takes one argument with spaces
  const how = npxInvocation(
    ["--yes", DEBUGGING, ...args],
    process.platform,
    process.execPath,
    existsSync
  );
  const run = spawnSync(how.command, how.args, { cwd: root, stdio: "inherit", shell: how.shell });
  return run.status;
}

/** Close Excel (and so the test workbook) after the run, as Microsoft's templates do. */
function closeExcel() {
  const how = closeExcelCommand();
  if (how) spawnSync(how.command, how.args, { stdio: "ignore" });
}

/** Each step's line, and whether the suite passed: every step ran and passed. */
function verdict(results) {
  if (!Array.isArray(results) || !results.length)
    return { lines: ["Excel sent no step results."], ok: false };
  const lines = results.map((r) => `${r.ok ? "ok    " : "FAILED"} ${r.step}: ${r.detail}`);
  return { lines, ok: results.every((r) => r.ok === true) };
}

const { TestServer } = require("office-addin-test-server");
const server = new TestServer(TEST_SERVER_PORT);
let code = 1;
try {
  await server.startTestServer(true).catch((e) => {
    throw new Error(
      `the test server could not start on port ${TEST_SERVER_PORT} (${e instanceof Error ? e.message : String(e)}); is another one running?`
    );
  });
  if (!server.getTestServerState())
    throw new Error(
      `the test server is not running on port ${TEST_SERVER_PORT}, so Excel could not report.`
    );
  const status = debugging(
    "start",
    MANIFEST,
    "desktop",
    "--app",
    "excel",
    "--dev-server",
    "npx webpack serve --config tests/excel/webpack.config.cjs",
    "--dev-server-port",
    String(DEV_SERVER_PORT),
    "--no-debug"
  );
  if (status !== 0)
    throw new Error(`${DEBUGGING} could not sideload the test add-in (exit ${status}).`);
  let timer;
  const results = await Promise.race([
    server.getTestResults(),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Excel sent no results within ${WAIT_MS / 60000} minutes.`)),
        WAIT_MS
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const v = verdict(results);
  for (const line of v.lines) console.log(line);
  code = v.ok ? 0 : 1;
} catch (e) {
  console.error(`test:excel: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  debugging("stop", MANIFEST);
  closeExcel();
  if (server.getTestServerState()) await server.stopTestServer();
}
process.exit(code);
