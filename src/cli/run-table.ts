/** The readable form of a run: one line per epoch (and per row with --rows), then the divergence sentence. */
import { MODELS, OPTIMIZERS, type RunResult, type StepRow, type Weights } from "../core";
import { learnerNumber } from "../run";

/** A number for a terminal: the learner format every surface uses (see `learnerNumber`). */
export const num = learnerNumber;

/** Right-aligned columns under a header line. */
export function table(head: string[], body: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(width[i])).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

function weightCells(names: readonly string[], w: Weights): string[] {
  return names.map((n) => num(w[n]));
}

/** The whole readable report. */
export function runTable(result: RunResult): string {
  const c = result.config;
  const names = MODELS[c.model].weights;
  const parts = [
    `${MODELS[c.model].formula}, ${OPTIMIZERS[c.optimizer].label}, lr ${num(c.lr)}, ${c.gradient} gradient` +
      `${c.gradient === "analytic" ? "" : ` (h ${num(c.h)})`}, ${c.data.length} rows × ${c.epochs} epoch${c.epochs === 1 ? "" : "s"}`,
    "",
  ];
  if (result.rows) parts.push(rowsTable(result.rows, names), "");
  parts.push(
    table(
      ["epoch", "SSE", "√SSE", "RMSE", ...names],
      result.epochs.map((e) => [
        String(e.epoch),
        num(e.sse),
        num(e.rootSse),
        num(e.rmse),
        ...weightCells(names, e.weights),
      ])
    ),
    "",
    divergenceSentence(result)
  );
  return parts.join("\n") + "\n";
}

function rowsTable(rows: StepRow[], names: readonly string[]): string {
  return table(
    ["step", "epoch", "row", "x", "y", ...names, "pred", "error", ...names.map((n) => `g${n}`)],
    rows.map((r) => [
      String(r.step),
      String(r.epoch),
      String(r.row),
      num(r.x),
      num(r.y),
      ...weightCells(names, r.weights),
      num(r.pred),
      num(r.error),
      ...weightCells(names, r.grad),
    ])
  );
}

/** "No divergence." or where and why the run diverged, and what that means for later rows. */
export function divergenceSentence(result: RunResult): string {
  const d = result.divergence;
  if (!d) return "No divergence.";
  return `Diverged at epoch ${d.epoch}, row ${d.row} (step ${d.step}): ${d.reason} Training goes on with the same formulas: values that overflow become NaN and stay NaN.`;
}
