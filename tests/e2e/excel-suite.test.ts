/**
 * The real-Excel suite's page (npm run test:excel) builds here as Excel would load it: webpack with
 * tests/excel/webpack.config.cjs (no certificate needed to build), one ES2017 bundle that Office's
 * web views parse, and the page that loads office.js and the bundle.
 */
import { parse } from "acorn";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), "gradsheet-excel-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the in-Excel test page", () => {
  it("builds into test-taskpane.html and one bundle that parses as ES2017", async () => {
    const webpack = require("webpack") as typeof import("webpack");
    const config = require(resolve(root, "tests/excel/webpack.config.cjs")) as (
      env?: object
    ) => Promise<import("webpack").Configuration>;
    const c = await config({});
    c.output = { ...c.output, path: out };
    const stats = await new Promise<import("webpack").Stats>((done, fail) =>
      webpack(c, (err, s) => (err || !s ? fail(err) : done(s)))
    );
    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    const page = readFileSync(join(out, "test-taskpane.html"), "utf8");
    expect(page).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(page).toMatch(/<script[^>]+src="[^"]*in-excel\.js"/);
    const bundle = readFileSync(join(out, "in-excel.js"), "utf8");
    expect(() => parse(bundle, { ecmaVersion: 2017, sourceType: "script" })).not.toThrow();
  }, 180_000);
});
