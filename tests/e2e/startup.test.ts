/**
 * The add-in as an Office web view meets it: the production build made for an https host
 * (GRADSHEET_URL), parsed as ES2017 the way Office 2019's EdgeHTML must parse it, and the built pane
 * in headless Chromium starting up slowly, without its bundle, without office.js, and without the
 * built-ins old web views lack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "node:http";
import { parse } from "acorn";
import type { BrowserContext, Page } from "playwright-core";
import { buildPane, launchChromium, OFFICE_JS, serve } from "./helpers/pane";

const HOST = "https://learner.example/gradsheet/";
const IN_EXCEL = "taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0";

let browser: BrowserContext;
let server: Server;
let url: string;
let fakeBundle: string;
let dist: string;

beforeAll(async () => {
  const before = process.env.GRADSHEET_URL;
  process.env.GRADSHEET_URL = HOST;
  try {
    ({ dir: dist, fakeBundle } = await buildPane());
  } finally {
    if (before === undefined) delete process.env.GRADSHEET_URL;
    else process.env.GRADSHEET_URL = before;
  }
  ({ url, server } = await serve(dist));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Why `code` is not ES2017 (acorn's message), or null when it parses. */
function notEs(code: string, ecmaVersion: 5 | 2017): string | null {
  try {
    parse(code, { ecmaVersion, sourceType: "script" });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const files = () =>
  readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
    (f) => statSync(join(dist, f)).isFile() && !f.endsWith(".png")
  );
const scripts = () => files().filter((f) => f.endsWith(".js"));
const read = (f: string) => readFileSync(join(dist, f), "utf8");
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

describe("the production bundle", () => {
  it("parses as ES2017 in every script, with no lookbehind even in RegExp strings", () => {
    expect(scripts().length).toBeGreaterThanOrEqual(2);
    for (const f of scripts()) {
      expect(notEs(read(f), 2017), f).toBeNull();
      expect(read(f), f).not.toMatch(/\(\?<[!=]/);
    }
  });

  it("is checked by a parse that rejects what EdgeHTML rejects (lookbehind, named groups, \\p{L}, ?., ??)", () => {
    for (const sample of [
      "var r = /(?<![A-Z])B1/g;",
      "var r = /(?<y>\\d+)/;",
      "var r = /\\p{L}/u;",
      "var v = a?.b;",
      "var v = a ?? b;",
      "try {} catch {}",
    ])
      expect(notEs(sample, 2017), sample).toMatch(/Invalid|Unexpected/);
    expect(notEs("async function f() { const { a, ...rest } = await g(); }", 2017)).toMatch(
      /Unexpected/
    );
  });

  it("names each bundle by its content hash, and the pages load those names", () => {
    const bundles = scripts().filter((f) => /^(taskpane|ribbon)\.[0-9a-f]{8}\.js$/.test(f));
    expect(bundles.map((f) => f.split(".")[0]).sort()).toEqual(["ribbon", "taskpane"]);
    for (const b of bundles)
      expect(read(`${b.split(".")[0]}.html`)).toMatch(
        new RegExp(`<script defer(="defer")? src="?${b.replace(/\./g, "\\.")}"?>`)
      );
  });

  it("leaves no localhost anywhere when built for an https host, and points the manifest there", () => {
    for (const f of files()) expect(read(f), f).not.toMatch(/localhost/i);
    const manifest = read("manifest.xml").replace(/<!--[\s\S]*?-->/g, "");
    const urls = [...manifest.matchAll(/https?:\/\/[^"<\s]+/g)]
      .map((m) => m[0])
      .filter((u) => !u.startsWith("http://schemas.") && !u.startsWith("http://www.w3.org"));
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith(HOST) || u === new URL(HOST).origin, u).toBe(true);
    expect(manifest).toContain(`${HOST}taskpane.html`);
  });

  it("offers the manifest from the site's landing page", () => {
    expect(read("index.html")).toMatch(/href="?manifest\.xml"?/);
  });

  it("keeps taskpane.html's fallback script ES5 and the bundle deferred behind it", () => {
    const html = read("taskpane.html");
    const inline = inlineScripts(html);
    expect(inline.length).toBe(1);
    expect(notEs(inline[0], 5)).toBeNull();
    expect(notEs("let x = () => 1;", 5)).toMatch(/Unexpected|reserved/);
    // deferred, so it has run (or failed) by DOMContentLoaded, when the fallback starts its count
    expect(html).toMatch(/<script defer(="defer")? src="?taskpane\.[0-9a-f]{8}\.js/);
  });
});

async function open(path: string, setup: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await browser.newPage();
  await setup(page);
  await page.goto(`${url}/${path}`);
  return page;
}
const withFake = (page: Page, extra = "") =>
  page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: fakeBundle + extra })
  );
const fallback = (page: Page) =>
  page
    .waitForFunction(() => document.documentElement.getAttribute("data-fallback"))
    .then(() => page.evaluate(() => document.documentElement.getAttribute("data-fallback")));

describe("taskpane.html's ES5 fallback", () => {
  it("says the web view is too old, and what to do, when the bundle never starts", async () => {
    const page = await open(IN_EXCEL, async (p) => {
      await withFake(p);
      await p.route(/\/taskpane\.[0-9a-f]{8}\.js$/, (route) => route.abort("blockedbyclient"));
    });
    expect(await fallback(page)).toBe("shown");
    const text = await page.locator("#starting").textContent();
    expect(text).toMatch(
      /cannot start in this Excel[\s\S]*too old[\s\S]*Update Office[\s\S]*Excel on the web/
    );
    expect(text).not.toMatch(/Starting…/);
    await page.close();
  });

  it("says the same when the bundle does not parse (as an ES2018 regex in EdgeHTML)", async () => {
    const page = await open(IN_EXCEL, async (p) => {
      await withFake(p);
      await p.route(/\/taskpane\.[0-9a-f]{8}\.js$/, (route) =>
        route.fulfill({
          status: 200,
          contentType: "text/javascript",
          body: "var r = /(?<!a)b/; var x = ;",
        })
      );
    });
    expect(await fallback(page)).toBe("shown");
    expect(await page.locator("#starting").getAttribute("role")).toBe("alert");
    await page.close();
  });

  it("stays quiet when the bundle starts", async () => {
    const page = await open(IN_EXCEL, (p) => withFake(p));
    await page.waitForSelector('body[data-ready="excel"]');
    expect(await fallback(page)).toBe("not-needed");
    expect(await page.locator("#starting").isHidden()).toBe(true);
    await page.close();
  });
});

describe("start-up", () => {
  it("inside Excel, waits for a slow Office.onReady past the browser timeout, then starts with Excel", async () => {
    // Office.onReady answers only when the test says so (a slow link, or a cold desktop start).
    const gate =
      ";(function(){var open;var gate=new Promise(function(r){open=r});window.__releaseOffice=open;var real=Office.onReady;Office.onReady=function(){var a=arguments;return gate.then(function(){return real.apply(Office,a)})};})();";
    const page = await open(IN_EXCEL, (p) => withFake(p, gate));
    await page.waitForFunction(() =>
      document.getElementById("starting")?.textContent?.includes("Still waiting for Excel")
    );
    expect(await page.evaluate(() => document.body.dataset.ready ?? null)).toBeNull();
    await page.evaluate(() =>
      (window as unknown as { __releaseOffice: () => void }).__releaseOffice()
    );
    await page.waitForSelector('body[data-ready="excel"]');
    expect(await page.locator("#no-excel").isHidden()).toBe(true);
    await page.close();
  });

  it("opened by Office with office.js unreachable, says Office.js could not be loaded, not 'runs inside Excel'", async () => {
    const page = await open(IN_EXCEL, (p) =>
      p.route(OFFICE_JS, (route) => route.abort("internetdisconnected"))
    );
    await page.waitForSelector('body[data-ready="no-excel"]');
    expect(await page.locator("#office-unreachable").textContent()).toMatch(
      /Excel opened GradSheet, but Office\.js could not be loaded/
    );
    expect(await page.locator("#no-excel").isHidden()).toBe(true);
    await page.close();
  });

  it("in a plain browser with office.js unreachable, explains that it runs inside Excel", async () => {
    const page = await open("taskpane.html", (p) =>
      p.route(OFFICE_JS, (route) => route.abort("internetdisconnected"))
    );
    await page.waitForSelector('body[data-ready="no-excel"]');
    expect(await page.locator("#no-excel").textContent()).toMatch(/runs inside Excel/);
    expect(await page.locator("#office-unreachable").isHidden()).toBe(true);
    await page.close();
  });
});

describe("on a web view without the built-ins newer than ES2017", () => {
  it("generates a run with flat, flatMap, fromEntries, replaceChildren and TextEncoder/TextDecoder removed", async () => {
    const page = await open(IN_EXCEL, async (p) => {
      await p.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        for (const [o, k] of [
          [Array.prototype, "flat"],
          [Array.prototype, "flatMap"],
          [Object, "fromEntries"],
          [Element.prototype, "replaceChildren"],
          [Document.prototype, "replaceChildren"],
          [DocumentFragment.prototype, "replaceChildren"],
          [w, "TextEncoder"],
          [w, "TextDecoder"],
        ] as const)
          delete (o as Record<string, unknown>)[k];
      });
      await withFake(p);
    });
    await page.waitForSelector('body[data-ready="excel"]');
    expect(
      await page.evaluate(
        () =>
          typeof ([] as unknown as { flat: unknown }).flat +
          typeof Element.prototype.replaceChildren
      )
    ).toBe("functionfunction");
    await page.getByRole("radio", { name: "2 neurons + ReLU" }).check();
    await page.getByRole("button", { name: "Generate" }).click();
    await page.waitForSelector("#run-status-result .headline");
    expect(await page.locator("#run-status-result .headline").textContent()).toMatch(
      /^2 neurons \+ ReLU, SGD/
    );
    const text = "√SSE 𝔸 é 漢字";
    const bytes = await page.evaluate((t) => Array.from(new TextEncoder().encode(t)), text);
    expect(bytes).toEqual(Array.from(Buffer.from(text, "utf8")));
    expect(await page.evaluate((b) => new TextDecoder().decode(new Uint8Array(b)), bytes)).toBe(
      text
    );
    await page.close();
  });
});
