/** Test helper: a whole WorkbookPlan in one HyperFormula engine (GPL-3.0, test-only), names scoped as the plan says. */
import { HyperFormula } from "hyperformula";
import { abs, quoteSheet } from "../../../src/sheet/address";
import type { WorkbookPlan } from "../../../src/sheet/plan";
import { HF_CONFIG, mismatches, toSheetArray } from "../sheet/hyperformula";

/** Every sheet of the plan; array arithmetic on, as SUMPRODUCT has it in Excel and LibreOffice. */
export function evaluateWorkbook(plan: WorkbookPlan): HyperFormula {
  const sheets: Record<string, ReturnType<typeof toSheetArray>> = {};
  for (const s of plan.sheets) sheets[s.name] = toSheetArray(s);
  const names = plan.sheets.flatMap((s, i) =>
    s.names.map((n) => ({
      name: n.name,
      expression: `=${quoteSheet(s.name)}!${abs(n.row, n.col)}`,
      ...(plan.namesScope === "sheet" ? { scope: i } : {}),
    }))
  );
  return HyperFormula.buildFromSheets(sheets, { ...HF_CONFIG, useArrayArithmetic: true }, names);
}

/** Formula cells of every sheet whose engine value is not bit-identical to the cached one. */
export function workbookMismatches(hf: HyperFormula, plan: WorkbookPlan): string[] {
  return plan.sheets.flatMap((s) => mismatches(hf, s).map((m) => `${s.name}: ${m}`));
}
