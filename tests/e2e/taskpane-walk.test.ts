/**
 * A learner's walk through the built pane at 350×800 in headless Chromium against the fake Excel
 * (issue 22): Generate (2 neurons, learning rate 1e-4), Apply 1e-5, Rebuild with 5 epochs, Rerun,
 * Compare, Sweep, the loss landscape and Explain. After each click the action's own result is
 * inside the viewport, the previous result of that tab is gone, and focus is on the result's
 * heading. The explosion is said in three sentences with a rate the training core was seen to
 * run without exploding; errors sit at their fields in one wording; the layout's small faults.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { presetById, resolveConfig, train } from "../../src/core";
import { OFFICE_JS, idle, openInExcel, usePaneSite } from "./helpers/pane";

const pane = usePaneSite();
const VIEW = { width: 350, height: 800 };
const IMAGES = resolve(__dirname, "../../docs/images");

/** Is the element fully inside the viewport (its top at least)? */
const inView = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e) return `no ${s}`;
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
      ? true
      : `${s} at ${Math.round(r.top)}–${Math.round(r.bottom)}`;
  }, sel);

/** The focused element's id or, without one, its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return e ? e.id || `${e.tagName.toLowerCase()}:${(e.textContent ?? "").slice(0, 40)}` : "";
  });

/** The result heading of a task status: in view, focused, and the one result of its tab. */
async function expectResult(page: Page, status: string, others: string[]) {
  const heading = `#${status}-result .headline`;
  await page.waitForSelector(heading);
  expect(await inView(page, heading)).toBe(true);
  expect(
    await page.evaluate((s) => document.activeElement === document.querySelector(s), heading)
  ).toBe(true);
  expect(await page.locator(heading).getAttribute("tabindex")).toBe("-1");
  expect(await page.locator(`#${status}-result`).getAttribute("aria-live")).toBe("polite");
  for (const o of others) {
    expect(await page.locator(`#${o}-result`).textContent()).toBe("");
    expect(await page.locator(`#${o}-error`).isHidden()).toBe(true);
  }
}

const click = async (page: Page, name: string) => {
  await page.getByRole("button", { name, exact: true }).click();
  await idle(page);
};

