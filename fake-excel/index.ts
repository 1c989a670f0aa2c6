/**
 * A project-owned fake of the Excel JavaScript API objects GradSheet uses, for unit tests and for
 * the task pane in a browser. `createFakeExcel()` returns `Excel`/`Office` look-alikes plus the
 * state, the recorded requests and fault injection.
 */
import {
  FakeContext,
  type FakeHostCore,
  type FakeHostOptions,
  type RecordedRequest,
  versionAtLeast,
  fireWorksheetAdded,
} from "./context";
import type { FakeErrorCode } from "./errors";
import { RESPONSE_LIMIT } from "./host-rules";
import { FakeWorkbook } from "./objects";
import { activateSheet, newSheet, type FakeWorkbookState } from "./state";
import { applyShift, renameSheet, sortRows } from "./edits";
import { onSheetDeleted } from "./host-rules";
import { parseAddress } from "./client";

export { FakeOfficeError } from "./errors";
export type { FakeWorkbookState, FakeSheet, FakeCell, FakeChart, FakeRangeRef } from "./state";
export { cellKey, snapshot } from "./state";
export type { RecordedRequest, RecordedAction } from "./context";

/** A fake request context whose `workbook` is the fake's workbook proxy. */
export class FakeRequestContext extends FakeContext {
  readonly workbook: FakeWorkbook;
  constructor(core: FakeHostCore) {
    super(core);
    this.workbook = new FakeWorkbook(this);
  }
}

export interface FakeExcel {
  /** Stand-in for the `Excel` namespace: `run` and the enums the writer reads. */
  Excel: {
    run: <T>(fn: (ctx: FakeRequestContext) => Promise<T>) => Promise<T>;
    RequestContext: typeof FakeRequestContext;
  };
  /** Stand-in for the `Office` namespace: `onReady` and the requirement-set check. */
  Office: {
    onReady: (
      cb?: (info: { host: string; platform: string }) => void
    ) => Promise<{ host: string; platform: string }>;
    HostType: { Excel: "Excel" };
    context: { requirements: { isSetSupported: (name: string, version?: string) => boolean } };
  };
  state: FakeWorkbookState;
  core: FakeHostCore;
  /** A context for calling writer functions directly in unit tests. */
  context(): FakeRequestContext;
  /** Every request sent so far (one per sync). */
  readonly requests: RecordedRequest[];
  readonly syncCount: number;
  /** Raise `code` when the next action named `name` runs (e.g. "setValues", "scaleType"). */
  failOn(name: string, code: FakeErrorCode, message?: string): void;
  /** The next `count` syncs never settle (as Excel on the web sometimes does). */
  hangSyncs(count?: number): void;
  /** Simulate the user clicking a sheet tab: fires onActivated handlers. */
  activate(sheetName: string): Promise<void>;
  /** Simulate the user selecting one cell: the selection moves and onSelectionChanged fires. */
  select(sheetName: string, row: number, col: number): Promise<void>;
  /** Simulate the user renaming a sheet tab (references follow, as in Excel). */
  rename(sheetName: string, newName: string): void;
  /** Simulate the user typing into a cell. */
  userEdit(sheetName: string, row: number, col: number, value: string | number): void;
  /** The learner's own edits, each by Excel's host rules (./edits). */
  learner: LearnerEdits;
}

/** What a learner does by hand in Excel, applied at once to the fake's state. */
export interface LearnerEdits {
  /** Insert (count > 0) or delete (count < 0) whole rows at `at` (0-based). */
  rows(sheet: string, at: number, count: number): void;
  /** Insert or delete whole columns at `at`. */
  columns(sheet: string, at: number, count: number): void;
  /**
   * Insert cells in place of `address` shifting the others Down or Right, or delete its cells
   * shifting the others Up or Left (Home › Insert › Insert Cells…), as `Range.insert`/`delete` does.
   */
  cells(sheet: string, address: string, shift: "Down" | "Right" | "Up" | "Left"): void;
  /** Sort the rows of `address` by the column `key` (offset in the range). */
  sort(sheet: string, address: string, key: number, ascending: boolean, hasHeaders: boolean): void;
  /** Add a sheet (at the end), as the + button does; throws when the name is taken. Resolves after onAdded handlers ran. */
  addSheet(name: string): Promise<void>;
  /** Delete a sheet: references to it elsewhere become #REF!. */
  deleteSheet(name: string): void;
  /** Draw a shape on a sheet. */
  shape(sheet: string, name: string, text?: string): void;
  /** Define a name (workbook scope, or the sheet's with `scope`) for `address` on `sheet`. */
  defineName(name: string, sheet: string, address: string, scope?: string): void;
  /** Start (true) or end (false) typing in a cell: writes are refused meanwhile. */
  editMode(on: boolean): void;
}

