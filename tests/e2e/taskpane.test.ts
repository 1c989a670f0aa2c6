/**
 * The built task pane in headless Chromium. Inside "Excel" (the project's fake injected in place
 * of office.js): pick "2 neurons + ReLU", Generate, read the result; Apply a learning rate, rerun
 * as a new sheet, rebuild; the Runs log after each. Selected cells as data. Outside Excel (office.js unreachable): the banner and Download as .xlsx.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  cell,
  idle,
  OFFICE_JS,
  openInExcel,
  usePaneSite,
  rowValues,
  snapshot,
} from "./helpers/pane";

const pane = usePaneSite();

const RUN = "2 neurons + ReLU lr 1e-4";
const RERUN = "2 neurons + ReLU lr 1e-5";

describe("the task pane inside Excel (fake)", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site);
  });

  it("offers the presets first, in the order learners meet them", async () => {
    const labels = await page.locator("#presets .preset span").allTextContents();
    expect(labels).toEqual(["1 neuron", "2 neurons", "2 neurons + ReLU", "graddesc basic"]);
    expect(await page.locator("#no-excel").isHidden()).toBe(true);
  });

  it("generates the 2 neurons + ReLU run as a new sheet and shows √SSE per epoch", async () => {
    await page.getByRole("radio", { name: "2 neurons + ReLU" }).check();
    await page.getByRole("button", { name: "Generate" }).click();
    await page.waitForSelector("#run-status-result .headline");
    expect(await page.locator("#run-status-result .headline").textContent()).toMatch(
      /^2 neurons \+ ReLU, SGD, learning rate 1e-4, 3 epochs: final √SSE \d/
    );
    expect(await page.locator("#run-status-result tbody tr").count()).toBe(3);
    expect(await page.locator("#run-status-result").textContent()).toContain(
      "√SSE: the square root of the sum of the squared errors"
    );
    expect(await page.locator("#run-status-result").textContent()).not.toMatch(
      /numbers above are the core's/
    );
    expect(await page.locator("#goto-sheet").textContent()).toBe(`Go to sheet “${RUN}”`);
    const s = await snapshot(page);
    const run = s.sheets.find((x) => x.name === RUN);
    expect(run?.charts.length).toBeGreaterThan(0);
    for (const c of run!.charts) for (const series of c.series) expect(series.x.sheet).toBe(RUN);
    expect(s.names.map((n) => n.name)).toContain("LearningRate");
    const log = rowValues(s, "Runs", 1, 9);
    expect(log.slice(1, 7)).toEqual([
      RUN,
      "2 neurons + ReLU",
      "SGD",
      0.0001,
      3,
      expect.any(Number),
    ]);
    expect([log[7] ?? "", log[8]]).toEqual(["", "new run"]); // did not diverge
  });

  it("recognises the active sheet as a run and shows its parameters", async () => {
    await page.waitForSelector("#active-run:not([hidden])");
    expect(await page.locator("#active-run-params").textContent()).toBe(
      "2 neurons + ReLU · SGD · learning rate 1e-4 · 3 epochs · forward difference (graddesc) derivative"
    );
    expect(await page.locator("#rerun-lr").inputValue()).toBe("0.0001");
    expect(await page.locator("#active-run-named").isHidden()).toBe(true);
  });

  it("checks this sheet on demand: a sample of what Excel calculated against the core, said in the card, as after Generate", async () => {
    // the browser fake calculates its formula cells with a real engine (HyperFormula, test-only), as Excel would
    const said = /Excel agrees with the core's numbers on \d+ cells\./;
    expect(await page.locator("#run-status-result").textContent()).toMatch(said);
    await page.getByRole("button", { name: "Check this sheet" }).click();
    await page.waitForFunction(() =>
      document.querySelector("#active-status-result")?.textContent?.includes("Excel")
    );
    expect(await page.locator("#active-status-result").textContent()).toMatch(said);
  });

  it("writes a new learning rate into the LearningRate cell only, shows the core's outcome, and appends a row to the Runs log (the Generate row stays)", async () => {
    const before = await snapshot(page);
    await page.locator("#rerun-lr").fill("0.00001");
    await page.getByRole("button", { name: "Apply to this sheet" }).click();
    await page.waitForFunction(() =>
      document
        .querySelector("#active-status-result .headline")
        ?.textContent?.includes("learning rate 1e-5")
    );
    const after = await snapshot(page);
    const sheet = (s: typeof after) => s.sheets.find((x) => x.name === RUN)!.cells;
    const changed = sheet(after).filter(
      ([k, c]) => JSON.stringify(c) !== JSON.stringify(sheet(before).find(([k2]) => k2 === k)?.[1])
    );
    expect(changed).toHaveLength(1);
    expect(changed[0][1].value).toBe(0.00001);
    expect(await page.locator("#active-run-params").textContent()).toMatch(/learning rate 1e-5/);
    // the title keeps the sheet's name (1e-4): the card says why, right under the new rate
    expect(await page.locator("#active-run-named").textContent()).toBe(
      `Its name is from when it was written: it now computes the settings above (as a new sheet it would be “${RERUN}”).`
    );
    const final = parseFloat(
      (await page.locator("#active-status-result .headline").textContent())!.split("final √SSE ")[1]
    );
    expect(rowValues(after, "Runs", 1, 9)[4]).toBe(0.0001); // the history keeps the first try
    const log = rowValues(after, "Runs", 2, 9);
    expect(log.slice(1, 6)).toEqual([RUN, "2 neurons + ReLU", "SGD", 0.00001, 3]);
    expect(Number(log[6])).toBeCloseTo(final, 1); // the pane shows 5 significant digits
    expect(log[8]).toBe("learning rate 1e-4 → 1e-5 (Apply)");
    expect(cell(after, "Runs", 3, 1)).toBeUndefined();
  });

  it("reruns as a new sheet beside the old one, before Runs, and logs it in Runs", async () => {
    await page.getByRole("button", { name: "Rerun as new sheet" }).click();
    await page.waitForFunction(
      (name) =>
        document.querySelector("#active-status-result #goto-sheet")?.textContent?.includes(name),
      RERUN
    );
    const s = await snapshot(page);
    expect(s.sheets.map((x) => x.name)).toEqual(["Sheet1", RUN, RERUN, "Runs"]);
    expect(rowValues(s, "Runs", 3, 9).slice(1, 6)).toEqual([
      RERUN,
      "2 neurons + ReLU",
      "SGD",
      0.00001,
      3,
    ]);
    expect(cell(s, "Runs", 3, 8)?.value).toBe(
      `rerun of “${RUN}” with learning rate 1e-5, 3 epochs`
    );
  });

  it("rebuilds the run with more epochs, asking first (Keep my edits focused, Escape keeps them) because a formula cell was edited", async () => {
    const sheet = RERUN;
    const before = await snapshot(page);
    const rows = (s: typeof before) =>
      Math.max(
        ...s.sheets.find((x) => x.name === sheet)!.cells.map(([k]) => Math.floor(k / 16384))
      );
    const [key] = before.sheets
      .find((x) => x.name === sheet)!
      .cells.find(([k, c]) => c.formula && Math.floor(k / 16384) > 12)!;
    await page.evaluate(
      ([r, c]) =>
        (
          window as unknown as {
            __fakeExcel: { userEdit: (s: string, r: number, c: number, v: number) => void };
          }
        ).__fakeExcel.userEdit("2 neurons + ReLU lr 1e-5", r, c, 7),
      [Math.floor(key / 16384), key % 16384]
    );
    await page.locator("#rerun-epochs").fill("5");
    await page.getByRole("button", { name: "Rebuild this sheet" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#confirm:not([hidden])");
    expect(await page.locator("#confirm-text").textContent()).toMatch(
      /You changed 1 cell GradSheet wrote \([A-Z]+\d+\)/
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Keep my edits");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#confirm[hidden]", { state: "attached" });
    await idle(page);
    // the answer is the action's result: its heading takes focus, in view
    expect(
      await page.evaluate(() => document.activeElement?.matches("#active-status-result .headline"))
    ).toBe(true);
    expect(await page.locator("#active-status-result .headline").textContent()).toBe(
      "Nothing changed: your edits in “2 neurons + ReLU lr 1e-5” are kept."
    );
    expect(rows(await snapshot(page))).toBe(rows(before));
    await page.getByRole("button", { name: "Rebuild this sheet" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#confirm:not([hidden])");
    await page.getByRole("button", { name: "Rebuild anyway" }).click();
    await page.waitForFunction(() =>
      document.querySelector("#active-status-result .headline")?.textContent?.includes("5 epochs")
    );
    const after = await snapshot(page);
    expect(rows(after)).toBeGreaterThan(rows(before));
    expect(after.sheets.map((x) => x.name)).toEqual(before.sheets.map((x) => x.name));
    expect(await page.locator("#active-run-params").textContent()).toMatch(/5 epochs/);
    const log = rowValues(after, "Runs", 4, 9);
    expect(log.slice(1, 6)).toEqual([sheet, "2 neurons + ReLU", "SGD", 0.00001, 5]);
    expect(log[8]).toBe("rebuilt with 5 epochs (was 3)");
  });

  it("warns about manual calculation and switches it to automatic", async () => {
    await page.evaluate(() => {
      const w = window as unknown as {
        __fakeExcel: { state: { calculationMode: string }; activate: (s: string) => Promise<void> };
      };
      w.__fakeExcel.state.calculationMode = "Manual";
      return w.__fakeExcel.activate("Runs");
    });
    await page.waitForSelector("#calc-banner:not([hidden])");
    expect(await page.locator("#active-run").isHidden()).toBe(true);
    await page.getByRole("button", { name: "Switch to automatic" }).click();
    await page.waitForSelector("#calc-banner[hidden]", { state: "attached" });
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { __fakeExcel: { state: { calculationMode: string } } }).__fakeExcel
            .state.calculationMode
      )
    ).toBe("Automatic");
    await page.evaluate(() =>
      (
        window as unknown as { __fakeExcel: { activate: (s: string) => Promise<void> } }
      ).__fakeExcel.activate("2 neurons + ReLU lr 1e-4")
    );
    await page.waitForSelector("#active-run:not([hidden])");
  });

  it("ignores a second Generate click while the first is writing", async () => {
    const sheetsBefore = (await snapshot(page)).sheets.length;
    await page.evaluate(() => {
      const b = document.getElementById("generate") as HTMLButtonElement;
      b.click();
      b.click();
    });
    await page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");
    await page.waitForTimeout(200);
    expect((await snapshot(page)).sheets.length).toBe(sheetsBefore + 1);
  });

  it("fits the pane's narrow width", async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth
    );
    expect(overflow).toBe(false);
  });
});

/** A new pane; the learner selects A1 down holding `column`, ticks "Use selected cells" and clicks Generate. */
async function generateFromSelection(column: unknown[]): Promise<Page> {
  const page = await openInExcel(pane.site);
  await page.evaluate((values) => {
    const f = (
      window as unknown as {
        __fakeExcel: {
          userEdit: (s: string, r: number, c: number, v: unknown) => void;
          state: { selection: unknown };
        };
      }
    ).__fakeExcel;
    values.forEach((v, i) => f.userEdit("Sheet1", i, 0, v));
    f.state.selection = { sheet: "Sheet1", row: 0, col: 0, rows: values.length, cols: 1 };
  }, column);
  await page.locator("#details summary").click();
  await page.getByRole("radio", { name: /Use selected cells/ }).check();
  await page.getByRole("button", { name: "Generate" }).click();
  return page;
}