describe("every click leaves the learner looking at its result", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site, { viewport: VIEW });
  });

  it("Generate at 1e-4: the explosion in three sentences, and a rate the core ran and saw finish", async () => {
    await page.getByRole("radio", { name: "2 neurons", exact: true }).check();
    await click(page, "Generate");
    await expectResult(page, "run-status", ["active-status"]);
    const boom = page.locator("#run-status-result .divergence p");
    expect(await boom.allTextContents()).toEqual([
      "The error exploded at step 27 of 29.",
      expect.stringMatching(/^From step \d+ (each update|updates began to) overshoot/),
      expect.stringMatching(/^Try 1e-5: it reaches √SSE [\d.]+ in 1 epoch\.$/),
    ]);
    // the training core, run here on the same settings at 1e-5, does not explode and ends at that √SSE
    const check = train(resolveConfig({ ...presetById("two-neurons")!.options, lr: 1e-5 }), {
      rows: false,
    });
    expect(check.divergence).toBeNull();
    const said = Number(/√SSE ([\d.]+)/.exec((await boom.nth(2).textContent())!)![1]);
    expect(said).toBeCloseTo(check.epochs[0].rootSse, 2);
    // one number format: no "e+" exponent, no "divergence bound"
    expect(await page.locator("#run-status-result").textContent()).not.toMatch(/e\+\d|bound/);
    mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: resolve(IMAGES, "taskpane-result.png") });
  });

  it("Apply 1e-5: its result replaces Generate's, in view, focused", async () => {
    await page.locator("#rerun-lr").fill("1e-5");
    await click(page, "Apply to this sheet");
    await expectResult(page, "active-status", ["run-status"]);
    expect(await page.locator("#active-status-result .headline").textContent()).toMatch(
      /learning rate 1e-5/
    );
  });

  it("Rebuild with 5 epochs", async () => {
    await page.locator("#rerun-epochs").fill("5");
    await page.getByRole("button", { name: "Rebuild this sheet", exact: true }).click();
    // Apply changed what the sheet computes, so Rebuild may first ask about cells it would replace
    await page.waitForFunction(
      () =>
        document.body.getAttribute("aria-busy") === "false" ||
        document.querySelector("#confirm:not([hidden])") !== null
    );
    if (await page.locator("#confirm").isVisible())
      await page.getByRole("button", { name: "Rebuild anyway" }).click();
    await idle(page);
    await expectResult(page, "active-status", ["run-status"]);
    expect(await page.locator("#active-status-result .headline").textContent()).toMatch(/5 epochs/);
    expect(await page.locator("#active-status-result tbody tr").count()).toBe(5);
  });

  it("Rerun as new sheet", async () => {
    await click(page, "Rerun as new sheet");
    await expectResult(page, "active-status", ["run-status"]);
    expect(await page.locator("#active-status-result #goto-sheet").textContent()).toMatch(
      /Go to sheet “2 neurons lr 1e-5/
    );
  });

  it("Check this sheet: its result replaces Rerun's, in the glossary's words", async () => {
    await click(page, "Check this sheet");
    await expectResult(page, "active-status", ["run-status"]);
    expect(await page.locator("#active-status-result .headline").textContent()).toMatch(
      /^Excel agrees with the core's numbers on \d+ cells\./
    );
    expect(await page.locator("#active-status-result #goto-sheet").count()).toBe(0);
  });

  it("Compare, Sweep and the loss landscape: each result replaces the one before, in view", async () => {
    await page.getByRole("tab", { name: "Experiments" }).click();
    await click(page, "Compare models");
    await expectResult(page, "exp-compare-status", ["exp-sweep-status", "exp-landscape-status"]);
    await click(page, "Sweep learning rates");
    await expectResult(page, "exp-sweep-status", ["exp-compare-status", "exp-landscape-status"]);
    await click(page, "Map the loss landscape");
    await expectResult(page, "exp-landscape-status", ["exp-compare-status", "exp-sweep-status"]);
  });

  it("Explain: Enter explains the step the run exploded at, says so, and the links are one tab stop", async () => {
    // the landscape's run sheet (2 neurons, 1e-4): going to it moves Excel's selection there too
    await page.locator("#exp-landscape-status #exp-goto").click();
    await idle(page);
    await page.getByRole("tab", { name: "Explain" }).click();
    await page.locator("#explain-step").fill("27");
    await page.locator("#explain-step").press("Enter");
    await page.waitForFunction(() =>
      document.querySelector("#explain-heading")?.textContent?.includes("Step 27 (epoch 1)")
    );
    expect(await inView(page, "#explain-heading")).toBe(true);
    expect(await focused(page)).toBe("explain-heading");
    expect(await page.locator("#explain-diverged").textContent()).toBe(
      "This is the step where the run exploded: step 27 of 29."
    );
    // after the sheet's name, the explanation's own words: "learning rate", the step one way
    const words = (await page.locator("#explain-heading").textContent())!
      .split(" · ")
      .slice(1)
      .join(" · ");
    expect(words).toMatch(/^Step 27 \(epoch 1\): .*learning rate 1e-4/);
    expect(words).not.toMatch(/\blr\b|row 27/);
    const links = page.locator("#explain-lines a");
    expect(await links.count()).toBeGreaterThan(10);
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => document.activeElement?.closest("#explain-lines") !== null)
    ).toBe(true);
    const first = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.cell);
    await page.keyboard.press("ArrowRight");
    const second = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.cell);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await page.keyboard.press("Tab");
    // one stop: the next Tab leaves the numbers
    expect(
      await page.evaluate(() => document.activeElement?.closest("#explain-lines") === null)
    ).toBe(true);
  });

  it("Explain: a bad step clears the old explanation and says one thing at the Step field", async () => {
    for (const bad of ["-3", "0", "30"]) {
      await page.locator("#explain-step").fill(bad);
      await page.locator("#explain-step").press("Enter");
      await page.waitForSelector("#explain-step[aria-invalid='true']");
      expect(await page.locator("#explain-step-error").textContent()).toBe(
        "Step must be a whole number from 1 to 29."
      );
      expect(await page.locator("#explain-lines li").count()).toBe(0);
      expect(await page.locator("#explain-heading").textContent()).toBe("");
      expect(await focused(page)).toBe("explain-step");
    }
    await page.locator("#explain-step").fill("");
    await page.locator("#explain-step").press("Enter");
    await page.waitForFunction(
      () => document.querySelector("#explain-step-error")?.textContent === "Step is empty."
    );
    await page.locator("#explain-step").fill("2");
    await page.locator("#explain-step").press("Enter");
    await page.waitForFunction(() =>
      document.querySelector("#explain-heading")?.textContent?.includes("Step 2 (epoch 1)")
    );
    expect(await page.locator("#explain-step").getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#explain-diverged").isHidden()).toBe(true);
  });
});

