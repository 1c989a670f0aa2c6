/** One variant per learner: seeded x values of the default's count and range, and seeded initial weights. */
import { describe, expect, it } from "vitest";
import { ConfigError, GRADDESC_X, resolveConfig } from "../../../src/core";
import { runConfigFromMeta, runSheetMeta } from "../../../src/sheet";

describe("--variant K", () => {
  it("draws as many whole x values as graddesc's, within its range (8 to 99), y from the target", () => {
    const c = resolveConfig({ variant: 7 });
    expect(c.data).toHaveLength(GRADDESC_X.length);
    for (const p of c.data) {
      expect(Number.isInteger(p.x) && p.x >= 8 && p.x <= 99).toBe(true);
      expect(p.y).toBe(2 * p.x + 30);
    }
    expect(c.data.map((p) => p.x)).not.toEqual([...GRADDESC_X]);
  });

  it("draws initial weights in [0.5, 1.5] with two decimals, and gives neighbours different numbers", () => {
    const a = resolveConfig({ variant: 1, model: "two-relu" });
    const b = resolveConfig({ variant: 2, model: "two-relu" });
    for (const v of Object.values(a.init)) {
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(1.5);
      expect(Math.round(v * 100) / 100).toBe(v);
    }
    expect(a.init).not.toEqual(b.init);
    expect(a.data).not.toEqual(b.data);
  });

  it("is the same draw every time for the same K, and keeps x values or weights given explicitly", () => {
    expect(resolveConfig({ variant: 3 })).toEqual(resolveConfig({ variant: 3 }));
    const c = resolveConfig({ variant: 3, init: 1, data: { x: { kind: "list", x: [1, 2] } } });
    expect(c.init).toEqual({ a: 1, b: 1 });
    expect(c.data.map((p) => p.x)).toEqual([1, 2]);
  });

  it("is kept in the sheet's record, and the record rebuilds the same run", () => {
    const c = resolveConfig({ variant: 12, model: "two-linear" });
    const meta = runSheetMeta(c);
    expect(meta.settings.variant).toBe(12);
    expect(runConfigFromMeta(meta)).toEqual(c);
  });

  it("refuses a K that is not a whole number from 1 to 1000000", () => {
    for (const bad of [0, -1, 1.5, "x", 1e7])
      expect(() => resolveConfig({ variant: bad })).toThrow(ConfigError);
  });
});
