/**
 * `npm run test:excel` offline: what can be checked without Excel. The runner refuses in one line
 * on a machine without desktop Excel, and the in-Excel add-in it sideloads is wired together (its
 * manifest, the test page's dev server, the test server's port). The scenario itself runs on the
 * fake in scenario.test.ts; only real Excel can run it for real. The runner's pure parts
 * (scripts/test-excel-plan.mjs: the Windows command line, the bounded wait for the test server, the
 * printed results) and what the in-Excel page reports about its Excel (tests/excel/excel-info.ts)
 * are checked here too.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  npxSpawn,
  quoteForCmd,
  serverDownLine,
  verdict,
  waitUntil,
} from "../../../scripts/test-excel-plan.mjs";
import { excelApiLevel, excelInfo, type OfficeContextLike } from "../../excel/excel-info";

const root = resolve(__dirname, "../../..");
const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(resolve(root, p), "utf8");

describe("npm run test:excel", () => {
  it.skipIf(process.platform === "win32" || process.platform === "darwin")(
    "on a machine without desktop Excel, says in one line that it needs Excel on Windows or Mac and exits 0",
    () => {
      const run = spawnSync(process.execPath, ["scripts/test-excel.mjs"], {
        cwd: root,
        encoding: "utf8",
      });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout.trim().split("\n")).toEqual([
        expect.stringMatching(/^test:excel needs desktop Excel on Windows or Mac; .*nothing ran/),
      ]);
    }
  );

  it("is the package's test:excel script, and the test server and helpers it uses are pinned devDependencies", () => {
    const pkg = JSON.parse(read("package.json")) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts["test:excel"]).toBe("node scripts/test-excel.mjs");
    for (const p of ["office-addin-test-server", "office-addin-test-helpers"])
      expect(pkg.devDependencies[p]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("sideloads a test add-in of its own whose page is the test bundle's, served where the runner waits for it", async () => {
    const { OfficeAddinManifest } = require("office-addin-manifest") as {
      OfficeAddinManifest: {
        readManifestFile(p: string): Promise<{
          id?: string;
          officeAppType?: string;
          hosts?: string[];
          defaultSettings?: { sourceLocation?: string };
        }>;
      };
    };
    const test = await OfficeAddinManifest.readManifestFile(
      resolve(root, "tests/excel/test-manifest.xml")
    );
    const main = await OfficeAddinManifest.readManifestFile(resolve(root, "manifest.xml"));
    const page = require(resolve(root, "tests/excel/webpack.config.cjs")) as {
      PORT: number;
      PAGE: string;
    };
    expect(test.id).not.toBe(main.id);
    expect(test).toMatchObject({ officeAppType: "TaskPaneApp", hosts: ["Workbook"] });
    expect(test.defaultSettings?.sourceLocation).toBe(
      `https://localhost:${page.PORT}/${page.PAGE}`
    );
    const script = read("scripts/test-excel.mjs");
    expect(script).toContain(`DEV_SERVER_PORT = ${page.PORT};`);
    expect(script).toContain(`"tests/excel/test-manifest.xml"`);
    const port = /TEST_SERVER_PORT = (\d+);/.exec(read("tests/excel/in-excel.ts"))?.[1];
    expect(script).toContain(`TEST_SERVER_PORT = ${port};`);
  });
});

/**
 * How the C runtime (and so node.exe) splits a command line into arguments, written from
 * Microsoft's "Parsing C command-line arguments": whitespace separates arguments outside double
 * quotes; 2n backslashes before a quote are n backslashes and the quote toggles quoting; 2n+1
 * backslashes before a quote are n backslashes and a literal quote; other backslashes are literal.
 */
function crtSplit(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\") {
      let n = 0;
      while (line[i] === "\\") (n++, i++);
      if (line[i] === '"') {
        cur += "\\".repeat(Math.floor(n / 2));
        if (n % 2) cur += '"';
        else quoted = !quoted;
      } else {
        cur += "\\".repeat(n);
        i--;
      }
      inArg = true;
    } else if (c === '"') {
      quoted = !quoted;
      inArg = true;
    } else if ((c === " " || c === "\t") && !quoted) {
      if (inArg) out.push(cur);
      cur = "";
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) out.push(cur);
  return out;
}

/** Characters cmd.exe acts on when they stand outside double quotes. */
const CMD_SPECIAL = /[&|<>()^]/;

/** Whether every cmd special character of `line` stands inside double quotes. */
function specialsQuoted(line: string): boolean {
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && CMD_SPECIAL.test(c)) return false;
  }
  return true;
}

