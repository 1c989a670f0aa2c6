import { describe, expect, it } from "vitest";
import { presetById, resolveConfig, stabilityK, train } from "../../../src/core";
import { explosionSentences } from "../../../src/core";
import { explosionFacts, saferRate } from "../../../src/run";

const twoNeurons = presetById("two-neurons")!.options;

describe("the explosion in three plain sentences, with a rate GradSheet ran", () => {
  const result = train(resolveConfig(twoNeurons), { rows: true });
  const facts = explosionFacts(result)!;

  it("says where the 2-neuron run at learning rate 1e-4 exploded, out of its 29 steps", () => {
    // 29 x values, 1 epoch: graddesc's data; the forum learner's explosion near the end of epoch 1
    expect(facts.step).toBe(27);
    expect(facts.steps).toBe(29);
  });

  it("names the first step whose k = 2·lr·‖∇ŷ‖² is above 2", () => {
    const ks = result.rows!.map((r) => stabilityK(result, r));
    const first = ks.findIndex((k) => !(k <= 2)) + 1;
    expect(ks[first - 2]).toBeLessThanOrEqual(2);
    expect(facts.overshootFrom).toBe(first);
  });

  it("suggests a rate ten times smaller that GradSheet trained on the same run and saw finish, with its √SSE", () => {
    const check = train(resolveConfig({ ...twoNeurons, lr: 1e-5 }), { rows: false });
    expect(check.divergence).toBeNull();
    expect(facts.suggestion).toEqual({ lr: 1e-5, rootSse: check.epochs[0].rootSse, epochs: 1 });
    expect(Math.round(check.epochs[0].rootSse)).toBe(173);
  });

  it("words them as a learner reads them: one number format, no bound, no exponent with a plus", () => {
    const s = explosionSentences(facts);
    expect(s.what).toBe("The error exploded at step 27 of 29.");
    expect(s.why).toMatch(
      new RegExp(`^From step ${facts.overshootFrom} (each update|updates began to) overshoot`)
    );
    expect(s.tryRate).toBe("Try 1e-5: it reaches √SSE 173.09 in 1 epoch.");
    expect(Object.values(s).join(" ")).not.toMatch(/e\+|bound/);
  });

  it("has no facts when the run did not explode", () => {
    const calm = { ...twoNeurons, lr: 1e-5 };
    expect(explosionFacts(train(resolveConfig(calm), { rows: true }))).toBeNull();
  });

  it("tries rates ten times smaller at a time, largest first, and offers none when all explode", () => {
    // lr 10 explodes whatever: 1, 0.1, 0.01 and 1e-3 all explode on y = 2x + 30 with x up to 90
    const wild = { ...twoNeurons, lr: 10 };
    const tried = [1, 0.1, 0.01, 0.001].map(
      (lr) => train(resolveConfig({ ...wild, lr }), { rows: false }).divergence !== null
    );
    if (tried.every(Boolean)) expect(saferRate(resolveConfig(wild))).toBeNull();
    else
      expect(saferRate(resolveConfig(wild))?.lr).toBe([1, 0.1, 0.01, 0.001][tried.indexOf(false)]);
  });
});
