/**
 * `npm run test:excel` offline: what can be checked without Excel. The runner refuses in one line
 * on a machine without desktop Excel, and the in-Excel add-in it sideloads is wired together (its
 * manifest, the test page's dev server, the test server's port). The scenario itself runs on the
 * fake in scenario.test.ts; only real Excel can run it for real.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

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

describe("test:excel on Windows (scripts/test-excel-args.mjs)", () => {
  const DEV = "npx webpack serve --config tests/excel/webpack.config.cjs";
  type Args = {
    npxInvocation: (
      args: string[],
      platform: string,
      execPath: string,
      exists: (p: string) => boolean
    ) => { command: string; args: string[]; shell: boolean };
    quoteForCmd: (a: string) => string;
    closeExcelCommand: (platform: string) => { command: string; args: string[] } | null;
  };
  const load = async () =>
    (await import(resolve(root, "scripts/test-excel-args.mjs"))) as unknown as Args;

  it("runs npm's npx-cli.js with this Node and no shell, so --dev-server arrives as one argument", async () => {
    const { npxInvocation } = await load();
    const how = npxInvocation(
      ["--yes", "office-addin-debugging@7.0.0", "start", "--dev-server", DEV],
      "win32",
      "C:\\node\\node.exe",
      (p) => p.endsWith("npx-cli.js")
    );
    expect(how.shell).toBe(false);
    expect(how.command).toBe("C:\\node\\node.exe");
    expect(how.args[0]).toMatch(/npm[\\/]bin[\\/]npx-cli\.js$/);
    expect(how.args).toContain(DEV);
  });

  it("quotes each argument for cmd.exe when it must fall back to npx.cmd through a shell", async () => {
    const { npxInvocation, quoteForCmd } = await load();
    const how = npxInvocation(["--dev-server", DEV], "win32", "C:\\node\\node.exe", () => false);
    expect(how).toEqual({ command: "npx.cmd", args: ["--dev-server", `"${DEV}"`], shell: true });
    expect(quoteForCmd('say "hi"')).toBe('"say \\"hi\\""');
  });

  it("closes Excel after the run as Microsoft's templates do", async () => {
    const { closeExcelCommand } = await load();
    expect(closeExcelCommand("win32")).toEqual({
      command: "taskkill",
      args: ["/im", "excel.exe", "/f"],
    });
    expect(closeExcelCommand("linux")).toBeNull();
  });
});
