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
} from "./context";
import type { FakeErrorCode } from "./errors";
import { RESPONSE_LIMIT } from "./host-rules";
import { FakeWorkbook } from "./objects";
import { newSheet, renameSheet, type FakeWorkbookState } from "./state";

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
  const fake: FakeExcel = {
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
      state.activeSheetId = s.id;
      if (state.selection.sheet !== s.name)
        state.selection = { sheet: s.name, row: 0, col: 0, rows: 1, cols: 1 };
      await Promise.all(
        core.onActivated.map(async (h) => h({ worksheetId: s.id, type: "WorksheetActivated" }))
      );
    },
    async select(sheetName, row, col) {
      if (!state.sheets.some((x) => x.name === sheetName)) throw new Error(`no sheet ${sheetName}`);
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
