/**
 * Progress and stopping inside training: an optional hook `train` calls every `every` row-steps
 * (step = every, 2·every, …). Pure: no timers, no clock; the hook sees how far the run is and says
 * whether to stop. Without a hook the loops run as before (the fast loop runs whole epochs).
 */

/** How far a run is when the hook is called. */
export interface Progress {
  /** Row-steps done so far (1-based count of rows trained over the run). */
  step: number;
  /** Row-steps of the whole run: epochs × rows per epoch. */
  steps: number;
  /** Epochs completed so far. */
  epochs: number;
}

/** A hook on training: `onProgress` is called every `every` row-steps; returning true stops the run there. */
export interface ProgressHook {
  every: number;
  onProgress(p: Progress): boolean | void;
}

/**
 * Calls the hook when `step` is one of its steps; true when it asks to stop. `epochs` is the
 * epochs completed at `step`.
 */
export function progressDue(
  hook: ProgressHook,
  step: number,
  steps: number,
  epochs: number
): boolean {
  return step % hook.every === 0 && hook.onProgress({ step, steps, epochs }) === true;
}