describe("every error at its field, in one wording", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site, { viewport: VIEW });
  });

  it("marks a text slope at the Slope field", async () => {
    await page.locator("#details summary").click();
    await page.locator("#slope").fill("two");
    await click(page, "Generate");
    expect(await page.locator("#slope").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#slope-error").textContent()).toBe(
      'Slope must be a number, not "two".'
    );
    expect(await page.locator("#data-error").isHidden()).toBe(true);
    expect(await focused(page)).toBe("slope");
    await page.locator("#slope").fill("2");
  });

  it("says an empty field is empty, and 1e400 gets one sentence, not a contradiction", async () => {
    await page.locator("#lr").fill("");
    await click(page, "Generate");
    expect(await page.locator("#lr-error").textContent()).toBe("Learning rate is empty.");
    await page.locator("#lr").fill("1e400");
    await click(page, "Generate");
    expect(await page.locator("#lr-error").textContent()).toBe(
      'The learning rate must be a number above 0, not "1e400".'
    );
    expect(await page.locator("#lr-warning").isHidden()).toBe(true);
    await page.locator("#lr").fill("0.0001");
  });

  it("words the same rule the same way on the run form and the sheet's card", async () => {
    await page.locator("#epochs").fill("0");
    await click(page, "Generate");
    const form = await page.locator("#epochs-error").textContent();
    await page.locator("#epochs").fill("1");
    await click(page, "Generate");
    await page.locator("#rerun-epochs").fill("0");
    await click(page, "Rebuild this sheet");
    expect(await page.locator("#rerun-epochs-error").textContent()).toBe(form);
    expect(form).toBe('The number of epochs must be a whole number from 1 to 100000, not "0".');
    expect(await focused(page)).toBe("rerun-epochs");
  });

  it("puts a sweep error at its field, calls From “From”, and names the Run tab for its settings", async () => {
    await page.getByRole("tab", { name: "Experiments" }).click();
    await page.locator("#exp-from").fill("");
    await click(page, "Sweep learning rates");
    expect(await page.locator("#exp-from").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#exp-from-error").textContent()).toBe("From is empty.");
    expect(await focused(page)).toBe("exp-from");
    await page.locator("#exp-from").fill("abc");
    await click(page, "Sweep learning rates");
    expect(await page.locator("#exp-from-error").textContent()).toBe(
      'From must be a number above 0, not "abc".'
    );
    await page.locator("#exp-from").fill("1e-6");
    await page.getByRole("tab", { name: "Run" }).click();
    await page.locator("#lr").fill("-1");
    await page.getByRole("tab", { name: "Experiments" }).click();
    await click(page, "Compare models");
    expect(await page.locator("#exp-compare-status-error").textContent()).toBe(
      'On the Run tab: The learning rate must be a number above 0, not "-1".'
    );
    expect(await inView(page, "#exp-compare-status-error")).toBe(true);
  });
});

describe("words and layout", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openInExcel(pane.site, { viewport: VIEW });
  });

  it("has no empty strip under the header, and the Explain tab sits on a card", async () => {
    const header = await page.locator(".app-header").boundingBox();
    const tabs = await page.locator(".tabs").boundingBox();
    expect(tabs!.y - (header!.y + header!.height)).toBeLessThan(1);
    await page.getByRole("tab", { name: "Explain" }).click();
    expect(await page.locator("#explain .card #explain-step").count()).toBe(1);
    await page.getByRole("tab", { name: "Run" }).click();
  });

  it("gives the learning rate's hint the pane's width under 400 px", async () => {
    const hint = await page.locator("#lr-hint").boundingBox();
    const form = await page.locator("#run-form").boundingBox();
    expect(hint!.width).toBeGreaterThan(0.9 * form!.width);
  });

  it("updates the preset's blurb as the learner types, and names the optimizer beside the model", async () => {
    await page.getByRole("radio", { name: "2 neurons", exact: true }).check();
    expect(await page.locator("#preset-description").textContent()).toMatch(
      /Try learning rate 1e-5/
    );
    await page.locator("#lr").fill("1e-5");
    expect(await page.locator("#preset-description").textContent()).not.toMatch(/Try/);
    expect(await page.locator("#details summary").textContent()).toBe(
      "Model, data and optimizer: 2 neurons, SGD"
    );
    await page.locator("#details summary").click();
    await page.locator("#optimizer").selectOption("adam");
    expect(await page.locator("#details summary").textContent()).toMatch(/2 neurons, Adam$/);
  });

  it("explains its sweep and landscape words where they first appear", async () => {
    await page.getByRole("tab", { name: "Experiments" }).click();
    const text = (await page.locator("#experiments").textContent())!;
    expect(text).not.toMatch(/Log-spaced/);
    expect(text).toMatch(/evenly spaced on a log scale/);
    // the landscape's measure by the glossary's name, explained, and no "step" that is not a row
    expect(text).not.toMatch(/log10 SSE|each step of 1/);
    expect(text).toMatch(
      /the SSE as a power of ten: 2 is an SSE of 100, 3 is 1,000; each 1 more is ten times the error/
    );
  });

  it("shows a long run's first and last epochs and how many more the sheet holds", async () => {
    await page.getByRole("tab", { name: "Run" }).click();
    await page.getByRole("radio", { name: "1 neuron", exact: true }).check();
    await page.locator("#epochs").fill("20");
    await click(page, "Generate");
    const rows = page.locator("#run-status-result tbody tr");
    expect(await rows.count()).toBe(7);
    expect(await rows.nth(3).textContent()).toBe("14 more in the sheet · Go to sheet");
    expect(
      await page.locator("#run-status-result tbody tr:not(.more) td:first-child").allTextContents()
    ).toEqual(["1", "2", "3", "18", "19", "20"]);
  });
});

