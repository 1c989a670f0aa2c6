/**
 * "Make it an exercise" on the Run form: a checkbox and the columns to leave for the learner, in
 * the words of `gradsheet exercise --blank` (prediction, error, derivatives, updates, or column
 * headers such as ŷ, de/da, new a).
 */
import { blankList, DEFAULT_BLANK } from "../run";
import { field, h, textInput, type Field } from "./dom";

export interface ExerciseForm {
  el: HTMLDivElement;
  /** The words field (its errors show there: ConfigError field "blank"). */
  blank: Field<HTMLInputElement>;
  /** The columns to leave blank, or null when the box is not ticked. */
  words(): string[] | null;
}

export function exerciseForm(): ExerciseForm {
  const box = h("input", { type: "checkbox", id: "make-exercise" });
  const blank = field(
    "Columns for the learner",
    textInput("blank", DEFAULT_BLANK.join(","), "text"),
    "prediction, error, derivatives, updates, or headers as the sheet writes them (ŷ, de/da, new a). Their step rows stay empty for the learner to write; Check my formulas grades them."
  );
  blank.wrap.hidden = true;
  box.addEventListener("change", () => (blank.wrap.hidden = !box.checked));
  const el = h(
    "div",
    { className: "exercise" },
    h("label", { className: "choice" }, box, "Make it an exercise"),
    blank.wrap
  );
  return {
    el,
    blank,
    words: () => (box.checked ? blankList(blank.control.value) : null),
  };
}
