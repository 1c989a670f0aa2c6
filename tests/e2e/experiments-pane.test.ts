/**
 * The Experiments section of the built task pane in headless Chromium. Inside "Excel" (the
 * project's fake in place of office.js): Compare models writes a Compare sheet and one sheet per
 * model in 3 requests and says "2 neurons diverged at step 27" (1 neuron preset, lr 1e-4, analytic
 * derivatives); a second comparison is renamed around the first; Sweep writes its sheet. Outside
 * Excel it downloads the comparison workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { idle, OFFICE_JS, openInExcel, usePaneSite } from "./helpers/pane";

interface Fake {
  requests: { actions: { target: string; name: string }[]; bytes: number }[];
  state: {
    activeSheetId: string;
    sheets: {
      id: string;
      name: string;
      cells: Map<number, { formula?: string }>;
      charts: unknown[];
    }[];
  };
  activate(name: string): Promise<void>;
}
type Win = { __fakeExcel: Fake };

const pane = usePaneSite();

/** Set a field of the Run tab, then come back to Experiments. */
async function runField(page: Page, id: string, value: string): Promise<void> {
  await page.getByRole("tab", { name: "Run" }).click();
  await page.locator(id).fill(value);
  await page.getByRole("tab", { name: "Experiments" }).click();
}

