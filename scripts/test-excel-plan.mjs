/**
 * The pure parts of `npm run test:excel` (scripts/test-excel.mjs), kept apart so that
 * tests/unit/excel/test-excel-suite.test.ts can check them on a machine without Excel:
 * how office-addin-debugging is spawned on each platform, the bounded wait for the test server,
 * and the lines printed from what the in-Excel page posts.
 */

/**
 * One argument quoted for cmd.exe and the C runtime's argument parser, which is how a `.cmd`
 * shim (npx.cmd passes `%*` on to node) receives it when Node spawns with `shell: true`.
 * A plain word stays as it is; anything else is wrapped in double quotes, so that spaces do not
 * split it and `&`, `|`, `<`, `>`, `(`, `)` and `^` are not read by cmd. Characters that cmd
 * would still read inside double quotes (`"`, `%`, `!`, line breaks) cannot be passed safely
 * through a batch file, so they are refused rather than passed on changed.
 * @param {string} arg
 * @returns {string}
 */
export function quoteForCmd(arg) {
  if (/["%!\r\n]/.test(arg))
    throw new Error(`cannot pass ${JSON.stringify(arg)} through cmd.exe unchanged.`);
  if (/^[A-Za-z0-9_@+=:,./\\-]+$/.test(arg)) return arg;
  // Backslashes before the closing quote would escape it for the C runtime: double them.
  return `"${arg.replace(/(\\+)$/, "$1$1")}"`;
}

/**
 * How to spawn `npx <args>` so that each argument arrives whole. On Windows npx is a `.cmd`
 * shim, which Node 20 runs only through a shell: the whole command line is built here, each
 * argument quoted for cmd.exe, and handed to the shell as one string (Node would otherwise join
 * the arguments with bare spaces and split `--dev-server "npx webpack serve …"` into words).
 * Elsewhere npx is spawned directly, with no shell, and the arguments go as they are.
 * @param {string} platform `process.platform`
 * @param {string[]} args the arguments after `npx`
 * @returns {{ command: string, args: string[], shell: boolean }}
 */
export function npxSpawn(platform, args) {
  if (platform === "win32")
    return { command: ["npx", ...args].map(quoteForCmd).join(" "), args: [], shell: true };
  return { command: "npx", args: [...args], shell: false };
}

/**
 * Ask `ready` up to `attempts` times, waiting `pause()` between tries; true as soon as it
 * answers true, false when every try failed (a try that throws counts as a failure). The wait is
 * bounded: at most `attempts` tries and `attempts - 1` pauses.
 * @param {() => Promise<boolean>} ready
 * @param {{ attempts: number, pause: () => Promise<void> }} options
 * @returns {Promise<boolean>}
 */
export async function waitUntil(ready, { attempts, pause }) {
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await pause();
    try {
      if (await ready()) return true;
    } catch {
      // not ready yet
    }
  }
  return false;
}

/** The sentence printed when the test server does not answer its ping. */
export function serverDownLine(port, seconds) {
  return `test:excel: the test server (office-addin-test-server) did not answer at https://localhost:${port}/ping within ${seconds} s, so nothing ran.`;
}

/**
 * Each line the runner prints, and whether the suite passed. The page posts
 * `{ excel: { version, platform, api }, steps: [{ step, ok, detail }] }`: the first line names the
 * Excel build and the highest ExcelApi set it supports, then one line per step. The suite passes
 * only when at least one step ran and every step passed.
 * @param {unknown} posted
 * @returns {{ lines: string[], ok: boolean }}
 */
export function verdict(posted) {
  const p =
    /** @type {{ excel?: { version?: string, platform?: string, api?: string }, steps?: unknown }} */ (
      posted && typeof posted === "object" ? posted : {}
    );
  const excel = p.excel ?? {};
  const build = `Excel ${excel.version || "(build unknown)"}${excel.platform ? ` on ${excel.platform}` : ""}`;
  const api = excel.api ? `ExcelApi ${excel.api}` : "ExcelApi level unknown";
  const head = `${build}, ${api}`;
  const steps = /** @type {{ step?: string, ok?: boolean, detail?: string }[]} */ (
    Array.isArray(p.steps) ? p.steps : []
  );
  if (!steps.length) return { lines: [head, "Excel sent no step results."], ok: false };
  const lines = steps.map((r) => `${r.ok === true ? "ok    " : "FAILED"} ${r.step}: ${r.detail}`);
  return { lines: [head, ...lines], ok: steps.every((r) => r.ok === true) };
}
