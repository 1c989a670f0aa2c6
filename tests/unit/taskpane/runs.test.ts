import { describe, expect, it } from "vitest";
import { presetById, wideInit } from "../../../src/core";
import {
  lrCellOf,
  planFor,
  runFor,
  sheetNameFor,
  summarize,
  xlsxFor,
  formatNumber,
} from "../../../src/taskpane/runs";
import { runLogRow } from "../../../src/run";
import { parseList, toOptions } from "../../../src/taskpane/form";
import { paneForm } from "../../helpers/pane-form";
import { plainError } from "../../../src/taskpane/app";

const form = paneForm({ x: "14, 86; 28" });

describe("the pane's runs", () => {
  it("turns form text into run options the core accepts", () => {
    const result = runFor(toOptions(form));
    expect(result.config).toMatchObject({
      model: "two-relu",
      lr: 1e-4,
      epochs: 2,
      gradient: "forward",
    });
    expect(result.config.data).toEqual([
      { x: 14, y: 58 },
      { x: 86, y: 202 },
      { x: 28, y: 86 },
    ]);
  });

  it("starts a wide ReLU layer from the core's seeded weights, since equal weights never break the neurons' symmetry", () => {
    const result = runFor(toOptions({ ...form, model: "relu-4" }));
    expect(result.config.init).toEqual(wideInit(4, 1));
    expect(runFor(toOptions(form)).config.init).toEqual({ a: 1, b: 1, c: 1, d: 1 });
  });

  it("uses the selected cells' points instead of the target line", () => {
    const result = runFor(
      toOptions({
        ...form,
        dataMode: "cells",
        points: [
          { x: 1, y: 5 },
          { x: 2, y: 9 },
        ],
      })
    );
    expect(result.config.data).toEqual([
      { x: 1, y: 5 },
      { x: 2, y: 9 },
    ]);
  });

  it("reports bad form input in one plain sentence", () => {
    expect(() => toOptions({ ...form, x: "14, eighty" })).toThrow(/x values must be numbers/);
    expect(() => runFor(toOptions({ ...form, lr: "-1" }))).toThrow(
      /learning rate must be a number above 0/i
    );
    expect(parseList(" 1,2;3  4 ")).toEqual([1, 2, 3, 4]);
  });

  it("says where and why a diverging run diverged, in one sentence", () => {
    const s = summarize(runFor(presetById("two-neurons")!.options));
    expect(s.divergence).toMatch(/^It diverged at epoch 1, row \d+ \(step \d+\): .+/);
    expect(s.divergedAt).toMatch(/^epoch 1, row \d+$/);
  });

  it("summarises a run that converges: √SSE per epoch, no divergence", () => {
    const result = runFor(presetById("graddesc-basic")!.options);
    const s = summarize(result);
    expect(s.divergence).toBeNull();
    expect(s.perEpoch[0].rootSse).toBeCloseTo(150.75521153771854, 9);
    expect(runLogRow(result, "graddesc", "new run")).toMatchObject({
      sheet: "graddesc",
      model: "1 neuron",
      optimizer: "SGD",
      lr: 1e-4,
      epochs: 5,
      divergedAt: "",
    });
  });

  it("names the sheet after the run and finds its LearningRate cell", () => {
    const result = runFor(presetById("two-relu")!.options);
    expect(sheetNameFor(result)).toBe("2 neurons + ReLU lr 1e-4");
    // The learning rate typed (an odd value that no other cell holds) is where the pane looks.
    const plan = planFor(runFor({ ...presetById("two-relu")!.options, lr: 3.7e-4 }), "R");
    const holding = plan.blocks.flatMap((b) =>
      b.cells.flatMap((line, i) =>
        line.flatMap((c, j) => (c?.value === 3.7e-4 ? [{ row: b.row + i, col: b.col + j, c }] : []))
      )
    );
    expect(holding).toHaveLength(1);
    expect(holding[0].c.style).toBe("input");
    expect(lrCellOf(plan)).toEqual({ row: holding[0].row, col: holding[0].col });
  });

  it("builds the same run as an .xlsx file in memory", () => {
    const file = xlsxFor(runFor(presetById("one-neuron")!.options));
    expect(file.filename).toBe("gradsheet-1-neuron-lr-1e-4.xlsx");
    expect(String.fromCharCode(file.bytes[0], file.bytes[1])).toBe("PK");
  });

  it("formats overflow as Excel shows it", () => {
    expect(formatNumber(NaN)).toBe("overflow (#NUM!)");
    expect(formatNumber(150.755211)).toBe("150.76");
    expect(formatNumber(1e-4)).toBe("1e-4");
  });
});

describe("plainError", () => {
  it("turns Excel's error codes into sentences a learner can act on", () => {
    expect(plainError({ code: "RequestPayloadSizeLimitExceeded", message: "x" })).toMatch(
      /too large/
    );
    expect(plainError({ code: "ItemNotFound", message: "x" })).toMatch(/renamed or deleted/);
    expect(plainError(new Error("The learning rate must be a number above 0."))).toBe(
      "The learning rate must be a number above 0."
    );
  });
});
