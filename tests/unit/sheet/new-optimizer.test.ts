/**
 * Adding an optimizer takes one registry entry: its step and its formulas side by side. This file
 * adds a made-up one (Nesterov momentum, v ← β·v + g; w ← w − lr·(g + β·v)) and shows the core
 * trains with it, the fast loop agrees with the recording loop, HyperFormula evaluates its
 * generated sheet to the core's values bit for bit, and a step of it is explained.
 */
import { describe, expect, it } from "vitest";
import {
  BASE_MODEL_IDS,
  MODELS,
  OPTIMIZER_IDS,
  optimizer,
  registerOptimizer,
  resolveConfig,
  train,
  type Model,
} from "../../../src/core";
import { explainStep, stepValues } from "../../../src/core/explain";
import { expectEngineAgrees } from "./engine-agrees";
import { column, plannedRun } from "./fixtures";

const nesterov = optimizer({
  id: "nesterov",
  label: "Nesterov",
  rule: "v ← β·v + g;  w ← w − lr·(g + β·v)",
  state: ["v"],
  uses: ["beta"],
  step(w, g, s, o, _t, lr, c) {
    const v = c.beta * s[o] + g;
    s[o] = v;
    return w - lr * (g + c.beta * v);
  },
  sheet: {
    state: {
      v: {
        group: "Nesterov v",
        next: (c) => `${c.setting("beta")}*${c.prev("v")}+${c.g}`,
        note: (g) => `v ← β·v + ${g}`,
      },
    },
    update: (c) => `${c.setting("lr")}*(${c.g}+${c.setting("beta")}*${c.state("v")})`,
    note: (w, g) => `new ${w} = ${w} − lr·(${g} + β·v)`,
  },
});
registerOptimizer(nesterov);

describe("an optimizer added as one registry entry", () => {
  it("is an optimizer id like the built-in ones", () => {
    expect(OPTIMIZER_IDS).toContain("nesterov");
    expect(resolveConfig({ optimizer: "nesterov" }).optimizer).toBe("nesterov");
    expect(() => registerOptimizer(nesterov)).toThrow(/already exists/);
  });

  it("trains: the first step is v = g, w ← w − lr·(g + β·g)", () => {
    const r = train(resolveConfig({ optimizer: "nesterov", lr: 1e-4, beta: 0.5 }));
    const first = r.rows![0];
    expect(first.state.v_a).toBe(first.grad.a);
    expect(first.newWeights.a).toBe(1 - 1e-4 * (first.grad.a + 0.5 * first.grad.a));
    expect(r.epochs[0].sse).toBeLessThan(first.error * r.rows!.length);
  });

  for (const model of [...BASE_MODEL_IDS, "relu-3"])
    it(`gives the same epochs in the fast loop as in the recording loop (${model})`, () => {
      for (const gradient of ["analytic", "forward", "central"] as const) {
        const config = resolveConfig({
          model,
          optimizer: "nesterov",
          gradient,
          lr: 1e-5,
          epochs: 3,
        });
        expect(train(config, { rows: false }).epochs).toEqual(train(config).epochs);
      }
    });

  for (const model of BASE_MODEL_IDS)
    it(`has a sheet HyperFormula evaluates to the core's values bit for bit (${model})`, () => {
      for (const gradient of ["analytic", "forward"] as const)
        expectEngineAgrees({ model, optimizer: "nesterov", gradient, lr: 1e-5 });
    });

  it("writes its state and update columns from its formulas", () => {
    const { plan } = plannedRun({ optimizer: "nesterov", lr: 1e-5, batch: 5 });
    expect(column(plan, "vA").header).toBe("v a");
    expect(column(plan, "newA").formula?.rest).toMatch(/^=IF\(.*LearningRate\*\(/);
    expectEngineAgrees({ optimizer: "nesterov", lr: 1e-5, batch: 5 });
  });

  it("is explained step by step from its sheet notes, with the core's numbers", () => {
    const result = train(resolveConfig({ optimizer: "nesterov", lr: 1e-4, beta: 0.5 }));
    const v = stepValues(result, 2);
    const line = explainStep(result.config, v).lines.find((l) => l.label === "a")!;
    const text = line.parts.map((p) => (typeof p === "string" ? p : "#")).join("");
    expect(text).toBe("v ← β·v + g; now v = #. new a = a − lr·(g + β·v), with g = #: # → #");
    const numbers = line.parts.filter((p) => typeof p !== "string");
    expect(numbers.map((p) => p.value)).toEqual([
      result.rows![1].state.v_a,
      result.rows![1].grad.a,
      result.rows![1].weights.a,
      result.rows![1].newWeights.a,
    ]);
    expect(numbers.map((p) => p.ref?.q)).toEqual(["state", "analytic", "weight", "next"]);
    // No per-weight rate in its entry: its k is 2·lr·‖∇ŷ‖², as for SGD and momentum.
    const k = explainStep(result.config, v).lines.find((l) => l.label === "k")!;
    expect(k.parts[0]).toBe("k = 2·lr·‖∇ŷ‖² = 2·");
  });
});

describe("the registry's entry types", () => {
  it("refuse, at compile time, an optimizer whose state slot has no formula or that has no update formula", () => {
    const step = (w: number) => w;
    const noSlotFormula = optimizer({
      id: "x",
      label: "x",
      rule: "x",
      state: ["v"],
      uses: [],
      step,
      // @ts-expect-error the slot "v" has no formula in sheet.state
      sheet: { state: {}, update: () => "0", note: () => "" },
    });
    const noUpdate = optimizer({
      id: "y",
      label: "y",
      rule: "y",
      state: [],
      uses: [],
      step,
      // @ts-expect-error sheet.update is missing
      sheet: { state: {}, note: () => "" },
    });
    expect([noSlotFormula.id, noUpdate.id]).toEqual(["x", "y"]);
  });

  it("refuse, at compile time, a model without its formulas", () => {
    const numbersOnly = { ...MODELS.linear, sheet: undefined };
    // @ts-expect-error a Model needs its formulas (`sheet`)
    const m: Model = numbersOnly;
    expect(m.id).toBe("linear");
  });
});
