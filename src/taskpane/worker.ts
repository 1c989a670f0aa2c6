/** The pane's Web Worker entry (bundled by webpack from run-in-worker's `new Worker(new URL(...))`). */
import { serve, type WorkerMessage, type WorkerRequest } from "./worker-tasks";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(m: WorkerMessage, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) =>
  serve(
    ev.data,
    (m) => scope.postMessage(m, m.kind === "xlsx" ? [m.bytes.buffer as ArrayBuffer] : []),
    true
  );
