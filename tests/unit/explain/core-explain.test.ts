import { describe, expect, it } from "vitest";
import {
  MODEL_IDS,
  OPTIMIZER_IDS,
  resolveConfig,
  stabilityK,
  train,
  type GradientKind,
  type RunResult,
  type StepRow,
} from "../../../src/core";
import {
  explainStep,
  explanationText,
  stepJson,
  stepValues,
  type Part,
  type Ref,
} from "../../../src/core/explain";
import { learnerNumber } from "../../../src/core/learner-number";

const GRADIENTS: GradientKind[] = ["analytic", "forward", "central"];
const X = [14, 86, 28, 51, 99, 8];

function run(model: string, optimizer: string, gradient: GradientKind, batch = 1): RunResult {
  return train(
    resolveConfig({
      model,
      optimizer,
      gradient,
      lr: 1e-4,
      epochs: 2,
      batch,
      data: { x: { kind: "list", x: X } },
    }),
    { rows: true }
  );
}

/** The core's value of the quantity a part says it is. */
function coreValue(result: RunResult, r: StepRow, ref: Ref): number | undefined {
  const prev = result.rows![r.step - 2];
  const w = ref.w ?? "";
  const c = result.config;
  const table: Record<Ref["q"], () => number | undefined> = {
    x: () => r.x,
    y: () => r.y,
    weight: () => r.weights[w],
    pred: () => r.pred,
    error: () => r.error,
    z: () => (r.layer ? r.layer.z[Number(w) - 1] : r.hidden),
    relu: () => (r.layer ? r.layer.relu[Number(w) - 1] : r.activation),
    bumped: () => r.bumped[w],
    lowered: () => r.lowered[w],
    analytic: () => r.analytic[w],
    forward: () => r.forward[w],
    central: () => r.central[w],
    sum: () => r.batch?.sum[w],
    batchCount: () => r.batch?.count,
    t: () => r.batch?.t ?? r.step,
    state: () =>
      ref.prev ? (prev ? prev.state[`${ref.slot}_${w}`] : 0) : r.state[`${ref.slot}_${w}`],
    next: () => r.newWeights[w],
    k: () => stabilityK(result, r),
    lr: () => c.lr,
    h: () => c.h,
    beta: () => c.optimizerSettings.beta,
    beta2: () => c.optimizerSettings.beta2,
    eps: () => c.optimizerSettings.eps,
  };
  return table[ref.q]();
}

