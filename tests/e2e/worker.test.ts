/**
 * Large runs in the built task pane (headless Chromium, the project's fake Excel): a run over
 * 100k row-steps trains in a Web Worker while the pane shows progress (moving during training)
 * and Cancel; Cancel mid-training leaves the workbook exactly as it was; a large Download as .xlsx completes through the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { OFFICE_JS, paneSession } from "./helpers/pane";
import { parts } from "../helpers/xlsx-file";

let session: Awaited<ReturnType<typeof paneSession>>;
beforeAll(async () => {
  session = await paneSession();
});
afterAll(() => session?.close());

const snapshot = (page: Page) =>
  page.evaluate(() =>
    JSON.stringify(
      (window as unknown as { __fakeExcelSnapshot: () => unknown }).__fakeExcelSnapshot()
    )
  );

/** graddesc's 29 x values for `epochs` epochs: 29 × epochs row-steps. */
async function largeRun(page: Page, epochs: number): Promise<void> {
  await page.getByRole("radio", { name: "graddesc basic" }).check();
  await page.fill("#epochs", String(epochs));
}

describe("a large run in the task pane", () => {
  it("trains in a Web Worker with progress during training, and Cancel mid-training leaves the workbook untouched", async () => {
    const page = await session.browser.newPage();
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: session.fakeBundle })
    );
    await page.goto(`${session.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="excel"]');
    const before = await snapshot(page);
    await largeRun(page, 20_000); // 580,000 row-steps
    const worker = page.waitForEvent("worker");
    await page.getByRole("button", { name: "Generate" }).click();
    await worker;
    await page.waitForSelector("#run-status-cancel:not([hidden])");
    expect(await page.locator("#run-status .progress").isVisible()).toBe(true);
    // The pane's thread is free while the worker trains: it answers and repaints the progress text.
    await page.waitForFunction(() =>
      /Training… \d+ s/.test(
        document.querySelector("#run-status .progress-text")?.textContent ?? ""
      )
    );
    // Training reports its own progress: the bar moves past 5% while the phase is still training
    // (Generate gives training the bar's first 10%: 1% as it starts, 10% as it ends; the text
    // "Training… N s" read with the bar at Cancel pins the phase).
    const bar = "#run-status .progress-bar";
    await page.waitForFunction((sel) => {
      const now = Number(document.querySelector(sel)?.getAttribute("aria-valuenow"));
      return now > 5 && now < 50;
    }, bar);
    // Cancel while the pane still shows training: read the bar and click in one turn of its thread.
    const atCancel = await page.evaluate((sel) => {
      const shown = {
        value: Number(document.querySelector(sel)?.getAttribute("aria-valuenow")),
        text: document.querySelector("#run-status .progress-text")?.textContent ?? "",
      };
      (document.querySelector("#run-status-cancel") as HTMLButtonElement).click();
      return shown;
    }, bar);
    expect(atCancel.value).toBeGreaterThan(5);
    expect(atCancel.value).toBeLessThan(50);
    expect(atCancel.text).toMatch(/^Training… \d+ s$/);
    await page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");
    expect(await page.locator("#run-status-error").textContent()).toBe(
      "Cancelled: nothing was written to the workbook."
    );
    expect(await page.locator("#run-status-cancel").isHidden()).toBe(true);
    expect(await page.locator("#run-status-result").textContent()).toBe("");
    expect(await snapshot(page)).toBe(before);
    await page.close();
  });

  it("downloads a large run's .xlsx built in the worker", async () => {
    const page = await session.browser.newPage();
    await page.route(OFFICE_JS, (route) => route.abort("internetdisconnected"));
    await page.goto(`${session.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="no-excel"]');
    await largeRun(page, 3_500); // 101,500 row-steps
    const workers: unknown[] = [];
    page.on("worker", (w) => workers.push(w));
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByRole("button", { name: "Download as .xlsx" }).click(),
    ]);
    expect(workers.length).toBe(1);
    const sheet = parts(readFileSync(await download.path()))["xl/worksheets/sheet1.xml"];
    const steps = sheet.match(/<row r="\d+"><c r="A\d+" s="\d+"><v>\d+<\/v>/g)?.length ?? 0; // one per step, numbered in column A
    expect(steps).toBe(101_500);
    expect(await page.locator("#run-status-result .headline").textContent()).toMatch(
      /3500 epochs: final √SSE/
    );
    await page.close();
  });
});
