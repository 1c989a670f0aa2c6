import { describe, expect, it } from "vitest";
import { presetById } from "../../../src/core";
import { createWorkbook } from "../../../src/excel/gateway";
import { lrCellOf, planFor, runFor } from "../../../src/taskpane/runs";
import { createFakeExcel } from "../../../fake-excel";
import { workbookEngine } from "../../../fake-excel/engine";
import { hostOf } from "../excel/helpers";

/** The pane's browser fake as fake-excel/browser.ts builds it: formula cells calculated by HyperFormula. */
function calculatingFake() {
  const fake = createFakeExcel({ calculate: (s, r, c) => engine.calculate(s, r, c) });
  const engine = workbookEngine(fake.state);
  return { fake, engine, gateway: createWorkbook(hostOf(fake).host) };
}

describe("the browser fake's calculation engine (HyperFormula, test harness only)", () => {
  it("calculates a written run sheet as the core does, so the pane's check agrees", async () => {
    const { gateway } = calculatingFake();
    const plan = planFor(runFor(presetById("two-relu")!.options), "Run A");
    await gateway.write(plan, { record: { options: plan.meta, lrCell: lrCellOf(plan) } });
    expect((await gateway.check("Run A", plan)).message).toMatch(
      /^Excel agrees with the core's numbers on \d+ cells\.$/
    );
  });

  it("recalculates after a user's edit: a new learning rate typed into the sheet makes Excel differ from the old plan", async () => {
    const { fake, engine, gateway } = calculatingFake();
    const plan = planFor(runFor(presetById("one-neuron")!.options), "Run B");
    await gateway.write(plan, { record: { options: plan.meta, lrCell: lrCellOf(plan) } });
    expect((await gateway.check("Run B", plan)).message).toMatch(/agrees/);
    const lr = lrCellOf(plan)!;
    fake.userEdit("Run B", lr.row, lr.col, 0.001);
    engine.changed();
    expect((await gateway.check("Run B", plan)).message).toMatch(/differs: Excel calculated/);
  });
});