describe("the chart doctor's result follows the same rule", () => {
  let page: Page;
  beforeAll(async () => {
    // an Excel that says which cells a chart reads (ExcelApi 1.15), as the doctor's own tests use
    page = await openInExcel(pane.site, { viewport: VIEW, apiVersion: "1.15" });
    // the forum's sheet: x and y = 2x + 30 in A:B, and a line chart of y over typed-in categories
    await page.evaluate(() => {
      type Sheet = {
        name: string;
        cells: Map<number, unknown>;
        charts: unknown[];
      };
      const fake = (window as unknown as { __fakeExcel: { state: { sheets: Sheet[] } } })
        .__fakeExcel;
      const sheet = fake.state.sheets[0];
      const xs = Array.from({ length: 21 }, (_, i) => -80 + 10 * i);
      [["x", "y"], ...xs.map((x) => [x, 2 * x + 30])].forEach((r, i) =>
        r.forEach((v, j) => sheet.cells.set(i * 16384 + j, { value: v, format: {} }))
      );
      sheet.charts.push({
        name: "Chart 1",
        type: "LineMarkers",
        seriesBy: "Columns",
        source: { sheet: sheet.name, row: 0, col: 0, rows: 1, cols: 1 },
        series: [
          {
            name: "y",
            x: null,
            y: { sheet: sheet.name, row: 1, col: 1, rows: 21, cols: 1 },
            props: { xLiteral: xs.map((_, i) => i + 1) },
          },
        ],
        props: { "title.text": "y = 2x + 30" },
      });
    });
  });

  it("Check charts, then Fix all: each time the result is in view, focused, and the old one gone", async () => {
    await page.getByRole("tab", { name: "Chart doctor" }).click();
    await click(page, "Check charts");
    expect(await page.locator("#doctor-status").textContent()).toMatch(/^1 finding in 1 chart\./);
    expect(await inView(page, "#doctor-status")).toBe(true);
    expect(await focused(page)).toBe("doctor-status");
    await page.locator("#doctor-fix-all").focus();
    await click(page, "Fix all");
    expect(await page.locator("#doctor-status").textContent()).not.toMatch(/^1 finding/);
    expect(await page.locator(".doctor-finding.error").count()).toBe(0);
    expect(await page.locator("#doctor-report li").count()).toBeGreaterThan(0);
    expect(await inView(page, "#doctor-status")).toBe(true);
    expect(await focused(page)).toBe("doctor-status");
  });
});

describe("the pane outside Excel: Explain explains the run form's run", () => {
  it("says a bad Run-tab setting lives on the Run tab", async () => {
    const page = await pane.site.browser.newPage();
    await page.setViewportSize(VIEW);
    await page.route(OFFICE_JS, (route) => route.abort("internetdisconnected"));
    await page.goto(`${pane.site.url}/taskpane.html`);
    await page.waitForSelector('body[data-ready="no-excel"]');
    await page.locator("#lr").fill("-1");
    await page.getByRole("tab", { name: "Explain" }).click();
    await page.locator("#explain-step").fill("2");
    await page.locator("#explain-step").press("Enter");
    await page.waitForSelector("#explain-error:not([hidden])");
    expect(await page.locator("#explain-error").textContent()).toBe(
      'On the Run tab: The learning rate must be a number above 0, not "-1".'
    );
    expect(await inView(page, "#explain-error")).toBe(true);
    await page.close();
  });
});