describe("the task pane on other workbooks and Excels (fake)", () => {
  it("reads the selected cells on Generate, skipping a header row, and says what it used", async () => {
    const page = await generateFromSelection(["x", 14, 86, 28]);
    await page.waitForSelector("#run-status-result .headline");
    expect(await page.locator("#selection-info").textContent()).toBe(
      "Used 3 rows from Sheet1!A1:A4 (x; y from the target line; header row skipped)."
    );
    const s = await snapshot(page);
    const run = s.sheets.find((x) => x.name === "1 neuron lr 1e-4")!;
    const eighty6 = run.cells.filter(([, c]) => c.value === 86).length;
    expect(eighty6).toBeGreaterThanOrEqual(5); // once per epoch of the 1 neuron preset
    expect(run.cells.some(([, c]) => c.value === 29)).toBe(false); // not graddesc's 29 x values' row count
    await page.close();
  });

  it("refuses a selection of text at the Data field, with the reason, and writes nothing", async () => {
    const page = await generateFromSelection([14, "eighty", 28]);
    await page.waitForSelector("#data-error:not([hidden])");
    expect(await page.locator("#data-error").textContent()).toBe(
      "Row 2 of Sheet1!A1:A3 holds “eighty”, not a number: select numbers only (a header row of text is fine)."
    );
    expect((await snapshot(page)).sheets.map((x) => x.name)).toEqual(["Sheet1"]);
    await page.close();
  });

  it("on Excel older than 2019 says which Excel is needed and writes nothing", async () => {
    const page = await openInExcel(pane.site, { apiVersion: "1.6" });
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.locator("#error").textContent()).toMatch(/needs Excel 2019 or later/);
    await page.getByRole("button", { name: "Generate" }).click();
    await idle(page);
    expect(await page.locator("#run-status-error").textContent()).toMatch(
      /needs Excel 2019 or later/
    );
    expect((await snapshot(page)).sheets.map((x) => x.name)).toEqual(["Sheet1"]);
    await page.close();
  });
});

