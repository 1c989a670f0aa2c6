/**
 * The scenario inside real Excel: the page the test manifest opens (tests/excel/test-manifest.xml).
 * Once Office is ready in Excel it asks Microsoft's test server (office-addin-test-server, started
 * by scripts/test-excel.mjs) whether a test run is waiting, runs the shared scenario on the real
 * Excel host and posts the step results back (office-addin-test-helpers), as Microsoft's add-in
 * templates' end-to-end tests do. Excel itself calculates every sheet, so `calculated` does nothing.
 */
import { pingTestServer, sendTestResults } from "office-addin-test-helpers";
import { officeHost, type ExcelHost } from "../../src/excel";
import { runScenario, type ScenarioEnv, type StepResult } from "./scenario";

/** The test server's port (scripts/test-excel.mjs starts it there). */
export const TEST_SERVER_PORT = 4201;

/** Real Excel as the scenario's environment. */
export function realExcel(host: ExcelHost): ScenarioEnv {
  return {
    host,
    calculated: () => undefined,
    async addUnlinkedLineChart() {
      await host.run(async (context) => {
        const ws = context.workbook.worksheets.add();
        ws.getRange("A1:B4").values = [
          ["x", "y"],
          [1, 32],
          [2, 34],
          [3, 36],
        ];
        // A line chart of y alone: its categories are Excel's 1, 2, 3, not the x cells.
        ws.charts.add(Excel.ChartType.line, ws.getRange("B1:B4"), Excel.ChartSeriesBy.columns);
        ws.activate();
        await context.sync();
      });
    },
  };
}

/** Excel's build and the highest ExcelApi set it supports, for the results. */
export function excelLevel(): string {
  let minor = 1;
  while (minor < 40 && Office.context.requirements.isSetSupported("ExcelApi", `1.${minor + 1}`))
    minor++;
  const build = Office.context.diagnostics?.version ?? "unknown build";
  return `Excel ${build} on ${Office.context.diagnostics?.platform ?? "unknown platform"}, ExcelApi 1.${minor}`;
}

async function main(): Promise<void> {
  const info = await Office.onReady();
  const status = document.getElementById("status");
  if (info.host !== Office.HostType.Excel) return;
  const ping = (await pingTestServer(TEST_SERVER_PORT)) as { status?: number };
  if (ping.status !== 200) {
    if (status) status.textContent = "No test server is waiting: nothing ran.";
    return;
  }
  let results: StepResult[];
  try {
    results = await runScenario(realExcel(officeHost()));
  } catch (e) {
    results = [{ step: "start", ok: false, detail: String(e) }];
  }
  results.unshift({ step: "Excel", ok: true, detail: excelLevel() });
  if (status)
    status.textContent = results.map((r) => `${r.ok ? "ok" : "FAILED"}: ${r.step}`).join("\n");
  await sendTestResults(results, TEST_SERVER_PORT);
}

void main();
