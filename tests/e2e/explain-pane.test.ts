/**
 * "Explain this step" in headless Chromium against the fake Excel: generate the 1-neuron run,
 * select a cell of its second step row, and the panel explains step 2 with links to the row's
 * cells, with the numbers as the fake's calculation engine (HyperFormula, standing in for Excel's)
 * calculated them; after a new LearningRate of 3e-5 is typed into its cell, the recalculated ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { presetById, type RunOptions } from "../../src/core";
import { explainRun, stepLayout } from "../../src/run";
import { a1, KEYS } from "../../src/sheet";
import { buildPane, launchChromium, OFFICE_JS, serve } from "./helpers/pane";

const SHEET = "1 neuron lr 1e-4";
const OPTIONS: RunOptions = presetById("one-neuron")!.options;

let browser: BrowserContext;
let server: Server;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  const built = await buildPane();
  const s = await serve(built.dir);
  server = s.server;
  page = await browser.newPage();
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: built.fakeBundle })
  );
  await page.goto(`${s.url}/taskpane.html`);
  await page.waitForSelector('body[data-ready="excel"]');
  await page.getByRole("button", { name: "Generate" }).click();
  await page.waitForSelector("#run-status-result .headline");
  // the panel lives in the pane's Explain tab (it follows the selection only while that tab is shown)
  await page.click("#tab-explain");
}, 600_000); // a production webpack build: minutes on a busy machine
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Select one cell of the fake workbook, as the learner clicking it (Excel's onSelectionChanged fires). */
const select = (sheet: string, row: number, col: number) =>
  page.evaluate(
    ([s, r, c]) =>
      (
        window as unknown as {
          __fakeExcel: { select: (s: string, r: number, c: number) => Promise<void> };
        }
      ).__fakeExcel.select(s, r, c),
    [sheet, row, col] as const
  );

/** The core's lines in the pane's words: its symbol "lr" reads "learning rate". */
const inWords = (line: string) => line.replace(/(?<![\w-])lr(?![\w-])/g, "learning rate");

const shown = () => page.locator("#explain-lines li").allTextContents();

describe("Explain this step in the task pane", () => {
  const layout = stepLayout(OPTIONS);

  it("follows the selection to a step row and explains that step, each number linked to its cell", async () => {
    await page.check("#explain-follow");
    await select(SHEET, layout.firstRow + 1, 4);
    await page.waitForFunction(() =>
      document.querySelector("#explain-heading")?.textContent?.includes("Step 2 (epoch 1)")
    );
    const core = explainRun(OPTIONS, 2).text.trimEnd().split("\n");
    // the core's first line in the pane's words: the step with its epoch, "learning rate" for "lr"
    const head = core[0]
      .replace("(epoch 1, row 2)", "(epoch 1)")
      .replace(", lr ", ", learning rate ");
    expect(await page.locator("#explain-heading").textContent()).toBe(`${SHEET} · ${head}`);
    // the lines too: the core's symbol "lr" reads "learning rate" in the pane
    expect(await shown()).toEqual(core.slice(1).map(inWords));
    expect(await page.locator("#explain-note").textContent()).toMatch(/as Excel calculated them/);
    const pred = a1(layout.firstRow + 1, layout.cols.pred);
    expect(await page.locator(`#explain-lines a[data-cell="${pred}"]`).count()).toBeGreaterThan(0);
    expect(
      await page
        .locator(
          `#explain-lines a[data-cell="${a1(layout.firstRow + 1, layout.cols[KEYS.next("a")])}"]`
        )
        .count()
    ).toBeGreaterThan(0);
  });

  it("explains the numbers the cells hold, at the LearningRate the sheet now has", async () => {
    const lr = 3e-5;
    const at = layout.inputs.LearningRate;
    await page.evaluate(
      ([sheet, lrCell, value]) =>
        (
          window as unknown as {
            __fakeExcel: { userEdit: (s: string, r: number, c: number, v: number) => void };
          }
        ).__fakeExcel.userEdit(sheet, lrCell.row, lrCell.col, value),
      [SHEET, at, lr] as const
    );
    await select(SHEET, layout.firstRow + 3, 2);
    await page.waitForFunction(() =>
      document.querySelector("#explain-heading")?.textContent?.includes("Step 4 (epoch 1)")
    );
    expect(await page.locator("#explain-note").textContent()).toMatch(/as Excel calculated them/);
    expect(await shown()).toEqual(
      explainRun({ ...OPTIONS, lr }, 4)
        .text.trimEnd()
        .split("\n")
        .slice(1)
        .map(inWords)
    );
  });

  it("explains a typed step and refuses one outside the run", async () => {
    await page.fill("#explain-step", "3");
    await page.click("#explain-go");
    await page.waitForFunction(() =>
      document.querySelector("#explain-heading")?.textContent?.includes("Step 3 (epoch 1)")
    );
    await page.fill("#explain-step", "9999");
    await page.click("#explain-go");
    await page.waitForSelector("#explain-step[aria-invalid='true']");
    expect(await page.locator("#explain-step-error").textContent()).toBe(
      "Step must be a whole number from 1 to 145."
    );
  });
});
