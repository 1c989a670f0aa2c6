/**
 * Agreement knows about cancellation: a value made by subtracting nearly equal numbers is judged
 * within 1e-9 of its operands' scale, in `gradsheet check` and in Excel's Check this sheet alike.
 */
import { describe, expect, it } from "vitest";
import { agrees, compareSample } from "../../../src/excel/check";
import { agreesWithin, operandScale } from "../../../src/sheet/agreement";

describe("agreesWithin", () => {
  it("holds numbers to 1e-9 of their own size when they are not made by cancellation", () => {
    expect(agreesWithin(100 * (1 + 5e-10), 100)).toBe(true);
    expect(agreesWithin(100 * (1 + 2e-9), 100)).toBe(false);
    expect(agreesWithin(1e-13, -1e-13)).toBe(true);
  });

  it("holds a value made by cancellation to 1e-9 of its operands' scale", () => {
    // (e(d + h) − e)/h with e ≈ 12992 and h = 0.01: the operands' scale is 1.3e6
    const values: Record<string, number> = { errD_up: 12990, err: 12992.3, dD_fwd: -230 };
    const scale = operandScale("dD_fwd", (k) => values[k], 0.01);
    expect(scale).toBeCloseTo(1299230, 0);
    expect(agreesWithin(-230 * (1 + 7e-8), -230, scale)).toBe(true);
    expect(agreesWithin(-230 * 1.01, -230, scale)).toBe(false);
  });

  it("carries the estimate's scale into a derivative check's relative error", () => {
    const values: Record<string, number> = {
      errD_up: 12990,
      err: 12992.3,
      dD_fwd: -230,
      dD: -227.96,
    };
    const scale = operandScale("relErrD_fwd", (k) => values[k], 0.01);
    expect(scale).toBeCloseTo(1299230 / 227.96, 3);
    expect(operandScale("pred", (k) => values[k], 0.01)).toBe(0);
  });

  it("is the rule of Excel's Check this sheet too: a sampled cell with a scale agrees within it", () => {
    expect(agrees(-230 * (1 + 7e-8), -230)).toBe(false);
    expect(agrees(-230 * (1 + 7e-8), -230, 1.3e6)).toBe(true);
    const r = compareSample(
      [{ sheet: "Run 1", cells: [{ row: 5, col: 3, core: -230, scale: 1.3e6 }] }],
      () => -230 * (1 + 7e-8)
    );
    expect(r.differs).toBeUndefined();
  });
});
