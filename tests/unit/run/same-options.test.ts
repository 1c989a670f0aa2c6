/**
 * Same options, same workbook: every experiment and a plain run built from the CLI's option parser
 * and from the pane's form values, with the same settings, give identical plans (both surfaces go
 * through src/run, and each parser means the same by the same words).
 */
import { describe, expect, it } from "vitest";
import { paneForm } from "../../helpers/pane-form";
import type { ModelId, RunOptions } from "../../../src/core";
import { parseArgs, RUN_OPTIONS, runOptionsFrom } from "../../../src/cli/options";
import { parseLrs } from "../../../src/cli/commands/experiments";
import { toOptions, type FormValues } from "../../../src/taskpane/form";
import {
  compareExperiment,
  landscapeExperiment,
  planRun,
  runPlan,
  sweepExperiment,
  sweepRates,
  trainRun,
} from "../../../src/run";

const X = "14,86,28,51,62,33";

/** The pane's form as a learner fills it (strings, as the inputs hold them). */
const form = (over: Partial<FormValues> = {}): FormValues =>
  paneForm({ model: "two-linear", x: X, optimizer: "momentum", ...over });

/** The same settings as `gradsheet` flags, through the CLI's own parser. */
const cli = (...more: string[]): RunOptions =>
  runOptionsFrom(
    parseArgs(
      [
        "--model",
        "two-linear",
        "--x",
        X,
        "--target",
        "2,30",
        "--optimizer",
        "momentum",
        "--beta",
        "0.9",
        "--lr",
        "1e-4",
        "--epochs",
        "2",
        "--gradient",
        "forward",
        "--h",
        "0.01",
        ...more,
      ],
      RUN_OPTIONS,
      "test"
    )
  );

describe("the same options from the CLI and from the pane", () => {
  it("give the same plain run sheet", () => {
    const fromCli = runPlan(trainRun(cli()));
    const fromPane = planRun(toOptions(form()), { change: "new run" }).plan;
    expect(fromPane).toEqual(fromCli);
    expect(fromCli.name).toBe("2 neurons Momentum lr 1e-4");
  });

  it("give the same comparison, a wide ReLU layer starting from its seeded draw on both", () => {
    const models: ModelId[] = ["linear", "two-linear", "two-relu", "relu-3"];
    const fromPane = compareExperiment(toOptions(form()), models);
    for (const fromCli of [
      compareExperiment(cli(), models),
      compareExperiment(cli("--init", "1"), models),
    ]) {
      expect(fromPane.workbook).toEqual(fromCli.workbook);
      expect(fromPane.records).toEqual(fromCli.records);
      expect(fromPane.line).toBe(fromCli.line);
    }
    const wide = fromPane.workbook.sheets[4].meta as { settings: { init: Record<string, number> } };
    expect(new Set(Object.values(wide.settings.init)).size).toBeGreaterThan(1);
  });

  it("give the same sweep, its names scoped to the Sweep sheet", () => {
    const fromCli = sweepExperiment(cli(), parseLrs("1e-5:1e-3:5"));
    const fromPane = sweepExperiment(toOptions(form()), sweepRates("1e-5", "1e-3", "5"));
    expect(fromPane.workbook).toEqual(fromCli.workbook);
    expect(fromCli.workbook.namesScope).toBe("sheet");
  });

  it("give the same landscape, its sheet named after the run by the one naming rule", () => {
    const fromCli = landscapeExperiment(cli(), 21); // gradsheet landscape's default --points
    const fromPane = landscapeExperiment(toOptions(form()));
    expect(fromPane.workbook).toEqual(fromCli.workbook);
    expect(fromCli.workbook.sheets.map((s) => s.name)).toEqual([
      "2 neurons Momentum lr 1e-4",
      "2 neurons Momentum lr 1e-4 land", // Excel's 31 characters
    ]);
  });
});

describe("two sweeps and a landscape in one workbook", () => {
  it("keep their defined names apart: every name is scoped to its own sheet", () => {
    const books = [
      sweepExperiment(cli(), [1e-5, 1e-4]).workbook,
      sweepExperiment(cli(), [1e-6]).workbook,
      landscapeExperiment(cli()).workbook,
    ];
    expect(books.map((b) => b.namesScope)).toEqual(["sheet", "sheet", "sheet"]);
  });
});

describe("a landscape of a run whose name fills Excel's 31 characters", () => {
  it("names its sheet uniquely within 31 characters, unlike the run sheet", () => {
    const long = landscapeExperiment({
      ...cli(),
      model: "relu-8",
      optimizer: "rmsprop",
      lr: 3.16227766e-5,
    });
    const [run, land] = long.workbook.sheets.map((s) => s.name);
    expect(land.length).toBeLessThanOrEqual(31);
    expect(land).not.toBe(run);
  });
});
