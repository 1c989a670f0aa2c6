import { describe, it } from "vitest";
import { expectRerunMatches } from "./rerun";

describe("rerunning in the workbook: typing into a named input cell", () => {
  it("a new LearningRate recomputes every cell exactly as a fresh core run at that rate", () =>
    expectRerunMatches(
      { model: "linear", optimizer: "sgd", lr: 1e-4 },
      { LearningRate: 3e-4 },
      { lr: 3e-4 }
    ));

  it("a LearningRate that makes the 2-neuron model explode moves the divergence flag to the core's step", () =>
    expectRerunMatches(
      { model: "two-linear", optimizer: "sgd", lr: 1e-5, gradient: "forward" },
      { LearningRate: 1e-4 },
      { lr: 1e-4 }
    ));

  it("a new InitA starts the chain from there", () =>
    expectRerunMatches(
      { model: "two-relu", optimizer: "momentum", lr: 1e-4 },
      { InitA: -0.5 },
      { init: { a: -0.5 } }
    ));

  it("new Adam constants Beta and Beta_2 and a new Epsilon follow through the bias correction", () =>
    expectRerunMatches(
      { model: "two-linear", optimizer: "adam", lr: 0.05, gradient: "central" },
      { Beta: 0.8, Beta_2: 0.99, Epsilon: 1e-6 },
      { beta: 0.8, beta2: 0.99, eps: 1e-6 }
    ));

  it("a new DiffStep changes the finite differences and, with the forward gradient, the whole run", () =>
    expectRerunMatches(
      { model: "linear", optimizer: "rmsprop", lr: 0.01, gradient: "forward" },
      { DiffStep: 0.001 },
      { h: 0.001 }
    ));

  it("a lower DivergenceBound flags an earlier step", () =>
    expectRerunMatches(
      { model: "linear", optimizer: "sgd", lr: 1e-3 },
      { DivergenceBound: 1e5 },
      { divergenceBound: 1e5 }
    ));
});
