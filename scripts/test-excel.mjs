#!/usr/bin/env node
/**
 * npm run test:excel: the real-Excel suite. It needs desktop Excel (Windows or Mac) to sideload
 * the add-in with office-addin-debugging and to run the scenario inside Excel, reporting to
 * office-addin-test-server through office-addin-test-helpers, as Microsoft's add-in templates do.
 * The scenario (also run against the fake in `npm test`, tests/unit/excel/scenario.test.ts):
 * Generate the 2-neuron sheet; read it back and compare with the core; change LearningRate and
 * compare again; Rebuild and check that a Compare sheet still reads the run; run the chart
 * doctor on a line chart whose x axis is not linked.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
if (process.platform !== "win32" && process.platform !== "darwin") {
  console.log(
    "test:excel needs desktop Excel on Windows or Mac; this machine has none, so nothing ran (npm test runs the same scenario against the fake)."
  );
  process.exit(0);
}
const missing = [
  "office-addin-debugging",
  "office-addin-test-server",
  "office-addin-test-helpers",
].filter((p) => {
  try {
    require.resolve(`${p}/package.json`);
    return false;
  } catch {
    return true;
  }
});
console.log(
  missing.length
    ? `test:excel needs ${missing.join(", ")} (npm install --save-dev --save-exact ${missing.join(" ")}) and desktop Excel signed in; they are not installed here.`
    : "test:excel: the in-Excel scenario runner is not written yet; see docs/excel-addin.md (What only real Excel can show)."
);
// Nothing ran in Excel on either path: never report success.
process.exit(1);
