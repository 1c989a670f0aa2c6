/** Data: graddesc-style seeded draws, ranges, noise, shuffles and CSV, all repeatable from their seeds. */
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  makeData,
  parseCsv,
  permutation,
  resolveConfig,
  rng,
  xValues,
} from "../../../src/core";

describe("xValues", () => {
  it("draws seeded integers in 1..100 like RANDBETWEEN(1,100), the same for the same seed", () => {
    const a = xValues({ kind: "random", n: 1000, seed: 42 });
    expect(a).toEqual(xValues({ kind: "random", n: 1000, seed: 42 }));
    expect(a).not.toEqual(xValues({ kind: "random", n: 1000, seed: 43 }));
    expect(a.every((x) => Number.isInteger(x) && x >= 1 && x <= 100)).toBe(true);
    expect(new Set(a).size).toBe(100);
  });

  it("spaces a range evenly and includes its end: −80..120 step 10 gives 21 values", () => {
    const r = xValues({ kind: "range", from: -80, to: 120, step: 10 });
    expect(r).toHaveLength(21);
    expect([r[0], r[8], r[20]]).toEqual([-80, 0, 120]);
  });

  it("copies a list rather than sharing it", () => {
    const x = [1, 2, 3];
    const out = xValues({ kind: "list", x });
    out[0] = 99;
    expect(x).toEqual([1, 2, 3]);
  });

  it("rejects a range with step 0", () => {
    expect(() => xValues({ kind: "range", from: 0, to: 1, step: 0 })).toThrow(ConfigError);
  });
});

describe("makeData", () => {
  it("makes y from the target line, 2x + 30 by default", () => {
    expect(makeData({ x: { kind: "list", x: [0, 10] } })).toEqual([
      { x: 0, y: 30 },
      { x: 10, y: 50 },
    ]);
    expect(makeData({ x: { kind: "list", x: [1] }, target: { slope: -1, intercept: 5 } })).toEqual([
      { x: 1, y: 4 },
    ]);
  });

  it("adds seeded Gaussian noise: repeatable, centred on the line, with about the asked spread", () => {
    const spec = {
      x: { kind: "range" as const, from: 1, to: 5000, step: 1 },
      noise: 3,
      noiseSeed: 9,
    };
    const a = makeData(spec);
    expect(a).toEqual(makeData(spec));
    const residuals = a.map((p) => p.y - (2 * p.x + 30));
    const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    const sd = Math.sqrt(residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / residuals.length);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(2.8);
    expect(sd).toBeLessThan(3.2);
  });
});

describe("seeded shuffles", () => {
  it("give one permutation per epoch, repeatable from the seed", () => {
    const a = resolveConfig({ epochs: 3, shuffleSeed: 5 }).order!;
    expect(a).toEqual(resolveConfig({ epochs: 3, shuffleSeed: 5 }).order);
    expect(a).toHaveLength(3);
    for (const p of a) expect(p.slice().sort((x, y) => x - y)).toEqual([...Array(29).keys()]);
    expect(a[0]).not.toEqual(a[1]);
  });

  it("come from a PRNG that is uniform enough: 10,000 draws average 0.5", () => {
    const next = rng(1);
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += next();
    expect(s / 10_000).toBeCloseTo(0.5, 1);
    expect(permutation(rng(3), 5)).toEqual(permutation(rng(3), 5));
  });
});

describe("parseCsv", () => {
  it("reads x values, one per line", () => {
    expect(parseCsv("14\n86\n28\n")).toEqual({ x: [14, 86, 28] });
  });

  it("reads x,y pairs with a header, CRLF line ends, blank lines, ; or tab separators", () => {
    expect(parseCsv("x,y\r\n1,32\r\n\r\n2,34\r\n")).toEqual({ x: [1, 2], y: [32, 34] });
    expect(parseCsv("1;32\n2;34")).toEqual({ x: [1, 2], y: [32, 34] });
    expect(parseCsv("1\t32\n-2.5\t1e3")).toEqual({ x: [1, -2.5], y: [32, 1000] });
  });

  it("rejects an empty file, a non-numeric cell and ragged rows with a ConfigError on data", () => {
    for (const text of ["", "x,y\n", "1,2\n3,abc", "1,2\n3"]) {
      expect(() => parseCsv(text)).toThrow(ConfigError);
      try {
        parseCsv(text);
      } catch (e) {
        expect((e as ConfigError).field).toBe("data");
      }
    }
  });

  it("takes a first line as a header only when none of its cells is a number, so a typo there is an error", () => {
    expect(parseCsv("x,y\n1,2")).toEqual({ x: [1], y: [2] });
    expect(() => parseCsv("1,abc\n2,3")).toThrow(
      'Data row 1 has a cell that is not a number: "abc".'
    );
  });

  it("names the row and the cell that is not a number", () => {
    expect(() => parseCsv("1,2\n3,abc")).toThrow(
      'Data row 2 has a cell that is not a number: "abc".'
    );
  });
});
