/**
 * The fit table's x grid spans the data's x range for any number of data points: a run of
 * 200,000 x values (gradsheet export --random 200000) once overflowed the call stack, because the
 * range was taken with Math.min(...xs), which passes every x as an argument.
 */
import { describe, expect, it } from "vitest";
import { xGrid } from "../../../src/sheet/fit";

describe("xGrid", () => {
  it("spans the smallest to the largest x in evenly spaced points", () => {
    expect(xGrid([14, 86, 28], 5)).toEqual([14, 32, 50, 68, 86]);
  });

  it("widens equal x values by 1 either side", () => {
    expect(xGrid([3, 3], 3)).toEqual([2, 3, 4]);
  });

  it("takes the range of 1,000,000 x values without overflowing the stack", () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    xs[123_456] = -5;
    xs[654_321] = 2_000_000;
    expect(xGrid(xs, 3)).toEqual([-5, 999_997.5, 2_000_000]);
  });
});
