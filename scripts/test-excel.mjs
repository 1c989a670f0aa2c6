#!/usr/bin/env node
/**
 * npm run test:excel: the real-Excel suite, as Microsoft's add-in templates run theirs.
 *
 * 1. Starts Microsoft's test server (office-addin-test-server) on https://localhost:4201.
 * 2. Sideloads the test add-in (tests/excel/test-manifest.xml) into desktop Excel with
 *    office-addin-debugging, which first starts the test page's dev server
 *    (tests/excel/webpack.config.cjs, https://localhost:3001) and waits for it.
 *    Before that it checks, within 30 s, that the test server answers its ping: if not, one line
 *    and exit 1, instead of waiting for results that cannot come.
 * 3. Excel opens the page (tests/excel/in-excel.ts): it pings the test server, runs the shared
 *    scenario (tests/excel/scenario.ts) on real Excel, posts the Excel build, the highest ExcelApi
 *    set it supports and one result per step (office-addin-test-helpers' sendTestResults), then
 *    closes its workbook without saving.
 * 4. Prints the Excel build and ExcelApi level and each step, stops debugging (unregisters the
 *    sideload, stops the dev server) and the test server, and exits 0 only when every step ran
 *    and passed inside Excel.
 *
 * On Windows npx is a .cmd shim that Node runs only through cmd.exe: the command line is built
 * with every argument quoted for cmd (scripts/test-excel-plan.mjs), so the dev-server command
 * arrives as one argument.
 *
 * office-addin-debugging is run through npx at a pinned version, not installed with the project:
 * its office-addin-dev-settings needs @microsoft/m365agentstoolkit-cli, whose keytar is a native
 * module that does not build on Linux without libsecret. On Linux (no desktop Excel) this script
 * prints one line and exits 0; `npm test` runs the same scenario against the fake.
 */
import { spawnSync } from "node:child_process";
import { request } from "node:https";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { npxSpawn, serverDownLine, verdict, waitUntil } from "./test-excel-plan.mjs";

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
/** How long the test server may take to answer its first ping: 30 tries, a second apart. */
const PING_TRIES = 30;

/** Run office-addin-debugging (pinned, through npx) in the project folder; its exit status. */
function debugging(...args) {
  const plan = npxSpawn(process.platform, ["--yes", DEBUGGING, ...args]);
  const run = spawnSync(plan.command, plan.args, {
    cwd: root,
    stdio: "inherit",
    shell: plan.shell,
  });
  return run.status;
}

/** Whether nothing listens on the port yet. */
function portFree(port) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen(port, () => probe.close(() => done(true)));
  });
}

/** Whether the test server answers GET /ping within two seconds (its certificate is local). */
function pings(port) {
  return new Promise((done) => {
    const req = request(
      { host: "localhost", port, path: "/ping", rejectUnauthorized: false, timeout: 2000 },
      (res) => {
        res.resume();
        done(res.statusCode === 200);
      }
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => done(false));
    req.end();
  });
}

/** A promise that fails with `message` after `ms`, and the function that cancels it. */
function deadline(ms, message) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

const { TestServer } = require("office-addin-test-server");
const server = new TestServer(TEST_SERVER_PORT);
// A new TestServer holds an already rejected "No results available" promise until it is started;
// unhandled, it would end Node before the server starts. Its later results are awaited below.
server.getTestResults().catch(() => undefined);
let code = 1;
let sideloaded = false;
try {
  if (!(await portFree(TEST_SERVER_PORT)))
    throw new Error(
      `port ${TEST_SERVER_PORT} is taken by another program, so the test server cannot start and nothing ran.`
    );
  const starting = deadline(PING_TRIES * 1000, serverDownLine(TEST_SERVER_PORT, PING_TRIES));
  await Promise.race([server.startTestServer(true), starting.promise]).finally(starting.cancel);
  const up = await waitUntil(() => pings(TEST_SERVER_PORT), {
    attempts: PING_TRIES,
    pause: () => new Promise((r) => setTimeout(r, 1000)),
  });
  if (!up) throw new Error(serverDownLine(TEST_SERVER_PORT, PING_TRIES));
  sideloaded = true;
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
  const waiting = deadline(WAIT_MS, `Excel sent no results within ${WAIT_MS / 60000} minutes.`);
  const posted = await Promise.race([server.getTestResults(), waiting.promise]).finally(
    waiting.cancel
  );
  const v = verdict(posted);
  for (const line of v.lines) console.log(line);
  code = v.ok ? 0 : 1;
} catch (e) {
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, " ").trim();
  console.error(message.startsWith("test:excel: ") ? message : `test:excel: ${message}`);
} finally {
  if (sideloaded) debugging("stop", MANIFEST);
  await server.stopTestServer();
}
process.exit(code);
