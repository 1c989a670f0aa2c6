import { describe, expect, it } from "vitest";
import { hPlateau, presetById, resolveConfig, train, ulp, weightsLostH } from "../../../src/core";

const twoNeurons = (epochs: number, gradient: "forward" | "central" | "analytic" = "forward") =>
  train(resolveConfig({ ...presetById("two-neurons")!.options, epochs, gradient }), { rows: true });

describe("ulp", () => {
  it("is the spacing of doubles: 2^-52 at 1, 1 at 2^52, 0.0625 near 4.4e14", () => {
    expect(ulp(1)).toBe(2 ** -52);
    expect(ulp(2 ** 52)).toBe(1);
    expect(ulp(435834641021130.25)).toBe(0.0625);
    expect(1 + ulp(1)).not.toBe(1);
  });
});

describe("hPlateau: finite differences that rounding makes exactly 0", () => {
  it("finds the 2-neuron explosion's plateau: from step 29 every forward difference is 0, and later epochs repeat the same SSE and weights", () => {
    const r = twoNeurons(3);
    const p = hPlateau(r)!;
    expect(p).toMatchObject({ step: 29, epoch: 1, row: 29, h: 0.01, allFrom: 29 });
    expect(p.weights.map((w) => w.name)).toEqual(["a", "b", "c", "d"]);
    const a = p.weights[0].value;
    expect(a + 0.01).toBe(a);
    expect(r.epochs[2].sse).toBe(r.epochs[1].sse);
    expect(r.epochs[2].weights).toEqual(r.epochs[1].weights);
    expect(p.text).toMatch(
      /h = 0\.01 is below the weights' precision: doubles near 7\.4e15 are 1\.0 apart/
    );
    expect(p.text).toMatch(/for d the change h makes in e is below e's own precision/);
    expect(p.text).toMatch(/From step 29 every weight is stuck/);
  });

  it("flags a row's weight only when its difference is 0 and its true derivative is not", () => {
    const r = twoNeurons(1);
    for (const row of r.rows!)
      for (const w of weightsLostH(row, "forward"))
        expect([row.forward[w], row.analytic[w] !== 0]).toEqual([0, true]);
    expect(weightsLostH(r.rows![0], "forward")).toEqual([]);
  });

  it("is null for analytic runs and for runs whose weights stay small", () => {
    expect(hPlateau(twoNeurons(2, "analytic"))).toBeNull();
    expect(
      hPlateau(train(resolveConfig(presetById("one-neuron")!.options), { rows: true }))
    ).toBeNull();
    expect(
      hPlateau(train(resolveConfig(presetById("one-neuron")!.options), { rows: false }))
    ).toBeNull();
  });
});
