/**
 * How the writer reaches Excel: `run` opens a request context (Excel.run) and `supports` asks for
 * a requirement set. The real host wraps Office.js globals; tests pass the fake's.
 */

/** The Excel entry points the writer needs, so tests can supply a fake. */
export interface ExcelHost {
  run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** True when the host implements `ExcelApi` at least `version`. */
  supports(version: string): boolean;
  /** Milliseconds after which a `context.sync()` that has not answered counts as stuck. */
  syncTimeoutMs: number;
}

/** The host inside Excel: Office.js's `Excel.run` and `Office.context.requirements`. */
export function officeHost(syncTimeoutMs = 60_000): ExcelHost {
  return {
    run: (fn) => Excel.run(fn),
    supports: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
    syncTimeoutMs,
  };
}

/** Raised when Excel has not answered a sync within the guard time. */
export class SyncTimeout extends Error {
  override readonly name = "SyncTimeout";
  constructor(seconds: number) {
    super(
      `Excel has not answered for ${seconds} seconds. It may still be calculating a large workbook; wait, then check the sheet before trying again.`
    );
  }
}

/** `context.sync()` with a time limit: Excel on the web can leave a sync pending forever. */
export async function syncWithin(context: Excel.RequestContext, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SyncTimeout(Math.round(ms / 1000))), ms);
  });
  try {
    await Promise.race([context.sync(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Tell Office a page that has nothing else to do is ready (the ribbon's function file): Office
 * loads it for the ribbon and waits for `Office.onReady`. Nothing happens where Office.js did not load.
 */
export function signalReady(): void {
  if (typeof Office !== "undefined") void Office.onReady();
}
