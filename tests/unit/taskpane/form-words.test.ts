import { describe, expect, it } from "vitest";
import { ConfigError, presetById } from "../../../src/core";
import { DEFAULT_X, presetBlurb, toOptions, type FormValues } from "../../../src/taskpane/form";
import { plainHead } from "../../../src/taskpane/explain-parts";
import { checkStep as stepCheck, sweepRates } from "../../../src/run";
import { paneForm } from "../../helpers/pane-form";

const form = (over: Partial<FormValues> = {}): FormValues =>
  paneForm({ model: "two-linear", x: "14, 86, 28", epochs: "1", ...over });
/** The form as a preset sets it: the preset's settings on graddesc's 29 x values. */
const asPreset = (over: Partial<FormValues> = {}): FormValues => form({ x: DEFAULT_X, ...over });

const fieldOf = (fn: () => unknown): { field: string; message: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("no error");
};

describe("the preset's blurb follows the learner's input", () => {
  const two = presetById("two-neurons")!;

  it("gives the preset's advice while the form holds its settings, in the glossary's words", () => {
    expect(presetBlurb(two, asPreset())).toMatch(/Try learning rate 1e-5\.$/);
    expect(presetBlurb(two, asPreset())).not.toMatch(/\blr\b/);
  });

  it("drops the advice once the learner typed 1e-5, and says what they changed", () => {
    const b = presetBlurb(two, asPreset({ lr: "1e-5" }));
    expect(b).not.toMatch(/Try/);
    expect(b).toBe(
      "The “2 neurons” preset with your learning rate 1e-5: Generate to see what it does."
    );
  });

  it("drops the advice once the learner's data or h differ from the preset's", () => {
    // the explosion near the end of epoch 1 is a fact about graddesc's 29 x values and h = 0.01
    expect(presetBlurb(two, form())).toBe(
      "The “2 neurons” preset with your data: Generate to see what it does."
    );
    expect(presetBlurb(two, asPreset({ slope: "3" }))).toMatch(/with your data:/);
    expect(presetBlurb(two, asPreset({ dataMode: "cells" }))).toMatch(/with your data:/);
    expect(presetBlurb(two, asPreset({ h: "0.001" }))).toBe(
      "The “2 neurons” preset with your h: Generate to see what it does."
    );
    expect(presetBlurb(two, asPreset({ x: DEFAULT_X.replace(/, /g, " ") }))).toMatch(/Try/);
  });

  it("explains graddesc basic instead of naming it", () => {
    expect(
      presetBlurb(
        presetById("graddesc-basic")!,
        asPreset({ model: "linear", epochs: "5", gradient: "analytic" })
      )
    ).toMatch(/^The first sheet of fast\.ai's graddesc\.xlsm/);
  });
});

describe("every error at its field, in one wording", () => {
  it("puts a text slope at the Slope field, not under Data", () => {
    expect(fieldOf(() => toOptions(form({ slope: "two" })))).toEqual({
      field: "slope",
      message: 'Slope must be a number, not "two".',
    });
    expect(fieldOf(() => toOptions(form({ intercept: "" }))).field).toBe("intercept");
  });

  it("calls the sweep's fields by their labels and puts each error at its own field", () => {
    expect(fieldOf(() => sweepRates("0", "1e-2", "4")).field).toBe("exp-from");
    expect(fieldOf(() => sweepRates("1e-3", "1e-5", "4")).field).toBe("exp-to");
    expect(fieldOf(() => sweepRates("1e-5", "1e-2", "x")).field).toBe("exp-count");
    expect(fieldOf(() => sweepRates("0", "1e-2", "4")).message).not.toMatch(/smallest/);
  });

  it("checks a typed step once, with one wording for -3, 0, 30 and empty", () => {
    for (const bad of ["-3", "0", "30", "2.5", "x"])
      expect(fieldOf(() => stepCheck(bad, 29))).toEqual({
        field: "step",
        message: "Step must be a whole number from 1 to 29.",
      });
    expect(fieldOf(() => stepCheck("  ", 29)).message).toBe("Step is empty.");
    expect(stepCheck(" 27 ", 29)).toBe(27);
  });

  it("writes the explanation's first line one way: the step with its epoch, learning rate in words", () => {
    expect(
      plainHead(
        "Step 27 (epoch 1, row 27): x = 27, y = 84 · 2 neurons, SGD, lr 1e-4, forward differences (h = 0.01)"
      )
    ).toBe(
      "Step 27 (epoch 1): x = 27, y = 84 · 2 neurons, SGD, learning rate 1e-4, forward differences (h = 0.01)"
    );
  });
});
