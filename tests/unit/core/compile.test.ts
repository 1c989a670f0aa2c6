/** The fast loop reads the registries' formula text as JavaScript (compile.ts): same numbers, same errors. */
import { describe, expect, it } from "vitest";
import { jsOf } from "../../../src/core/formula-js";

const run = (formula: string, vars: Record<string, number>): number =>
  new Function(...Object.keys(vars), `return ${jsOf(formula)};`)(...Object.values(vars));

describe("jsOf", () => {
  it("reads MAX, IF, SQRT and powers as a spreadsheet computes them", () => {
    expect(run("c*MAX(0,a*x+b)+d", { a: 2, b: -30, c: 3, d: 1, x: 14 })).toBe(1);
    expect(run("c*MAX(0,a*x+b)+d", { a: 2, b: -30, c: 3, d: 1, x: 20 })).toBe(31);
    expect(run("IF(z>0,g*c,0)*x", { z: 0, g: 2, c: 3, x: 5 })).toBe(0);
    expect(run("IF(z>0,g*c,0)*x", { z: 1e-9, g: 2, c: 3, x: 5 })).toBe(30);
    expect(run("lr*g/(SQRT(s)+eps)", { lr: 0.5, g: 3, s: 16, eps: 0 })).toBe(0.375);
    expect(run("lr*(m/(1-beta^t))", { lr: 1, m: 0.1, beta: 0.9, t: 2 })).toBe(
      0.1 / (1 - Math.pow(0.9, 2))
    );
  });

  it("squares as v·v, bit for bit what the core's g·g gives", () => {
    const g = -0.10437178608347919;
    expect(run("(g)^2", { g })).toBe(g * g);
    expect(run("b*s+(1-b)*g^2", { b: 0.9, s: 1, g })).toBe(0.9 * 1 + (1 - 0.9) * (g * g));
    expect(run("(a+g)^2-(g)^2", { a: 1, g })).toBe((1 + g) * (1 + g) - g * g);
    expect(run("SQRT(v)^2", { v: 2 })).toBe(Math.sqrt(2) ** 2); // √v squared, not √(v·v)
  });

  it("gives NaN where a spreadsheet shows #NUM!: MAX(0, z) of an overflowed z is not 0", () => {
    expect(run("MAX(0,a*x)", { a: -1e308, x: 10 })).toBeNaN();
    expect(run("MAX(0,a*x)", { a: 1e308, x: 10 })).toBeNaN();
    expect(Object.is(run("MAX(0,z)", { z: -0 }), 0)).toBe(true);
  });

  it("nests calls inside calls", () => {
    expect(run("IF(MAX(0,z)>0,MAX(0,z)*2,IF(z<0,-1,0))", { z: 3 })).toBe(6);
    expect(run("IF(MAX(0,z)>0,MAX(0,z)*2,IF(z<0,-1,0))", { z: -3 })).toBe(-1);
    expect(() => jsOf("MAX(0,z")).toThrow(/unbalanced/);
  });

  it("with temporaries, writes MAX as a bare Math.max of names the loop checks finite", () => {
    const hoisted: string[] = [];
    expect(jsOf("c*MAX(0,a*x+b)+d", hoisted)).toBe("c*Math.max(0,m0)+d");
    expect(jsOf("MAX(0,z)+MAX(0,a*x+b)+MAX(0,SQRT(v)^2)", hoisted)).toBe(
      "Math.max(0,z)+Math.max(0,m0)+Math.max(0,m1)"
    );
    expect(hoisted).toEqual(["a*x+b", "Math.sqrt(v)**2"]);
  });
});
