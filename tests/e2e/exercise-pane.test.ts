/**
 * Exercises in the built task pane (headless Chromium, the project's fake Excel calculating with
 * HyperFormula): Make it an exercise on the Run form writes the sheet with the chosen columns
 * empty; Check my formulas on its card counts them as still empty, marks nothing wrong, and a
 * second click removes the marks; its message links the wrong cell and the explanation's numbers
 * to their cells; Rebuild keeps the learner's formulas and copies them down over new rows.
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

  type Fake = {
    __fakeExcel: {
      userEdit: (s: string, r: number, c: number, v: string) => void;
      state: { selection: { sheet: string; row: number; col: number } };
    };
  };
  const type = (row: number, col: number, formula: string) =>
    page.evaluate(
      ([sheet, r, c, f]) => (window as unknown as Fake).__fakeExcel.userEdit(sheet, r, c, f),
      [RUN, row, col, formula] as [string, number, number, string]
    );

  it("links the first wrong cell and the explanation's numbers to their cells", async () => {
    // the learner writes ŷ = a·x + b in H22 and slips by 1% in H23
    await type(21, 7, "=F22*D22+G22");
    await type(22, 7, "=(F23*D23+G23)*1.01");
    await page.getByRole("button", { name: "Check my formulas" }).click();
    await expect
      .poll(() => page.locator("#active-status-result").textContent())
      .toMatch(/^1 neuron lr 1e-4: H23 \(ŷ, step 2\) is/);
    const links = page.locator("#active-status-result .headline a");
    expect(await links.evaluateAll((a) => a.map((x) => (x as HTMLElement).dataset.cell))).toEqual(
      expect.arrayContaining(["H23", "F23", "D23", "G23"])
    );
    // one stop in the tab order: the first link, the others by arrow keys
    expect(await links.evaluateAll((a) => a.map((x) => (x as HTMLElement).tabIndex))).toEqual(
      expect.arrayContaining([0, -1])
    );
    await page.locator('#active-status-result a[data-cell="D23"]').first().click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Fake).__fakeExcel.state.selection))
      .toMatchObject({ sheet: RUN, row: 22, col: 3 });
  });

  it("rebuilds with more epochs keeping the learner's formulas and copying them down", async () => {
    await type(22, 7, "=F23*D23+G23"); // the slip mended; the rest filled down by hand
    for (let r = 23; r < 166; r++) await type(r, 7, `=F${r + 1}*D${r + 1}+G${r + 1}`);
    await page.locator("#rerun-epochs").fill("6"); // 5 epochs of 29 steps before
    await page.getByRole("button", { name: "Rebuild this sheet" }).click();
    await expect
      .poll(() => page.locator("#active-status-result").textContent(), { timeout: 60_000 })
      .toMatch(/copied down into H167:H195/);
    expect(await page.locator("#confirm").isHidden()).toBe(true); // nothing of theirs to ask about
    const s = await snapshot(page);
    const f = (row: number) => (cell(s, RUN, row, 7) as { formula?: string } | undefined)?.formula;
    expect([f(21), f(22), f(165), f(166), f(194)]).toEqual([
      "=F22*D22+G22",
      "=F23*D23+G23",
      "=F166*D166+G166",
      "=F167*D167+G167",
      "=F195*D195+G195",
    ]);
    await page.getByRole("button", { name: "Check my formulas" }).click();
    await expect
      .poll(() => page.locator("#active-status-result").textContent())
      .toMatch(/^1 neuron lr 1e-4: 174 of 174 right/);
  });
});
