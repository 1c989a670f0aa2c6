/**
 * Large runs off the pane's thread: a job (Generate, Apply, Check, Rebuild, Rerun, an experiment) that
 * trains more than `WORKER_ROW_STEPS` row-steps (epochs × data rows, × runs for an experiment)
 * trains and builds its plan (or its .xlsx file, or its sheets) in a Web Worker, while the pane shows
 * progress and a Cancel button. Cancel terminates the worker before anything reaches the workbook,
 * so the workbook is left as it was. Smaller runs do the same work (`serve`) on this thread.
 */
import { rowSteps } from "../run";
import type { TaskStatus } from "./actions";
import { requestSteps, serve, type WorkerMessage, type WorkerRequest } from "./worker-tasks";

export { rowSteps };

/** Runs above this many row-steps (epochs × rows per epoch) go to the worker. */
export const WORKER_ROW_STEPS = 100_000;

/** The error a cancelled job rejects with; its message says the workbook was not touched. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled: nothing was written to the workbook.");
    this.name = "Cancelled";
  }
}

/** What a job shows while it runs: progress (0–1 and a phrase) and the Cancel button. */
export interface JobView {
  progress: (fraction: number, text: string) => void;
  cancel: HTMLElement;
}

/** A job's progress (0–1) shown as the first `upTo` percent of `st`'s bar, with its Cancel. */
export const jobView = (st: TaskStatus, upTo = 100): JobView => ({
  progress: (f: number, text: string) => st.progress(text, Math.round(f * upTo), 100),
  cancel: st.cancelButton,
});

type Answer<R extends WorkerRequest> = Extract<WorkerMessage, { kind: R["kind"] }>;

/** Does `request` on this thread, returning its answer or throwing its error. */
function here<R extends WorkerRequest>(request: R, view: JobView): Answer<R> {
  let answer: WorkerMessage | undefined;
  serve(request, (m) => (m.kind === "progress" ? view.progress(m.fraction, m.text) : (answer = m)));
  if (answer?.kind === "error") throw new Error(answer.message);
  return answer as Answer<R>;
}

/** Does `request` in a new Web Worker; shows Cancel and an elapsed-time count until it answers. */
function inWorker<R extends WorkerRequest>(request: R, view: JobView): Promise<Answer<R>> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url));
  const started = Date.now();
  let last = { fraction: 0, text: "Starting…" };
  const show = () =>
    view.progress(last.fraction, `${last.text} ${Math.floor((Date.now() - started) / 1000)} s`);
  const timer = setInterval(show, 500);
  return new Promise<Answer<R>>((resolve, reject) => {
    const done = () => {
      clearInterval(timer);
      worker.terminate();
      view.cancel.hidden = true;
      view.cancel.onclick = null;
    };
    view.cancel.hidden = false;
    view.cancel.onclick = () => {
      done();
      reject(new Cancelled());
    };
    worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (m.kind === "progress") {
        last = m;
        show();
        return;
      }
      done();
      if (m.kind === "error") reject(new Error(m.message));
      else resolve(m as Answer<R>);
    };
    worker.onerror = (ev) => {
      done();
      reject(new Error(`The background run failed: ${ev.message || "the worker stopped"}.`));
    };
    worker.postMessage(request);
  });
}

/**
 * `request`'s answer: computed in a Web Worker when the run is large (rejecting with `Cancelled`
 * if the learner cancels), on this thread otherwise. Invalid options throw before any work starts.
 */
export async function runJob<R extends WorkerRequest>(
  request: R,
  view: JobView
): Promise<Answer<R>> {
  if (requestSteps(request) <= WORKER_ROW_STEPS || typeof Worker === "undefined")
    return here(request, view);
  return inWorker(request, view);
}
