/**
 * The fake's request context: proxies queue actions and loads; `sync()` sends them as one request
 * (measured in bytes, refused over the payload limit), applies them in order, then fills the loads.
 */
import { FakeOfficeError, type FakeErrorCode } from "./errors";
import type { FakeWorkbookState } from "./state";

/** One queued call or property write, as it is counted and serialised. */
export interface RecordedAction {
  target: string;
  name: string;
  args: unknown[];
  /** The ExcelApi requirement set the member belongs to. */
  set: string;
}

/** One `sync()`: its actions and its size in bytes (UTF-8 JSON). */
export interface RecordedRequest {
  actions: RecordedAction[];
  loads: number;
  bytes: number;
}

interface QueueItem {
  action?: RecordedAction;
  apply: () => void;
  /** Runs after every action of the batch succeeded (fills loaded properties). */
  commit?: () => void;
}

/** Fire the onAdded handlers for a new sheet, after the current request (as Excel's events arrive). */
export function fireWorksheetAdded(core: FakeHostCore, worksheetId: string): Promise<void> {
  const list = [...(core.onWorksheetAdded ?? [])];
  return Promise.resolve().then(async () => {
    await Promise.all(
      list.map(async (h) => h({ worksheetId, type: "WorksheetAdded", source: "Local" }))
    );
  });
}

/** Compare "1.10" > "1.9" numerically. */
export function versionAtLeast(have: string, need: string): boolean {
  const [ha, hb] = have.split(".").map(Number);
  const [na, nb] = need.split(".").map(Number);
  return ha > na || (ha === na && (hb ?? 0) >= (nb ?? 0));
}

export interface FakeHostOptions {
  /** Highest ExcelApi set the host supports. Default "1.12". */
  apiVersion: string;
  /** Request payload limit in bytes (Excel on the web: 5 MB). */
  payloadLimit: number;
  /** Excel's calculation, for reading a formula cell's `values` (the fake has no engine; without it a formula reads as ""). */
  calculate?: (sheet: string, row: number, col: number, formula: string) => unknown;
  /** Response limit in bytes (Excel on the web: 5 MB; Infinity on desktop). */
  responseLimit?: number;
  /** The code an oversized request fails with: Excel on the web has also answered GeneralException (HTTP 500). */
  requestError?: "RequestPayloadSizeLimitExceeded" | "GeneralException";
}

/** Shared by every context of one fake host: state, options, statistics and injected faults. */
export interface FakeHostCore {
  state: FakeWorkbookState;
  options: FakeHostOptions;
  requests: RecordedRequest[];
  /** Faults to raise when an action with this name runs (one shot each). */
  faults: { name: string; code: FakeErrorCode; message: string }[];
  /** When > 0, that many upcoming syncs never settle. */
  hangingSyncs: number;
  onActivated: ((e: { worksheetId: string; type: string }) => unknown)[];
  /** WorksheetCollection.onAdded handlers (ExcelApi 1.7), fired when a sheet is added. */
  onWorksheetAdded?: ((e: { worksheetId: string; type: string; source: string }) => unknown)[];
  /** Workbook.onSelectionChanged handlers (ExcelApi 1.2), fired by the learner's `select`. */
  onSelectionChanged: (() => unknown)[];
  /** The learner is typing in a cell: Excel refuses every request that writes (InvalidOperationInCellEditMode). */
  editMode?: boolean;
  /** Names of the sheets activated, in order (by activate() or by a freeze on a sheet that was not active). */
  activations: string[];
}

/** Actions that only reach an object (getItem, getRange, event registration): no change to the workbook. */
const isNavigation = (name: string): boolean =>
  /^(get\w*|series\.getItemAt|axes\.getItem|on\w+\.(add|remove)|suspend\w*|calculate)$/.test(name);

export class FakeContext {
  private queue: QueueItem[] = [];
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(readonly core: FakeHostCore) {}

  get state(): FakeWorkbookState {
    return this.core.state;
  }

  /** Queue an action; `apply` runs at sync time against the state. */
  enqueue(action: RecordedAction, apply: () => void): void {
    this.queue.push({ action, apply });
  }

  private responseBytes = 0;

  /** Count `value` as part of this sync's response (loaded properties travel back as JSON). */
  respond(value: unknown): void {
    this.responseBytes += new TextEncoder().encode(JSON.stringify(value) ?? "").length;
  }

  /** Queue a load: `read` runs at sync time in queue order, `commit` after the batch succeeded. */
  enqueueLoad(read: () => () => void): void {
    let commit: () => void = () => undefined;
    this.queue.push({ apply: () => (commit = read()), commit: () => commit() });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const actions = batch.flatMap((q) => (q.action ? [q.action] : []));
    const body = JSON.stringify({
      Actions: actions.map((a, i) => ({ Id: i + 1, Target: a.target, Name: a.name, Args: a.args })),
      Loads: batch.length - actions.length,
    });
    const bytes = new TextEncoder().encode(body).length;
    this.core.requests.push({ actions, loads: batch.length - actions.length, bytes });
    if (this.core.hangingSyncs > 0) {
      this.core.hangingSyncs--;
      return new Promise<void>(() => undefined);
    }
    await Promise.resolve();
    if (bytes > this.core.options.payloadLimit) {
      throw new FakeOfficeError(
        this.core.options.requestError ?? "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit. Please refer to the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins."
      );
    }
    if (this.core.editMode && actions.some((a) => !isNavigation(a.name)))
      throw new FakeOfficeError(
        "InvalidOperationInCellEditMode",
        "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again."
      );
    for (const item of batch) {
      const a = item.action;
      if (a) {
        if (!versionAtLeast(this.core.options.apiVersion, a.set)) {
          throw new FakeOfficeError(
            "ApiNotFound",
            `The API you are trying to use could not be found (${a.name}, ExcelApi ${a.set}).`,
            a.target
          );
        }
        const fault = this.core.faults.findIndex((f) => f.name === a.name);
        if (fault >= 0) {
          const [f] = this.core.faults.splice(fault, 1);
          // Excel's errorLocation names the member, as "PageLayout.zoom" or "Range.values"
          throw new FakeOfficeError(f.code, f.message, `${a.target}.${a.name}`);
        }
      }
      try {
        item.apply();
      } catch (e) {
        if (e instanceof FakeOfficeError && a) e.debugInfo.errorLocation = `${a.target}.${a.name}`;
        throw e;
      }
    }
    const responded = this.responseBytes;
    this.responseBytes = 0;
    if (responded > (this.core.options.responseLimit ?? Infinity))
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${responded} bytes) has exceeded the limit.`
      );
    for (const item of batch) item.commit?.();
  }
}