/** JS for the numbers and operators of a written-out formula, every number at full precision. */
function js(parts: Part[]): string {
  return parts
    .map((p) =>
      typeof p === "string"
        ? p.replace(/·/g, "*").replace(/−/g, "-").replace(/max\(/g, "Math.max(")
        : `(${p.value})`
    )
    .join("");
}

/** The expression between the line's first " = " and its last " = ", evaluated: what the line claims to compute. */
function middle(parts: Part[]): { value: number; result: number } {
  const first = parts.findIndex((p) => typeof p === "string" && p.includes(" = "));
  const last = parts.length - 2;
  const head = parts[first] as string;
  const expr = [head.slice(head.lastIndexOf(" = ") + 3), ...parts.slice(first + 1, last)];
  const end = parts[last] as string;
  expr.push(end.slice(0, end.lastIndexOf(" = ")));
  return {
    value: Function(`return ${js(expr)}`)() as number,
    result: (parts[last + 1] as { value: number }).value,
  };
}

describe("explain a step", () => {
  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      for (const gradient of GRADIENTS)
        it(`shows the core's numbers bit for bit: ${model}, ${optimizer}, ${gradient}`, () => {
          const result = run(model, optimizer, gradient);
          for (const r of result.rows!) {
            const v = stepValues(result, r.step);
            const e = explainStep(result.config, v);
            for (const line of e.lines)
              for (const p of line.parts)
                if (typeof p !== "string" && p.ref)
                  expect(p.value, `${line.label} ${JSON.stringify(p.ref)}`).toBe(
                    coreValue(result, r, p.ref)
                  );
            const json = stepJson(result.config, v);
            expect(json).toMatchObject({
              step: r.step,
              epoch: r.epoch,
              row: r.row,
              x: r.x,
              y: r.y,
              weightsBefore: r.weights,
              prediction: r.pred,
              squaredError: r.error,
              gradient: r.grad,
              weightsAfter: r.newWeights,
              k: stabilityK(result, r),
            });
            const yHat = e.lines.find((l) => l.label === "ŷ")!;
            if (Number.isFinite(r.pred))
              expect(middle(yHat.parts)).toEqual({ value: r.pred, result: r.pred });
          }
        });

  it("writes ŷ out with the step's numbers, as the forum's 2-neuron step 2", () => {
    const result = train(resolveConfig({ model: "two-linear", gradient: "forward", lr: 1e-4 }), {
      rows: true,
    });
    const text = explanationText(
      result.config,
      stepValues(result, 2),
      explainStep(result.config, stepValues(result, 2))
    );
    expect(text).toContain("ŷ = 1.1258·(1.1174·86 + 1.0084) + 1.0084 = 110.33");
    expect(text).toMatch(/^Step 2 \(epoch 1, row 2\): x = 86, y = 202/);
    expect(text).toContain("beside it the analytic");
  });

  it("evaluates each SGD and momentum update line to the core's new weight", () => {
    for (const optimizer of ["sgd", "momentum"]) {
      const result = run("two-relu", optimizer, "analytic");
      for (const r of result.rows!.slice(0, 6)) {
        const e = explainStep(result.config, stepValues(result, r.step));
        for (const w of ["a", "b", "c", "d"]) {
          const parts = e.lines.find((l) => l.label === w)!.parts;
          const from =
            optimizer === "sgd"
              ? 0
              : parts.findIndex((p) => typeof p === "string" && p.startsWith("; "));
          expect(middle(parts.slice(from === 0 ? 0 : from)).value).toBe(r.newWeights[w]);
        }
      }
    }
  });

  it("explains a mini-batch step by the batch's sum, and its last row by the mean Σ/n", () => {
    const result = run("relu-2", "adam", "forward", 4);
    const mid = explainStep(result.config, stepValues(result, 2));
    expect(mid.lines.map((l) => l.label)).toContain("batch");
    expect(explanationText(result.config, stepValues(result, 2), mid)).toMatch(
      /row 2 of a mini-batch of 4: it adds its de\/dw to the batch's sum/
    );
    const last = stepValues(result, 4);
    const json = stepJson(result.config, last);
    const r = result.rows![3];
    for (const w of Object.keys(r.weights))
      expect((json.gradient as Record<string, number>)[w]).toBe(r.batch!.sum[w] / 4);
    expect(json.weightsAfter).toEqual(r.newWeights);
  });

  it("says whether the step overshoots: the 2-neuron run's first step with k > 2", () => {
    const result = train(resolveConfig({ model: "two-linear", lr: 1e-4 }), { rows: true });
    const ks = result.rows!.map((r) => explainStep(result.config, stepValues(result, r.step)));
    const first = ks.find((e) => e.overshoots)!;
    expect(first.k).toBeGreaterThan(2);
    expect(ks.slice(0, first.step - 1).every((e) => e.k <= 2)).toBe(true);
  });

  it("refuses a step outside the run or not whole", () => {
    const result = run("linear", "sgd", "analytic");
    expect(() => stepValues(result, 0)).toThrow(/from 1 to 12/);
    expect(() => stepValues(result, 13)).toThrow(/from 1 to 12/);
    expect(() => stepValues(result, 1.5)).toThrow(/whole number/);
  });
});

describe("learnerNumber", () => {
  it("writes at most 5 significant digits, small and large numbers in exponent form, overflow as Excel shows it", () => {
    expect(
      [
        1e-4,
        3.16227766e-5,
        0.01,
        12.3456,
        110.3349,
        150.755211,
        -17657.2,
        2.5804e6,
        0,
        NaN,
        Infinity,
      ].map(learnerNumber)
    ).toEqual([
      "1e-4",
      "3.1623e-5",
      "0.01",
      "12.346",
      "110.33",
      "150.76",
      "-17657",
      "2.5804e6",
      "0",
      "overflow (#NUM!)",
      "overflow (#NUM!)",
    ]);
  });
});
