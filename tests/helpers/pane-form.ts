/** The task pane's form as a learner leaves it: the 2 neurons + ReLU run on four x values, by text field. */
import type { FormValues } from "../../src/taskpane/form";

/** The form's fields as typed (text, as the pane reads them), with `changes` typed over them. */
export function paneForm(changes: Partial<FormValues> = {}): FormValues {
  return {
    model: "two-relu",
    dataMode: "target",
    x: "14, 86, 28, 51",
    slope: "2",
    intercept: "30",
    points: null,
    optimizer: "sgd",
    beta: "0.9",
    beta2: "0.999",
    eps: "1e-8",
    lr: "0.0001",
    epochs: "2",
    gradient: "forward",
    h: "0.01",
    ...changes,
  };
}
