/**
 * The built pane against a slow Excel: the fake answers each Excel call after 300 ms, as Excel on
 * the web can. While Generate waits on Excel, its bar stands at a real step (never an unknown
 * length, never going back) and moves on as Excel answers; Cancel is offered while the sheet is
 * being sent, and taking it leaves the workbook as it was.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { idle, openInExcel, snapshot, usePaneSite } from "./helpers/pane";

const pane = usePaneSite();
const slow = () => openInExcel(pane.site, { syncDelayMs: 300 });

/** What Generate's progress shows as each Excel call starts (while its progress is on screen). */
interface AtCall {
  percent: string | null;
  text: string;
  cancel: boolean;
}

/** Record, from now on, Generate's progress at the start of every Excel call. */
const recordAtCalls = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __fakeExcelBeforeSync: (() => void)[]; __atCalls: AtCall[] };
    w.__atCalls = [];
    w.__fakeExcelBeforeSync.push(() => {
      const box = document.querySelector("#run-status .progress") as HTMLElement;
      if (box.hidden) return;
      w.__atCalls.push({
        percent: box.querySelector(".progress-bar")!.getAttribute("aria-valuenow"),
        text: box.querySelector(".progress-text")!.textContent ?? "",
        cancel: !(document.getElementById("run-status-cancel") as HTMLElement).hidden,
      });
    });
  });

const atCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __atCalls: AtCall[] }).__atCalls);

describe("Generate with 300 ms per Excel call", () => {
  it("shows a bar that stands at a real step during every Excel call and moves on as Excel answers", async () => {
    const page = await slow();
    await recordAtCalls(page);
    await page.getByRole("button", { name: "Generate" }).click();
    await idle(page);
    await page.waitForSelector("#run-status-result .headline");
    const seen = await atCalls(page);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    // never "unknown length" while Excel works
    expect(seen.filter((s) => s.percent === null)).toEqual([]);
    const percents = seen.map((s) => Number(s.percent));
    for (let i = 1; i < percents.length; i++)
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]);
    // it advances through the steps: looking, each request answered, checking
    expect(new Set(percents).size).toBeGreaterThanOrEqual(3);
    expect(seen[0].text).toBe("Writing the sheet: looking at the workbook…");
    expect(seen.map((s) => s.text)).toContain("Writing the sheet: 1 of 1 request done");
    expect(seen[seen.length - 1].text).toMatch(/^Checking a sample of what Excel calculated/);
    // Cancel while the sheet is being sent, not while checking (nothing left to cancel)
    expect(seen[0].cancel).toBe(true);
    expect(seen.filter((s) => s.text.startsWith("Checking")).some((s) => s.cancel)).toBe(false);
    await page.close();
  });

  it("offers Cancel while the sheet is being sent; taking it leaves the workbook as it was", async () => {
    const page = await slow();
    const before = (await snapshot(page)).sheets.map((s) => s.name);
    await page.getByRole("button", { name: "Generate" }).click();
    const cancel = page.locator("#run-status-cancel");
    await cancel.waitFor({ state: "visible" });
    await cancel.click();
    await idle(page);
    expect(await page.locator("#run-status-error").textContent()).toBe(
      "Cancelled: nothing was written."
    );
    expect(await page.locator("#run-status-result").textContent()).toBe("");
    expect((await snapshot(page)).sheets.map((s) => s.name)).toEqual(before);
    await page.close();
  });
});
