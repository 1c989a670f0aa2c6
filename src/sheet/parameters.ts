/**
 * The parameter strip: one named input cell per setting (the learning rate, the derivative step h,
 * the optimizer constants it uses, the batch size (mini-batch runs only), the initial weights, the explosion limit), each under a label
 * that is its defined name, so `LearningRate` in a formula is the cell under "LearningRate".
 */
import { GLOSSARY, capitalised } from "../core";
import type { Block, Cell, NamedCell } from "./plan";
import type { RunContext } from "./context";
import { initName, NAMES } from "./names";

export interface Parameter {
  name: string;
  value: number;
  comment: string;
}

/** The run's parameters in strip order; optimizer constants only when the optimizer uses them. */
export function parameters(ctx: RunContext): Parameter[] {
  const c = ctx.config;
  const s = c.optimizerSettings;
  const uses = ctx.optimizer.uses;
  const notes = ctx.optimizer.notes ?? {};
  const list: Parameter[] = [
    {
      name: NAMES.lr,
      value: c.lr,
      comment: `${capitalised(GLOSSARY.learningRate.term)}: ${GLOSSARY.learningRate.meaning} Type a new value and the whole sheet recalculates.`,
    },
    {
      name: NAMES.h,
      value: c.h,
      comment: "h: how far a weight is nudged to estimate its derivative by finite differences.",
    },
  ];
  if (uses.includes("beta"))
    list.push({
      name: NAMES.beta,
      value: s.beta,
      comment:
        notes.beta ?? "β: how much of the running average is kept each step (0.9 keeps 90 %).",
    });
  if (uses.includes("beta2"))
    list.push({
      name: NAMES.beta2,
      value: s.beta2,
      comment: notes.beta2 ?? "β2: how much of the running mean square v is kept each step.",
    });
  if (uses.includes("eps"))
    list.push({
      name: NAMES.eps,
      value: s.eps,
      comment: notes.eps ?? "ε: added to the square root so a step never divides by 0.",
    });
  if (c.batchSize > 1)
    list.push({
      name: NAMES.batch,
      value: c.batchSize,
      comment:
        "Rows per mini-batch: the weights change once per batch, by the mean of its derivatives (a whole number from 1 to the rows of an epoch).",
    });
  for (const w of ctx.weights)
    list.push({
      name: initName(w),
      value: c.init[w],
      comment: `The starting value of ${w}: the first row's ${w}.`,
    });
  list.push({
    name: NAMES.bound,
    value: c.divergenceBound,
    comment: `${capitalised(GLOSSARY.divergenceLimit.term)}: ${GLOSSARY.divergenceLimit.meaning} A squared error that is not a number counts too.`,
  });
  return list;
}

/** Labels in `labelRow`, input cells in `valueRow`, from column `col`; one defined name per input. */
export function parameterBlock(
  ps: Parameter[],
  labelRow: number,
  valueRow: number,
  col: number
): { blocks: Block[]; names: NamedCell[] } {
  const labels: Cell[] = ps.map((p) => ({ value: p.name, style: "label", comment: p.comment }));
  const values: Cell[] = ps.map((p) => ({ value: p.value, style: "input", comment: p.comment }));
  return {
    blocks: [
      { row: labelRow, col, cells: [labels] },
      { row: valueRow, col, cells: [values] },
    ],
    names: ps.map((p, i) => ({ name: p.name, row: valueRow, col: col + i, comment: p.comment })),
  };
}
