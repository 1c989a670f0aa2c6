import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/core";
import { toOptions } from "../../../src/taskpane/form";
import { paneForm } from "../../helpers/pane-form";

const form = paneForm();

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
