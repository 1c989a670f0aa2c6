/**
 * Explain a step from a run sheet's cells (the sheet layer's step reader says where they are): the
 * explanation built from the values Excel calculated, so a changed LearningRate is explained as it
 * stands. When the row's cells hold no numbers yet (manual calculation, or a host that has not
 * calculated), the step is explained from the core's run at the sheet's current inputs instead,
 * and says so.
 */
import { explainValues, resolveConfig, type Explained, type RunOptions } from "../core";
import {
  settingsFromInputs,
  stepLayout as sheetStepLayout,
  stepValuesFromCells,
  type StepLayout,
} from "../sheet";
import { explainRunStep } from "./explain";

/** The step table and named inputs of the sheet a run with these options has. */
export function stepLayout(options: RunOptions): StepLayout {
  return sheetStepLayout(resolveConfig(options));
}

export interface SheetExplanation extends Explained {
  step: number;
  /** True when the cells held the numbers; false when the core's run at the sheet's inputs stood in. */
  fromCells: boolean;
}

/**
 * Step `step` explained from the cells read (`rows` as `rowsToRead` asks; `inputs` the named
 * inputs' values by name). Falls back to the core's run at the sheet's inputs when a cell of the
 * step holds no number.
 */
export function explainFromCells(
  layout: StepLayout,
  step: number,
  rows: unknown[][],
  inputs: Record<string, unknown>
): SheetExplanation {
  const settings = settingsFromInputs(layout, inputs);
  const values = stepValuesFromCells(
    layout,
    step,
    rows.length > 1 ? rows[0] : null,
    rows[rows.length - 1]
  );
  if (values) return { step, ...explainValues(settings, values), fromCells: true };
  return { step, ...explainRunStep(settings, step), fromCells: false };
}
