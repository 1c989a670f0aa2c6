/**
 * The colour maths of ./helpers/contrast (used by the pane's contrast tests), on values WCAG and
 * plain arithmetic give: black on white is (1 + 0.05) / (0 + 0.05) = 21; #767676 is the darkest
 * grey that passes 4.5:1 on white (4.54) and #777777 just fails (4.48); half-transparent black over
 * white is 127.5 grey. No browser needed.
 */
import { describe, expect, it } from "vitest";
import { backgroundOf, contrastRatio, over, parseColour } from "./helpers/contrast";

const c = (s: string) => parseColour(s)!;

describe("contrastRatio", () => {
  it("is 21 for black on white and 1 for a colour on itself", () => {
    expect(contrastRatio(c("rgb(0, 0, 0)"), c("rgb(255, 255, 255)"))).toBeCloseTo(21, 12);
    expect(contrastRatio(c("rgb(118, 118, 118)"), c("rgb(118, 118, 118)"))).toBe(1);
  });

  it("puts #767676 on white above 4.5 and #777777 below, in either order", () => {
    const white = c("rgb(255, 255, 255)");
    expect(contrastRatio(c("rgb(118, 118, 118)"), white)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(white, c("rgb(119, 119, 119)"))).toBeCloseTo(4.48, 2);
  });
});

describe("backgroundOf", () => {
  it("stops at the first opaque layer and skips transparent ones", () => {
    expect(backgroundOf(["rgba(0, 0, 0, 0)", "rgb(0, 0, 255)", "rgb(255, 0, 0)"])).toEqual({
      r: 0,
      g: 0,
      b: 255,
      a: 1,
    });
  });

  it("composites a translucent layer over white when nothing opaque is behind it", () => {
    expect(backgroundOf(["rgba(0, 0, 0, 0.5)"])).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(over(c("rgba(255, 0, 0, 0.25)"), c("rgb(0, 0, 0)"))).toEqual({
      r: 63.75,
      g: 0,
      b: 0,
      a: 1,
    });
  });
});