describe("the production build", () => {
  it("ships a manifest pointed at the production URL, with the icons it names", async () => {
    const { readFileSync, existsSync, readdirSync } = await import("node:fs");
    const xml = readFileSync(`${pane.site.distDir}/manifest.xml`, "utf8");
    expect(xml).not.toMatch(/localhost/);
    const base = (process.env.GRADSHEET_URL ?? "https://gradsheet.github.io/gradsheet/").replace(
      /\/?$/,
      "/"
    );
    expect(xml).toContain(`${base}taskpane.html`);
    for (const size of [16, 32, 64, 80])
      expect(existsSync(`${pane.site.distDir}/assets/icon-${size}.png`)).toBe(true);
    for (const page of ["taskpane.html", "ribbon.html", "help.html", "taskpane.css"])
      expect(existsSync(`${pane.site.distDir}/${page}`)).toBe(true);
    expect(
      readdirSync(pane.site.distDir).filter((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))
    ).toHaveLength(1);
  });

  it("ships no HyperFormula (GPL-3.0): it calculates in the test harness only", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const gpl = /HyperFormula|gpl-v3/;
    expect(pane.site.fakeBundle).toMatch(gpl); // the harness has it, so the check below can see it
    for (const f of readdirSync(pane.site.distDir).filter((n) => /\.(js|html)$/.test(n)))
      expect(readFileSync(`${pane.site.distDir}/${f}`, "utf8"), f).not.toMatch(gpl);
  });
});

describe("the task pane outside Excel", () => {
  it("renders the form with a banner and downloads the run as .xlsx", async () => {
    const page = await pane.site.browser.newPage();
    await page.route(OFFICE_JS, (route) => route.abort("internetdisconnected"));
    await page.goto(`${pane.site.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="no-excel"]');
    expect(await page.locator("#no-excel").textContent()).toMatch(
      /runs inside Excel[\s\S]*Upload My Add-in/
    );
    expect(await page.locator("#generate").getAttribute("aria-disabled")).toBe("true");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download as .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gradsheet-1-neuron-lr-1e-4\.xlsx$/);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
    expect(await page.locator("#run-status-result .headline").textContent()).toMatch(/final √SSE/);
    await page.getByRole("tab", { name: "Chart doctor" }).click();
    expect(await page.locator("#doctor-outside").textContent()).toMatch(
      /open GradSheet inside Excel/
    );
  });
});
