/**
 * What the pane's "Explain this step" reads from Excel: the selected cell and whether its sheet is
 * a GradSheet run (its stored settings), the cells of a step's rows and the named inputs as Excel
 * calculated them, and selecting a cell a number of the explanation links to. Plain data out.
 */
import { syncWithin, type ExcelHost } from "./host";
import { identify, queueEvidence } from "./identity";
import { indexOf, loadIndex } from "./meta";
import { loadData } from "./run-data";
import { API } from "./requirements";

/** The selected cell (0-based) and its sheet's stored run settings, or null when it is not a GradSheet run sheet. */
export interface SelectedCell {
  sheet: string;
  row: number;
  col: number;
  options: Record<string, unknown> | null;
}

/** A rectangle of a sheet, 0-based. */
export interface CellRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ExplainReader {
  selection(): Promise<SelectedCell>;
  /** The values of `rect` and of each named input's cell, in one request. */
  read(
    sheet: string,
    rect: CellRect,
    inputs: Record<string, { row: number; col: number }>
  ): Promise<{ rows: unknown[][]; inputs: Record<string, unknown> }>;
  /** Select one cell (and activate its sheet). */
  select(sheet: string, row: number, col: number): Promise<void>;
  /**
   * Call `fn` whenever the learner selects other cells (Workbook.onSelectionChanged, ExcelApi 1.2);
   * resolves false when this Excel cannot say, so the caller looks at the selection itself.
   */
  onSelectionChanged(fn: () => void): Promise<boolean>;
}

/** The sheet name of an address such as "'2 neurons lr 1e-4'!B7". */
export function sheetOfAddress(address: string): string {
  const name = address.slice(0, address.lastIndexOf("!"));
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** The reader over Office.js (through `host`, so tests pass the fake). */
export function explainReader(host: ExcelHost): ExplainReader {
  const props = host.supports(API.customProperties);
  return {
    onSelectionChanged: async (fn) => {
      if (!host.supports("1.2")) return false;
      try {
        await host.run(async (context) => {
          context.workbook.onSelectionChanged.add(async () => fn());
          await syncWithin(context, host.syncTimeoutMs);
        });
        return true;
      } catch {
        return false;
      }
    },
    selection: () =>
      host.run(async (context) => {
        const range = context.workbook.getSelectedRange().load("address,rowIndex,columnIndex");
        const index = loadIndex(context);
        await syncWithin(context, host.syncTimeoutMs);
        const sheet = sheetOfAddress(range.address);
        const evidence = queueEvidence(context, context.workbook.worksheets.getItem(sheet), props);
        const sync = () => syncWithin(context, host.syncTimeoutMs);
        await sync();
        const found = identify(await indexOf(index, sync), evidence());
        const record = found ? await loadData(context, found.record, sync) : undefined;
        return {
          sheet,
          row: range.rowIndex,
          col: range.columnIndex,
          options: record?.role === "run" ? (record.options ?? null) : null,
        };
      }),
    read: (sheet, rect, inputs) =>
      host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const rows = ws.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols).load("values");
        const cells = Object.entries(inputs).map(
          ([name, at]) => [name, ws.getRangeByIndexes(at.row, at.col, 1, 1).load("values")] as const
        );
        await syncWithin(context, host.syncTimeoutMs);
        return {
          rows: rows.values,
          inputs: Object.fromEntries(cells.map(([name, r]) => [name, r.values[0][0]])),
        };
      }),
    select: (sheet, row, col) =>
      host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRangeByIndexes(row, col, 1, 1).select();
        await syncWithin(context, host.syncTimeoutMs);
      }),
  };
}
