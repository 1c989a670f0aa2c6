import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_STEP_LIMIT, diagnostics } from "../../../src/run";
import { resolveConfig, train } from "../../../src/core";
import { cli } from "./run-cli";

describe("gradsheet train diagnostics", () => {
  it("explain the 2-neuron explosion in the table: overshooting steps and the weight that ran away", async () => {
    const r = await cli("train", "--preset", "two-neurons");
    expect(r.out).toMatch(/Why: The run diverged at step 27/);
    expect(r.out).toMatch(/k = 2·lr·‖∇ŷ‖² above 2/);
  });

  it("count dead-ReLU rows per epoch for the ReLU model", async () => {
    const r = await cli("train", "--preset", "two-relu");
    expect(r.out).toMatch(/ReLU: epoch 1 \d+\/29 dead rows, epoch 2 29\/29 dead rows/);
  });

  it("add a diagnostics object to the JSON with --diagnostics, keeping the contract's fields", async () => {
    const o = JSON.parse(
      (await cli("train", "--preset", "two-neurons", "--json", "--diagnostics")).out
    );
    expect(o.divergence).toMatchObject({ epoch: 1, row: 27 });
    expect(o.diagnostics.divergence).toMatch(/step 27/);
    expect(o.diagnostics.stability.firstAbove2).toBe(2);
    expect(o.diagnostics.derivativeCheck.map((c: { weight: string }) => c.weight)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("name the rounding plateau in the text and the JSON: h below the weights' precision from step 29", async () => {
    const r = await cli("train", "--preset", "two-neurons", "--epochs", "3");
    expect(r.out).toMatch(/Plateau: From step 29 .*h = 0\.01 is below the weights' precision/);
    const o = JSON.parse(
      (await cli("train", "--preset", "two-neurons", "--json", "--diagnostics")).out
    );
    expect(o.diagnostics.plateau).toMatchObject({
      step: 29,
      allFrom: 29,
      weights: ["a", "b", "c", "d"],
    });
    expect(diagnostics(train(resolveConfig({ epochs: 2 }), { rows: false }))!.plateau).toBeNull();
  });

  it("say every step was stable for one neuron at graddesc's rate", () => {
    const d = diagnostics(train(resolveConfig({ epochs: 2 }), { rows: false }))!;
    expect(d.stability.stepsAbove2).toBe(0);
    expect(d.divergence).toBeNull();
    expect(d.deadRelu).toBeNull();
  });

  it("are skipped for runs too long to record", () => {
    const config = resolveConfig({ epochs: Math.ceil(DIAGNOSTIC_STEP_LIMIT / 29) + 1 });
    expect(diagnostics(train(config, { rows: false }))).toBeNull();
  });
});