describe("Compare models in the pane inside Excel (fake)", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site);
    await page.getByRole("tab", { name: "Experiments" }).click();
  });
  afterAll(() => page?.close());

  it("offers the forum's three models ticked and the wider ones unticked", async () => {
    const section = page.getByRole("tabpanel", { name: "Experiments" });
    for (const label of ["1 neuron", "2 neurons", "2 neurons + ReLU"])
      expect(await section.getByRole("checkbox", { name: label, exact: true }).isChecked()).toBe(
        true
      );
    expect(await page.locator('input[name="exp-model"]:checked').count()).toBe(3);
    expect(await page.locator('input[name="exp-model"]').count()).toBeGreaterThan(3);
  });

  it("writes the Compare sheet and three run sheets in 3 requests under 4 MB, and says how each model did", async () => {
    await runField(page, "#epochs", "3");
    const before = await page.evaluate(
      () => (window as unknown as Win).__fakeExcel.requests.length
    );
    await page.getByRole("button", { name: "Compare models" }).click();
    await page.waitForSelector("#exp-compare-status-result .headline");
    await idle(page);
    const { names, writes, compareFormulas } = await page.evaluate((from) => {
      const f = (window as unknown as Win).__fakeExcel;
      const compare = f.state.sheets.find((s) => s.name === "Compare");
      return {
        names: f.state.sheets.map((s) => s.name),
        // the pane's own status reads (the active sheet, then the index part's XML) are not the write's; the write never asks for either
        // nor is the agreement check's one read of the sampled cells after it (cells as written,
        // and GradSheet's area names, to find them where the learner's edits may have moved them)
        writes: f.requests
          .slice(from)
          .filter(
            (r) =>
              !r.actions.some((a) => a.name === "getActiveWorksheet" || a.name === "getXml") &&
              !r.actions.every((a) =>
                [
                  "getItem",
                  "getItemOrNullObject",
                  "getRangeOrNullObject",
                  "getRangeByIndexes",
                  "load",
                ].includes(a.name)
              )
          )
          .map((r) => r.bytes),
        compareFormulas: compare
          ? [...compare.cells.values()].flatMap((c) => (c.formula ? [c.formula] : []))
          : [],
      };
    }, before);
    // the Compare is logged in a Runs log, made after the new sheets
    expect(names).toEqual([
      "Sheet1",
      "Compare",
      "1 neuron",
      "2 neurons",
      "2 neurons + ReLU",
      "Runs",
    ]);
    expect(writes).toHaveLength(3);
    for (const b of writes) expect(b).toBeLessThan(4 * 1024 * 1024);
    expect(compareFormulas.some((f) => f.includes("'2 neurons + ReLU'!"))).toBe(true);
    // the result sits right below the Compare button
    expect(await page.locator("#exp-compare-status-result .headline").textContent()).toMatch(
      /^1 neuron: final √SSE [\d.]+; 2 neurons diverged at step 27; 2 neurons \+ ReLU: final √SSE [\d.]+\.$/
    );
    expect(await page.locator("#exp-compare-status #exp-goto").textContent()).toBe(
      "Go to sheet “Compare”"
    );
  });

  it("writes a second comparison beside the first, every new sheet renamed and the 1 neuron still stable at 3e-4", async () => {
    await runField(page, "#lr", "0.0003");
    await page.getByRole("button", { name: "Compare models" }).click();
    await page.waitForFunction(() =>
      document
        .querySelector("#exp-compare-status-result .headline")
        ?.textContent?.includes("diverged")
    );
    expect(await page.locator("#exp-compare-status-result .headline").textContent()).toMatch(
      /^1 neuron: final √SSE [\d.]+; 2 neurons diverged at step \d+; /
    );
    const names = await page.evaluate(() =>
      (window as unknown as Win).__fakeExcel.state.sheets.map((s) => s.name)
    );
    expect(names.filter((n) => n !== "Runs").slice(-4)).toEqual([
      "Compare (2)",
      "1 neuron (2)",
      "2 neurons (2)",
      "2 neurons + ReLU (2)",
    ]);
    const compare = await page.evaluate(() => {
      const cells = [
        ...(window as unknown as Win).__fakeExcel.state.sheets
          .find((s) => s.name === "Compare (2)")!
          .cells.values(),
      ] as { value?: unknown; formula?: string }[];
      return {
        values: cells.map((c) => c.value),
        formulas: cells.flatMap((c) => (c.formula ? [c.formula] : [])),
      };
    });
    expect(compare.values).toContain("√SSE 2 neurons (2)");
    expect(compare.formulas.some((f) => f.includes("'2 neurons (2)'!"))).toBe(true);
    expect(compare.formulas.some((f) => f.includes("'2 neurons'!"))).toBe(false);
    await runField(page, "#lr", "0.0001");
  });

  it("goes to the new sheet, and the pane recognises a model's sheet as a run", async () => {
    await page.evaluate(() => (window as unknown as Win).__fakeExcel.activate("Sheet1"));
    await page.getByRole("button", { name: "Go to sheet “Compare (2)”" }).click();
    await page.waitForFunction(() => {
      const f = (window as unknown as Win).__fakeExcel;
      return f.state.sheets.find((s) => s.id === f.state.activeSheetId)?.name === "Compare (2)";
    });
    await page.evaluate(() => (window as unknown as Win).__fakeExcel.activate("2 neurons"));
    await page.getByRole("tab", { name: "Run" }).click();
    await page.waitForSelector("#active-run:not([hidden])");
    expect(await page.locator("#active-run-title").textContent()).toBe("This sheet: “2 neurons”");
    await page.getByRole("tab", { name: "Experiments" }).click();
  });

  it("sweeps learning rates into a Sweep sheet and names the largest stable rate", async () => {
    await page.locator("#exp-from").fill("1e-6");
    await page.locator("#exp-to").fill("1e-2");
    await page.locator("#exp-count").fill("5");
    await page.getByRole("button", { name: "Sweep learning rates" }).click();
    await page.waitForFunction(() =>
      document
        .querySelector("#exp-sweep-status-result .headline")
        ?.textContent?.includes("largest stable rate")
    );
    expect(await page.locator("#exp-sweep-status-result .headline").textContent()).toMatch(
      /^\d of 5 rates diverged, the first at [\d.e-]+ \(step \d+\); largest stable rate [\d.e-]+\.$/
    );
    expect(
      await page.evaluate(() =>
        (window as unknown as Win).__fakeExcel.state.sheets.some((s) => s.name === "Sweep")
      )
    ).toBe(true);
  });

  it("maps the loss landscape: the run sheet and its landscape sheet, the path marked by a rule", async () => {
    const before = await page.evaluate(() =>
      (window as unknown as Win).__fakeExcel.state.sheets.map((s) => s.name)
    );
    await page.getByRole("button", { name: "Map the loss landscape" }).click();
    await page.waitForFunction(() =>
      document
        .querySelector("#exp-landscape-status-result .headline")
        ?.textContent?.startsWith("The path")
    );
    // new sheets go before the Runs log: the added ones are those not there before
    const added = (
      await page.evaluate(() =>
        (window as unknown as Win).__fakeExcel.state.sheets.map((s) => s.name)
      )
    ).filter((n) => !before.includes(n));
    expect(added).toHaveLength(2);
    expect(added[1]).toBe(`${added[0]} landscape`);
    expect(await page.locator("#exp-landscape-status #exp-goto").textContent()).toBe(
      `Go to sheet “${added[0]}”`
    );
  });

  it("says what is wrong, in plain words, right below Compare, when no model is ticked", async () => {
    const ticked = page.locator('input[name="exp-model"]:checked');
    while ((await ticked.count()) > 0) await ticked.first().uncheck();
    await page.getByRole("button", { name: "Compare models" }).click();
    await page.waitForSelector("#exp-compare-status-error:not([hidden])");
    expect(await page.locator("#exp-compare-status-error").textContent()).toBe(
      "Tick at least one model to compare."
    );
    expect(await page.locator("#exp-compare-status-result").textContent()).toBe("");
  });
});

describe("Compare models in the pane outside Excel", () => {
  it("downloads the comparison workbook as .xlsx", async () => {
    const page = await pane.site.browser.newPage();
    await page.route(OFFICE_JS, (route) => route.abort("internetdisconnected"));
    await page.goto(`${pane.site.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="no-excel"]');
    await page.getByRole("tab", { name: "Experiments" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download comparison as .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("gradsheet-compare.xlsx");
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString()
    ).toBe("PK");
    expect(await page.locator("#exp-compare-status-result .headline").textContent()).toMatch(
      /^1 neuron: final √SSE/
    );
    expect(await page.locator("#exp-goto").count()).toBe(0);
    await page.close();
  });
});
