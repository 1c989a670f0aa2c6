/**
 * What the README and docs promise about installing and about each Excel, checked against the
 * manifest, the webpack config and the Pages workflow they describe.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const root = resolve(__dirname, "../../..");
const text = (f: string) => readFileSync(resolve(root, f), "utf8");
const { DEFAULT_PROD_URL } = createRequire(import.meta.url)(resolve(root, "webpack.config.js")) as {
  DEFAULT_PROD_URL: string;
};
const readme = text("README.md");
const install = readme.slice(
  readme.indexOf("## Install"),
  readme.indexOf("\n## ", readme.indexOf("## Install") + 1)
);
const docs = text("docs/excel-addin.md");
const workflow = text(".github/workflows/pages.yml");
const minVersion = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(text("manifest.xml"))![1];

describe("the README's Install section", () => {
  it("sends learners to the published manifest, at the address the build defaults to", () => {
    expect(install).toContain(DEFAULT_PROD_URL);
    expect(install).toContain(`${DEFAULT_PROD_URL}manifest.xml`);
    expect(install).not.toMatch(/npm |localhost|office-addin-dev-certs/);
  });

  it("covers Excel on the web, Windows, Mac and a whole class", () => {
    expect(install).toMatch(/Excel on the web[\s\S]*Upload My Add-in/);
    expect(install).toMatch(/Windows[\s\S]*Trusted Add-in Catalogs[\s\S]*Shared Folder/);
    expect(install).toMatch(/Mac[\s\S]*Containers\/com\.microsoft\.Excel\/Data\/Documents\/wef/);
    expect(install).toMatch(/whole class[\s\S]*Microsoft\s+365 admin center[\s\S]*Integrated apps/);
  });

  it("keeps the README's first two commands: run the add-in, run the tests", () => {
    const [start, test] = readme.split("```sh\n")[1].split("\n");
    expect(start).toMatch(/^npm ci && npm start\s+#/);
    expect(test).toMatch(/^npm ci && npm test\s+#/);
    const scripts = (JSON.parse(text("package.json")) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start).toBe("node scripts/start.mjs");
  });
});

describe("the Pages workflow", () => {
  it("builds the pane with GRADSHEET_URL set to the Pages address and publishes dist/", () => {
    expect(workflow).toMatch(/branches: \[main\]/);
    expect(workflow).toMatch(/- run: npm ci/);
    expect(workflow).toMatch(/uses: actions\/configure-pages@v\d+/);
    expect(workflow).toMatch(
      /run: npm run build:pane\n\s+env:\n\s+GRADSHEET_URL: \$\{\{ steps\.pages\.outputs\.base_url \}\}\//
    );
    expect(workflow).toMatch(
      /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist\n/
    );
    expect(workflow).toMatch(/uses: actions\/deploy-pages@v\d+/);
    expect(workflow).toMatch(/pages: write[\s\S]*id-token: write/);
  });

  it("publishes to the address the README names for this repository (gradsheet/gradsheet)", () => {
    expect(DEFAULT_PROD_URL).toBe("https://gradsheet.github.io/gradsheet/");
    expect(workflow).toMatch(/https:\/\/OWNER\.github\.io\/REPO\//);
  });
});

describe("docs/excel-addin.md's Excel versions", () => {
  const table = docs.slice(docs.indexOf("## Excel versions"), docs.indexOf("## Code"));
  const rows = table.split("\n").filter((l) => /^\| [<\d]/.test(l));

  it("starts at the manifest's ExcelApi floor, and says Excel below it does not list the add-in", () => {
    expect(rows[0]).toMatch(new RegExp(`^\\| < ${minVersion.replace(".", "\\.")} \\|`));
    expect(rows[0]).toMatch(/not listed/);
    expect(docs).not.toMatch(/opens and names the Excel needed/);
    expect(rows[1]).toMatch(
      new RegExp(`^\\| ${minVersion.replace(".", "\\.")} and up \\|.*Internet Explorer 11.*too old`)
    );
  });

  it("lists every other row at or above the floor, in order", () => {
    const versions = rows.slice(1).map((r) => Number(/^\| ([\d.]+)/.exec(r)![1].split(".")[1]));
    expect(versions.every((v) => v >= Number(minVersion.split(".")[1]))).toBe(true);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });
});
