/**
 * A real calculation engine for the fake's formula cells: HyperFormula (GPL-3.0, test harness
 * only, never in the shipped bundle) evaluates every sheet of the fake workbook with its names, so
 * reading a formula cell's `values` gives what a spreadsheet calculates, as in Excel, not what
 * GradSheet's core predicted. The engine is rebuilt lazily after the workbook changed.
 */
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { rangeA1 } from "../src/sheet/address";
import type { FakeWorkbookState } from "./state";

/** Every sheet of `state` as HyperFormula input: constants as they are, formulas as "=…" text. */
function sheetsOf(state: FakeWorkbookState): Record<string, RawCellContent[][]> {
  const out: Record<string, RawCellContent[][]> = {};
  for (const s of state.sheets) {
    const grid: RawCellContent[][] = [];
    for (const [key, cell] of s.cells) {
      const content = cell.formula ?? cell.value;
      if (content === undefined) continue;
      const row = Math.floor(key / 16384);
      (grid[row] ??= [])[key % 16384] = content;
    }
    out[s.name] = Array.from(grid, (line) => Array.from(line ?? [], (c) => c ?? null));
  }
  return out;
}

/** The workbook's names (workbook-wide or scoped to their sheet) as HyperFormula named expressions. */
function namesOf(state: FakeWorkbookState) {
  return state.names.flatMap((n) => {
    const expression = n.ref ? `=${rangeA1(n.ref)}` : n.formula;
    if (!expression) return [];
    const scope = state.sheets.findIndex((s) => s.id === n.scopeSheetId);
    return [{ name: n.name, expression, ...(scope >= 0 ? { scope } : {}) }];
  });
}

/** A value as Excel's `range.values` gives it: a number, text, a boolean, or the error's text ("#NUM!"). */
function asExcel(v: unknown): unknown {
  if (v instanceof DetailedCellError) return v.value;
  return v ?? "";
}

/**
 * The fake's `calculate` option backed by HyperFormula over `state`; `changed()` marks the
 * workbook as edited, so the next read brings the engine up to date: only the sheets whose cells
 * changed are given to it again when the sheets and names are as before (a learner's note, Apply's
 * one cell, a rebuilt run), else it is built anew.
 */
export function workbookEngine(state: FakeWorkbookState): {
  calculate: (sheet: string, row: number, col: number) => unknown;
  changed: () => void;
} {
  let hf: HyperFormula | null = null;
  let stale = true;
  /** What the engine holds: each sheet's cells as JSON, the sheets' order and the names. */
  let held: { sheets: Record<string, string>; order: string; names: string } | null = null;
  const update = () => {
    const sheets = sheetsOf(state);
    const names = namesOf(state);
    const now = {
      sheets: Object.fromEntries(Object.entries(sheets).map(([k, v]) => [k, JSON.stringify(v)])),
      order: JSON.stringify(Object.keys(sheets)),
      names: JSON.stringify(names.map((n) => JSON.stringify(n)).sort()), // their order does not matter
    };
    if (hf && held && held.order === now.order && held.names === now.names) {
      const engine = hf;
      const changedSheets = Object.keys(sheets).filter((k) => held!.sheets[k] !== now.sheets[k]);
      engine.batch(() => {
        for (const k of changedSheets) engine.setSheetContent(engine.getSheetId(k)!, sheets[k]);
      });
    } else {
      hf?.destroy();
      hf = HyperFormula.buildFromSheets(
        sheets,
        // array arithmetic as Excel's dynamic arrays do it (a landscape's SUMPRODUCT over a
        // condition times a range); without it HyperFormula reads those ranges as one value
        {
          licenseKey: "gpl-v3",
          smartRounding: false,
          maxRows: 1_048_576,
          useArrayArithmetic: true,
        },
        names
      );
    }
    held = now;
    stale = false;
  };
  return {
    calculate(sheet, row, col) {
      if (stale || !hf) update();
      const id = hf!.getSheetId(sheet);
      return id === undefined ? "" : asExcel(hf!.getCellValue({ sheet: id, row, col }));
    },
    changed() {
      stale = true;
    },
  };
}
