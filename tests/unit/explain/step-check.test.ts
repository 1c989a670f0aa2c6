import { describe, expect, it } from "vitest";
import { checkStep, stepProblem } from "../../../src/run";

describe("the one step check", () => {
  it("says one sentence for anything that is not a whole number from 1 to the run's steps", () => {
    for (const bad of [-3, 0, 1.5, 30, "abc", "-3", "0", "1.5", "2e1", "30", " 7x"])
      expect(stepProblem(bad, 29), String(bad)).toBe("Step must be a whole number from 1 to 29.");
  });

  it("says the step is empty when nothing was typed", () => {
    expect(stepProblem("", 29)).toBe("Step is empty.");
    expect(stepProblem("   ", 29)).toBe("Step is empty.");
  });

  it("accepts the first and last steps, typed or as numbers, spaces around allowed", () => {
    expect(checkStep(1, 29)).toBe(1);
    expect(checkStep(29, 29)).toBe(29);
    expect(checkStep(" 12 ", 29)).toBe(12);
  });

  it("throws the sentence as a ConfigError on the step", () => {
    expect(() => checkStep(0, 29)).toThrow(
      expect.objectContaining({
        field: "step",
        message: "Step must be a whole number from 1 to 29.",
      })
    );
  });
});
