import { describe, expect, it } from "vitest";
import { luminance, schemeOf } from "../../../src/taskpane/theme";

describe("the pane's colour scheme from Office's theme", () => {
  it("is dark for Office's dark and black themes, light for its white and colorful ones", () => {
    expect(schemeOf({ bodyBackgroundColor: "#262626" })).toBe("dark");
    expect(schemeOf({ bodyBackgroundColor: "#000000" })).toBe("dark");
    expect(schemeOf({ bodyBackgroundColor: "#ffffff" })).toBe("light");
    expect(schemeOf({ bodyBackgroundColor: "#e6e6e6" })).toBe("light");
  });

  it("leaves the choice to the system's preference when Office gives no theme", () => {
    expect(schemeOf(null)).toBeNull();
    expect(schemeOf({})).toBeNull();
    expect(schemeOf({ bodyBackgroundColor: "not a colour" })).toBeNull();
  });

  it("measures luminance as WCAG 2 defines it", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 6);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#767676")).toBeCloseTo(0.1812, 3);
  });
});
