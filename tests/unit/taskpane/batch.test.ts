import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/core";
import { toOptions, type FormValues } from "../../../src/taskpane/form";

const form: FormValues = {
  model: "two-relu",
  dataMode: "target",
  x: "14, 86, 28, 51",
  slope: "2",
  intercept: "30",
  points: null,
  optimizer: "sgd",
  beta: "0.9",
  beta2: "0.999",
  eps: "1e-8",
  lr: "0.0001",
  epochs: "2",
  gradient: "forward",
  h: "0.01",
};

describe("the pane's batch size field", () => {
  it("becomes the run's mini-batch size", () => {
    expect(resolveConfig(toOptions({ ...form, batch: "2" })).batchSize).toBe(2);
  });

  it("leaves plain SGD when empty or absent", () => {
    expect(resolveConfig(toOptions({ ...form, batch: "" })).batchSize).toBe(1);
    expect(resolveConfig(toOptions(form)).batchSize).toBe(1);
  });

  it("is checked by the core: a batch larger than the data is one clear sentence", () => {
    expect(() => resolveConfig(toOptions({ ...form, batch: "9" }))).toThrow(
      /batch size must be a whole number from 1 to 4/i
    );
  });
});
