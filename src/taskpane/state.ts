/** The pane's one state object: what every section reads, changed only by the actions that own it. */
import type { RunOptions } from "../core";
import type { RunRecord, WorkbookGateway } from "../excel";

/** The active sheet, when it is a GradSheet run, with the settings it computes now. */
export interface ActiveRun {
  sheet: string;
  record: RunRecord;
  options: RunOptions;
}

export interface PaneState {
  /** The workbook, or null outside Excel. */
  readonly gateway: WorkbookGateway | null;
  active: ActiveRun | null;
  /** Runs generated in this session (the getting-started panel follows the first). */
  generated: number;
  /** Save a file (the browser's download; tests may replace it). */
  readonly save: (bytes: Uint8Array, filename: string) => void;
  /** The built help page. */
  readonly helpHref: string;
}
