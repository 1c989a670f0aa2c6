/**
 * Exercises in the built task pane (headless Chromium, the project's fake Excel calculating with
 * HyperFormula): Make it an exercise on the Run form writes the sheet with the chosen columns
 * empty; Check my formulas on its card counts them as still empty, marks nothing wrong, and a
 * second click removes the marks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { cell, openInExcel, snapshot, usePaneSite } from "./helpers/pane";

const pane = usePaneSite();
const RUN = "1 neuron lr 1e-4";

describe("exercises in the task pane", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site);
  });

  it("makes the 1-neuron run an exercise with ŷ left for the learner", async () => {
    await page.getByRole("radio", { name: "1 neuron" }).check();
    await page.getByLabel("Make it an exercise").check();
    await page.getByLabel("Columns for the learner").fill("ŷ");
    await page.getByRole("button", { name: "Generate" }).click();
    await page.waitForSelector("#run-status-result .headline");
    expect(await page.locator("#run-status-result").textContent()).toContain("An exercise");
    const s = await snapshot(page);
    // ŷ is column H (step, epoch, row, x, y, a, b, ŷ); its first step row is 22
    const yHat = cell(s, RUN, 21, 7) as { value?: unknown; formula?: unknown } | undefined;
    expect([yHat?.value, yHat?.formula]).toEqual([undefined, undefined]);
    expect((cell(s, RUN, 21, 5) as { formula?: unknown } | undefined)?.formula).toBe("=InitA");
  });

  it("checks the learner's formulas from the sheet's card: every ŷ still empty", async () => {
    const check = page.getByRole("button", { name: "Check my formulas" });
    await check.waitFor();
    await check.click();
    await page.waitForSelector("#active-status-result");
    expect(await page.locator("#active-status-result").textContent()).toMatch(
      /^1 neuron lr 1e-4: \d+ cells still empty \(H22:H\d+\)\. Green cells agree/
    );
    await check.click();
    await expect
      .poll(() => page.locator("#active-status-result").textContent())
      .toMatch(/marks on “1 neuron lr 1e-4” are gone/);
  });
});