export function createFakeExcel(
  opts: Partial<FakeHostOptions> & { sheets?: string[] } = {}
): FakeExcel {
  const state: FakeWorkbookState = {
    sheets: [],
    activeSheetId: "",
    selection: { sheet: "Sheet1", row: 0, col: 0, rows: 1, cols: 1 },
    names: [],
    settings: new Map(),
    customXmlParts: [],
    calculationMode: "Automatic",
    nextId: 1,
  };
  for (const name of opts.sheets ?? ["Sheet1"]) newSheet(state, name);
  state.activeSheetId = state.sheets[0].id;
  state.selection.sheet = state.sheets[0].name;
  const core: FakeHostCore = {
    state,
    options: {
      apiVersion: opts.apiVersion ?? "1.12",
      payloadLimit: opts.payloadLimit ?? 5 * 1024 * 1024,
      responseLimit: opts.responseLimit ?? RESPONSE_LIMIT,
      requestError: opts.requestError,
      calculate: opts.calculate,
    },
    requests: [],
    faults: [],
    hangingSyncs: 0,
    onActivated: [],
    onSelectionChanged: [],
    activations: [],
  };
  const sheetOf = (name: string) => {
    const s = state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  const learner: LearnerEdits = {
    rows: (sheet, at, count) =>
      applyShift(state, { sheet, axis: "rows", at, count: Math.abs(count), insert: count > 0 }),
    columns: (sheet, at, count) =>
      applyShift(state, { sheet, axis: "cols", at, count: Math.abs(count), insert: count > 0 }),
    cells(sheet, address, shift) {
      const ref = parseAddress(sheetOf(sheet).name, address);
      const insert = shift === "Down" || shift === "Right";
      const rows = shift === "Down" || shift === "Up";
      applyShift(state, {
        sheet,
        axis: rows ? "rows" : "cols",
        at: rows ? ref.row : ref.col,
        count: rows ? ref.rows : ref.cols,
        insert,
        band: rows ? [ref.col, ref.col + ref.cols - 1] : [ref.row, ref.row + ref.rows - 1],
      });
    },
    sort: (sheet, address, key, ascending, hasHeaders) =>
      sortRows(sheetOf(sheet), parseAddress(sheet, address), key, ascending, hasHeaders),
    addSheet(name) {
      if (state.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`a sheet ${name} exists`);
      return fireWorksheetAdded(core, newSheet(state, name).id);
    },
    deleteSheet(name) {
      const s = sheetOf(name);
      state.sheets.splice(state.sheets.indexOf(s), 1);
      state.names = state.names.filter((n) => n.scopeSheetId !== s.id);
      onSheetDeleted(state, s.name);
      if (state.activeSheetId === s.id) activateSheet(state, state.sheets[0]);
    },
    shape(sheet, name, text) {
      sheetOf(sheet).shapes.push({
        id: `{USER-SHAPE-${state.nextId++}}`,
        name,
        type: "GeometricShape",
        text,
      });
    },
    defineName(name, sheet, address, scope) {
      state.names.push({
        name,
        scopeSheetId: scope ? sheetOf(scope).id : null,
        ref: parseAddress(sheet, address),
        visible: true,
      });
    },
    editMode(on) {
      core.editMode = on;
    },
  };
  const fake: FakeExcel = {
    learner,
    Excel: {
      run: async (fn) => fn(new FakeRequestContext(core)),
      RequestContext: FakeRequestContext,
    },
    Office: {
      onReady: async (cb) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        cb?.(info);
        return info;
      },
      HostType: { Excel: "Excel" },
      context: {
        requirements: {
          isSetSupported: (name, version = "1.1") =>
            name === "ExcelApi" && versionAtLeast(core.options.apiVersion, version),
        },
      },
    },
    state,
    core,
    context: () => new FakeRequestContext(core),
    get requests() {
      return core.requests;
    },
    get syncCount() {
      return core.requests.length;
    },
    failOn(name, code, message = `${code} (injected by the test)`) {
      core.faults.push({ name, code, message });
    },
    hangSyncs(count = 1) {
      core.hangingSyncs += count;
    },
    async activate(sheetName) {
      const s = state.sheets.find((x) => x.name === sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      activateSheet(state, s);
      await Promise.all(
        core.onActivated.map(async (h) => h({ worksheetId: s.id, type: "WorksheetActivated" }))
      );
    },
    async select(sheetName, row, col) {
      const s = state.sheets.find((x) => x.name === sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      activateSheet(state, s);
      state.selection = { sheet: sheetName, row, col, rows: 1, cols: 1 };
      await Promise.all(core.onSelectionChanged.map(async (h) => h()));
    },
    rename(sheetName, newName) {
      const s = state.sheets.find((x) => x.name === sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      renameSheet(state, s, newName);
    },
    userEdit(sheetName, row, col, value) {
      const s = state.sheets.find((x) => x.name === sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      const key = row * 16384 + col;
      const cell = s.cells.get(key) ?? { format: {} };
      delete cell.formula;
      delete cell.value;
      if (typeof value === "string" && value.startsWith("=")) cell.formula = value;
      else cell.value = value;
      s.cells.set(key, cell);
    },
  };
  return fake;
}
