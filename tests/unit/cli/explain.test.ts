import { describe, expect, it } from "vitest";
import { MODEL_IDS, OPTIMIZER_IDS, resolveConfig, stabilityK, train } from "../../../src/core";
import { explainRunStep } from "../../../src/run";
import { cli } from "./run-cli";

const X = "14,86,28,51";

describe("gradsheet explain", () => {
  it("prints the step as the pane shows it", async () => {
    const r = await cli("explain", "--model", "two-linear", "--gradient", "forward", "--step", "2");
    expect(r.code).toBe(0);
    const result = train(resolveConfig({ model: "two-linear", gradient: "forward" }), {
      rows: true,
    });
    expect(r.out).toBe(explainRunStep(result.config, 2).text);
    expect(r.out).toContain("ŷ = 1.1258·(1.1174·86 + 1.0084) + 1.0084 = 110.33");
  });

  for (const model of MODEL_IDS)
    for (const optimizer of OPTIMIZER_IDS)
      it(`prints the core's numbers as JSON: ${model}, ${optimizer}`, async () => {
        const args = [
          "--model",
          model,
          "--optimizer",
          optimizer,
          "--gradient",
          "central",
          "--x",
          X,
          "--epochs",
          "2",
        ];
        const r = await cli("explain", ...args, "--step", "6", "--json");
        expect(r.code).toBe(0);
        const result = train(
          resolveConfig({
            model,
            optimizer,
            gradient: "central",
            epochs: 2,
            data: { x: { kind: "list", x: [14, 86, 28, 51] } },
          }),
          { rows: true }
        );
        const row = result.rows![5];
        expect(JSON.parse(r.out)).toEqual(
          JSON.parse(JSON.stringify({ ...explainRunStep(result.config, 6).json }))
        );
        expect(JSON.parse(r.out)).toMatchObject({
          step: 6,
          epoch: 2,
          row: 2,
          x: 86,
          y: 202,
          weightsBefore: row.weights,
          prediction: row.pred,
          squaredError: row.error,
          gradient: row.grad,
          weightsAfter: row.newWeights,
          k: stabilityK(result, row),
        });
      });

  it("exits 2 with one line for a step outside the run or not a whole number", async () => {
    for (const step of ["0", "5", "2.5", "two", "-1"]) {
      const r = await cli("explain", "--x", X, "--step", step);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^gradsheet explain: Step must be a whole number from 1 to 4\.$/m);
    }
    const missing = await cli("explain", "--x", X);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--step N is required/);
  });

  it("is listed in gradsheet --help", async () => {
    expect((await cli("--help")).out).toMatch(/explain\s+explain one step/);
  });
});
