/**
 * The doctor panel in headless Chromium, against the fake Excel: Check charts lists the forum's
 * finding with its evidence, Fix turns the chart into a linked XY scatter chart, and with the watch
 * and "fix without asking" on, a chart the user adds is fixed at once.
 */
import { buildSync } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lowContrast } from "./helpers/contrast";
import { CHROMIUM_HINT, requireProgram } from "./helpers/programs";

let browser: Browser;
let page: Page;
let dir = "";

beforeAll(async () => {
  const executablePath = requireProgram("chromium", ["/usr/bin/chromium"], CHROMIUM_HINT);
  dir = mkdtempSync(join(tmpdir(), "gradsheet-doctor-panel-"));
  const out = buildSync({
    entryPoints: [join(__dirname, "doctor-panel/entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const script = out.outputFiles[0].text;
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const css = readFileSync(join(__dirname, "../../src/taskpane/taskpane.css"), "utf8");
  await page.setContent(
    `<!doctype html><html data-theme="light"><head><style>${css}</style></head><body><section id="doctor"></section><script>${script.replace(/<\/script/g, "<\\/script")}</script></body></html>`
  );
  expect(errors).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const chartTypes = (p: Page) =>
  p.evaluate(() =>
    (
      window as unknown as { doctorFake: { state: { sheets: { charts: { type: string }[] }[] } } }
    ).doctorFake.state.sheets[0].charts.map((c) => c.type)
  );

describe("the doctor panel", () => {
  it("lists the forum's chart finding with its evidence and a Fix button", async () => {
    await page.click("#doctor-check");
    await page.waitForSelector(".doctor-finding");
    expect(await page.textContent("#doctor-status")).toBe("1 finding in 1 chart.");
    const item = await page.textContent(".doctor-finding");
    expect(item).toContain("Line chart shows typed-in categories, not your x cells");
    expect(item).toContain('Series "y"; cells Sheet1!$B$2:$B$22');
    expect(await page.isVisible(".doctor-fix")).toBe(true);
    if (process.env.GRADSHEET_DOCTOR_PNG)
      await page.screenshot({
        path: join(process.env.GRADSHEET_DOCTOR_PNG, "doctor-panel.png"),
        fullPage: true,
      });
  });

  it("keeps the findings readable in dark mode as in light (every text at least 4.5:1)", async () => {
    expect(await lowContrast(page, "#doctor")).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector(".doctor-finding")!).backgroundColor
      )
    ).toBe("rgb(59, 19, 22)");
    expect(await lowContrast(page, "#doctor")).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
  });

  it("fixes the chart in place and says what changed", async () => {
    await page.click(".doctor-fix");
    await page.waitForSelector("#doctor-report li");
    expect(await page.textContent("#doctor-report")).toContain(
      "Fixed: Turned the line chart into an XY scatter chart; X values now reference Sheet1!$A$2:$A$22."
    );
    await page.waitForFunction(() =>
      document.querySelector("#doctor-status")?.textContent?.startsWith("No problems")
    );
    expect(await chartTypes(page)).toEqual(["XYScatterLines"]);
  });

  it("fixes a chart the user adds at once when watching with 'fix without asking'", async () => {
    await page.check("#doctor-auto");
    await page.check("#doctor-watch");
    await page.waitForTimeout(100);
    await page.evaluate(() =>
      (
        window as unknown as { doctorFake: { addLineChart: () => Promise<void> } }
      ).doctorFake.addLineChart()
    );
    await page.waitForFunction(() =>
      document.querySelector("#doctor-report")?.textContent?.includes("Turned the line chart")
    );
    await page.waitForFunction(() =>
      document
        .querySelector("#doctor-status")
        ?.textContent?.startsWith("No problems found in 2 charts")
    );
    expect(await chartTypes(page)).toEqual(["XYScatterLines", "XYScatterLinesNoMarkers"]);
  });
});
