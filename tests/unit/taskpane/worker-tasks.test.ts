/**
 * The pane's background jobs as plain functions: what the Web Worker computes (the same plan and
 * file as the pane's engine), the messages it posts (plain data that survives structured clone),
 * and which runs count as large.
 */
import { describe, expect, it } from "vitest";
import { presetById } from "../../../src/core";
import { planFor, runFor, sheetNameFor } from "../../../src/taskpane/runs";
import { rowSteps, runJob, WORKER_ROW_STEPS } from "../../../src/taskpane/run-in-worker";
import {
  requestSteps,
  serve,
  type WorkerMessage,
  type WorkerRequest,
} from "../../../src/taskpane/worker-tasks";

// No data: graddesc's 29 x values.
const options = { model: "two-relu", epochs: 2 };
const posted = (request: WorkerRequest, trainingProgress = false): WorkerMessage[] => {
  const out: WorkerMessage[] = [];
  serve(request, (m) => out.push(structuredClone(m)), trainingProgress);
  return out;
};

describe("the worker's plan job", () => {
  it("posts progress, then the engine's plan and the run without its per-step rows", () => {
    const messages = posted({ kind: "plan", options });
    expect(messages.slice(0, -1).map((m) => m.kind)).toEqual(["progress", "progress"]);
    const last = messages.at(-1)!;
    if (last.kind !== "plan") throw new Error(`expected a plan, got ${last.kind}`);
    const result = runFor(options);
    expect(last.plan).toEqual(planFor(result, sheetNameFor(result)));
    expect(last.result.epochs).toEqual(result.epochs);
    expect("rows" in last.result).toBe(false);
  });

  it("reports training's progress as it trains, in the worker: every 1% of the row-steps, from 5% to 50% of the bar", () => {
    const progress = posted({ kind: "plan", options }, true).filter((m) => m.kind === "progress");
    const training = progress.filter((m) => m.text === "Training…").map((m) => m.fraction);
    // 2 epochs × 29 rows = 58 row-steps: a report every step, the first at 5% before training
    expect(training).toHaveLength(59);
    expect(training[0]).toBe(0.05);
    expect(training.at(-1)).toBeCloseTo(0.5, 12);
    expect(training.every((f, i) => i === 0 || f > training[i - 1])).toBe(true);
    expect(progress.at(-1)).toEqual({
      kind: "progress",
      fraction: 0.5,
      text: "Building the sheet…",
    });
  });

  it("names the plan after the sheet it replaces, when given", () => {
    const last = posted({ kind: "plan", options, name: "My run" }).at(-1)!;
    expect(last.kind === "plan" && last.plan.name).toBe("My run");
  });

  it("posts one plain sentence for invalid options", () => {
    expect(posted({ kind: "plan", options: { ...options, epochs: 0 } }).at(-1)).toEqual({
      kind: "error",
      message: expect.stringMatching(/epochs/i),
    });
  });
});

describe("the worker's xlsx job", () => {
  it("posts the run's .xlsx file and its name", () => {
    const last = posted({ kind: "xlsx", options }).at(-1)!;
    if (last.kind !== "xlsx") throw new Error(`expected a file, got ${last.kind}`);
    expect(String.fromCharCode(last.bytes[0], last.bytes[1])).toBe("PK");
    expect(last.filename).toBe("gradsheet-2-neurons-ReLU-lr-1e-4.xlsx"); // the one naming rule (src/run)
  });

  it("posts the file's h-plateau flag, so Download's result says where finite differences got stuck", () => {
    const stuck = posted({
      kind: "xlsx",
      options: { ...presetById("two-neurons")!.options, epochs: 2 },
    }).at(-1)!;
    if (stuck.kind !== "xlsx") throw new Error(`expected a file, got ${stuck.kind}`);
    expect(stuck.plateau?.step).toBe(29); // as Generate's sheet flags it (vocabulary.test)
    expect(stuck.plateau?.cell).toMatch(/^[A-Z]+\d+$/);
    const fine = posted({ kind: "xlsx", options }).at(-1)!;
    if (fine.kind !== "xlsx") throw new Error(`expected a file, got ${fine.kind}`);
    expect(fine.plateau).toBeNull();
  });
});

describe("runJob", () => {
  it("counts a run's row-steps as epochs × data rows, so graddesc's 29 rows need 3,449 epochs to be large", () => {
    expect(rowSteps({ ...options, epochs: 3448 })).toBe(99_992);
    expect(rowSteps({ ...options, epochs: 3449 })).toBeGreaterThan(WORKER_ROW_STEPS);
  });

  it("does a small run on the pane's thread, without showing Cancel", async () => {
    const cancel = { hidden: true } as HTMLElement;
    const progress: string[] = [];
    const answer = await runJob(
      { kind: "plan", options },
      { progress: (_, text) => progress.push(text), cancel }
    );
    expect(answer.plan).toEqual(planFor(runFor(options), sheetNameFor(runFor(options))));
    expect(progress).toEqual(["Training…", "Building the sheet…"]);
    expect(cancel.hidden).toBe(true);
  });

  it("refuses invalid options before any work starts", async () => {
    await expect(
      runJob(
        { kind: "plan", options: { ...options, lr: "fast" } },
        { progress: () => undefined, cancel: {} as HTMLElement }
      )
    ).rejects.toThrow(/learning rate/i);
  });
});

describe("the worker's jobs for every action", () => {
  it("plans an Apply as the sheet it updates, with the record and the Runs-log row it writes", () => {
    const last = posted({
      kind: "plan",
      options: { ...options, lr: "0.00002" },
      name: "My run",
      change: "learning rate 1e-4 → 2e-5 (Apply)",
    }).at(-1)!;
    if (last.kind !== "plan") throw new Error(`expected a plan, got ${last.kind}`);
    expect(last.record.role).toBe("run");
    expect(last.record.options).toEqual(last.plan.meta);
    expect(last.runsRow).toMatchObject({
      sheet: "My run",
      model: "2 neurons + ReLU",
      optimizer: "SGD",
      lr: 2e-5,
      change: "learning rate 1e-4 → 2e-5 (Apply)",
    });
  });

  it("builds an experiment and posts it as plain data", () => {
    const last = posted({
      kind: "experiment",
      experiment: { kind: "sweep", options, lrs: [1e-5, 1e-4] },
    }).at(-1)!;
    if (last.kind !== "experiment") throw new Error(`expected an experiment, got ${last.kind}`);
    expect(last.experiment.workbook.sheets.map((s) => s.name)).toEqual(["Sweep"]);
    expect(structuredClone(last.experiment)).toEqual(last.experiment);
  });

  it("counts an experiment's row-steps over all its runs, so a large comparison goes to the worker", () => {
    // 2 epochs × 29 rows = 58 row-steps a run
    expect(requestSteps({ kind: "plan", options })).toBe(58);
    expect(
      requestSteps({
        kind: "experiment",
        experiment: { kind: "compare", options, models: ["linear", "two-linear", "relu-4"] },
      })
    ).toBe(3 * 58);
    expect(
      requestSteps({
        kind: "experiment",
        experiment: { kind: "sweep", options, lrs: [1, 2, 3, 4] },
      })
    ).toBe(4 * 58);
  });
});