describe("the runner's npx command line", () => {
  const DEV = "npx webpack serve --mode development";
  const args = ["--yes", "office-addin-debugging@7.0.0", "start", "m.xml", "--dev-server", DEV];

  it("on Windows is one command line for cmd.exe in which the dev-server command is ONE quoted argument", () => {
    const plan = npxSpawn("win32", args);
    expect(plan).toEqual({
      command:
        'npx --yes office-addin-debugging@7.0.0 start m.xml --dev-server "npx webpack serve --mode development"',
      args: [],
      shell: true,
    });
    // npx.cmd hands its arguments to node unchanged (%*): node reads them as the C runtime does.
    expect(crtSplit(plan.command)).toEqual(["npx", ...args]);
  });

  it("on Windows keeps spaces, a trailing backslash and cmd's & | < > ( ) ^ inside one argument each", () => {
    const odd = ["a b", "C:\\Program Files\\x\\", "x&y", "p|q", "<in>", "(g)", "up^", ""];
    const line = npxSpawn("win32", odd).command;
    expect(specialsQuoted(line)).toBe(true);
    expect(crtSplit(line)).toEqual(["npx", ...odd]);
  });

  it("refuses, in one sentence, an argument that cmd.exe would change even inside quotes", () => {
    for (const bad of ['say "hi"', "100%", "wow!", "two\nlines"])
      expect(() => quoteForCmd(bad)).toThrow(/^cannot pass .* through cmd\.exe unchanged\.$/);
  });

  it("leaves a plain word as it is", () => {
    expect(quoteForCmd("office-addin-debugging@7.0.0")).toBe("office-addin-debugging@7.0.0");
    expect(quoteForCmd("tests/excel/test-manifest.xml")).toBe("tests/excel/test-manifest.xml");
  });

  it("elsewhere runs npx itself with no shell, each argument as given", () => {
    for (const platform of ["darwin", "linux"])
      expect(npxSpawn(platform, args)).toEqual({ command: "npx", args, shell: false });
  });

  it("is what the runner spawns: no shell with bare arguments on Windows any more", () => {
    const script = read("scripts/test-excel.mjs");
    expect(script).toContain("npxSpawn(process.platform,");
    expect(script).not.toMatch(/shell:\s*process\.platform/);
  });
});

describe("the runner's wait for the test server", () => {
  /** A ping that answers with each of `answers` in turn (an Error is thrown), counting calls. */
  function pinger(answers: (boolean | Error)[]) {
    const seen = { pings: 0, pauses: 0 };
    const ready = () => {
      const a = answers[Math.min(seen.pings++, answers.length - 1)];
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    const pause = () => {
      seen.pauses++;
      return Promise.resolve();
    };
    return { ready, pause, seen };
  }

  it("gives up on a server that never answers after the set number of tries, pausing between them", async () => {
    const p = pinger([false]);
    expect(await waitUntil(p.ready, { attempts: 5, pause: p.pause })).toBe(false);
    expect(p.seen).toEqual({ pings: 5, pauses: 4 });
  });

  it("stops at the first answer", async () => {
    const p = pinger([false, new Error("ECONNREFUSED"), true, false]);
    expect(await waitUntil(p.ready, { attempts: 30, pause: p.pause })).toBe(true);
    expect(p.seen).toEqual({ pings: 3, pauses: 2 });
  });

  it("counts a refused connection as no answer, not as a crash", async () => {
    const p = pinger([new Error("ECONNREFUSED")]);
    expect(await waitUntil(p.ready, { attempts: 3, pause: p.pause })).toBe(false);
  });

  it("says in one line where it asked, how long it waited and that nothing ran", () => {
    const line = serverDownLine(4201, 30);
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toBe(
      "test:excel: the test server (office-addin-test-server) did not answer at https://localhost:4201/ping within 30 s, so nothing ran."
    );
  });
});

describe("the runner's printed results", () => {
  const excel = { version: "16.0.17928.20114", platform: "PC", api: "1.17" };

  it("names the Excel build and its ExcelApi level first, then one line per step", () => {
    const v = verdict({
      excel,
      steps: [
        { step: "generate", ok: true, detail: "equal" },
        { step: "apply", ok: true, detail: "equal" },
      ],
    });
    expect(v).toEqual({
      lines: [
        "Excel 16.0.17928.20114 on PC, ExcelApi 1.17",
        "ok     generate: equal",
        "ok     apply: equal",
      ],
      ok: true,
    });
  });

  it("fails when one step failed, and marks it", () => {
    const v = verdict({
      excel,
      steps: [
        { step: "generate", ok: true, detail: "equal" },
        { step: "doctor", ok: false, detail: "x axis still unlinked" },
      ],
    });
    expect(v.ok).toBe(false);
    expect(v.lines[2]).toBe("FAILED doctor: x axis still unlinked");
  });

  it("fails when Excel sent no steps, and says the build is unknown when it was not sent", () => {
    expect(verdict({ steps: [] })).toEqual({
      lines: ["Excel (build unknown), ExcelApi level unknown", "Excel sent no step results."],
      ok: false,
    });
    expect(verdict([{ step: "old shape", ok: true, detail: "" }]).ok).toBe(false);
  });
});

describe("what the in-Excel page reports about its Excel", () => {
  /** An Office.context whose Excel supports ExcelApi 1.1 up to 1.`top`. */
  const ctx = (top: number, diagnostics?: OfficeContextLike["diagnostics"]): OfficeContextLike => ({
    diagnostics,
    requirements: {
      isSetSupported: (name, v) =>
        name === "ExcelApi" && v !== undefined && Number(v.split(".")[1]) <= top,
    },
  });

  it("is the highest ExcelApi set the build supports", () => {
    expect(excelApiLevel(ctx(17))).toBe("1.17");
    expect(excelApiLevel(ctx(9))).toBe("1.9");
    expect(excelApiLevel(ctx(0))).toBe("");
  });

  it("carries the build and platform from Office.context.diagnostics", () => {
    expect(excelInfo(ctx(12, { version: "16.0.14332.20000", platform: "Mac" }))).toEqual({
      version: "16.0.14332.20000",
      platform: "Mac",
      api: "1.12",
    });
  });

  it("is posted with the steps by the page", () => {
    expect(read("tests/excel/in-excel.ts")).toMatch(
      /sendTestResults\(\{ excel: excelInfo\(Office\.context\), steps: results \}/
    );
  });
});
