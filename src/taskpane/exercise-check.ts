/**
 * "Check my formulas" on an exercise sheet's card: reads what Excel calculated, grades the
 * learner's cells as `gradsheet check` does (against the core at the sheet's current settings, and
 * on their own inputs), marks them right (green) or wrong (red) with conditional formats that a
 * second click removes, and names the first wrong cell with the step's explanation line and how
 * many cells are still empty. "Show me this formula" writes the core's formula into that one cell,
 * after a confirm: a hint, never more.
 */
import { runsOf, type ExerciseExcel } from "../excel";
import {
  cellOfA1,
  exerciseBlankRects,
  exerciseOfRecord,
  gradedArea,
  gradeLineParts,
  gradeSheetValues,
  type LinePart,
  type SheetGrade,
} from "../run";
import { actions, type TaskStatus } from "./actions";
import type { Confirm } from "./confirm";
import { button, h } from "./dom";
import { roving } from "./explain-parts";

export interface ExerciseCheck {
  /** The buttons, hidden unless the active sheet is an exercise. */
  check: HTMLButtonElement;
  show: HTMLButtonElement;
  /** Follow the active sheet: its name and record options, or null. */
  update(sheet: string | null, meta: Record<string, unknown> | null): void;
  /** The sheet was rebuilt: its marks are gone, the next click checks again. */
  forget(): void;
}

export function exerciseCheck(
  excel: () => ExerciseExcel | null,
  status: TaskStatus,
  confirm: Confirm
): ExerciseCheck {
  const check = button("check-formulas", "Check my formulas");
  const show = button("show-formula", "Show me this formula");
  check.hidden = show.hidden = true;
  actions.guard(check, show);
  let sheet: string | null = null;
  let meta: Record<string, unknown> | null = null;
  let marked = false;
  let first: SheetGrade["firstWrong"] = null;

  check.addEventListener(
    "click",
    () =>
      void actions.run({ status }, async () => {
        const x = excel();
        if (!x || !sheet || !meta) return;
        const columns = exerciseBlankRects(meta);
        if (marked) {
          await x.unmark(sheet, columns);
          marked = false;
          show.hidden = true;
          return status.show(
            `The marks on “${sheet}” are gone; your formulas are as you left them.`
          );
        }
        status.progress(`Reading what Excel calculated on “${sheet}”…`);
        const area = gradedArea(meta);
        const rows = await x.values(sheet, area.rows, area.cols);
        const right: { row: number; col: number }[] = [];
        const wrong: { row: number; col: number }[] = [];
        const grade = gradeSheetValues(sheet, meta, rows, (row, col, v) => {
          if (v === "right") right.push({ row, col });
          else if (v === "wrong") wrong.push({ row, col });
        });
        await x.mark(sheet, columns, runsOf(right), runsOf(wrong));
        marked = true;
        first = grade.firstWrong;
        show.hidden = !first?.formula;
        const done =
          ". Green cells agree with GradSheet, red ones do not; click Check my formulas again to remove the marks.";
        status.show(
          checkHeading(
            gradeLineParts(grade),
            done,
            (row, col) =>
              x
                .select(sheet!, row, col)
                .catch((e: unknown) => status.fail(String((e as Error)?.message ?? e))),
            sheet
          )
        );
      })
  );
  show.addEventListener(
    "click",
    () =>
      void actions.run({ status }, async () => {
        const x = excel();
        const f = first;
        if (!x || !sheet || !f?.formula) return;
        const go = await confirm.ask(
          `Write GradSheet's formula ${f.formula} into ${f.cell}? It replaces what you wrote there; the other cells stay yours.`,
          "Show me",
          "Not yet"
        );
        if (!go) return status.show(`Nothing changed: ${f.cell} keeps your formula.`);
        const at = cellOfA1(f.cell);
        if (!at) return;
        await x.writeFormula(sheet, at.row, at.col, f.formula);
        show.hidden = true;
        status.show(
          `${f.cell} now holds ${f.formula}. Fill it down if the cells below need it too.`
        );
      })
  );
  return {
    check,
    show,
    forget() {
      marked = false;
      first = null;
      show.hidden = true;
    },
    update(name, options) {
      const isExercise = !!options && !!exerciseOfRecord(options) && !!excel();
      if (name !== sheet) marked = false;
      sheet = isExercise ? name : null;
      meta = isExercise ? options : null;
      check.hidden = !isExercise;
      if (!isExercise || !marked) show.hidden = true;
    },
  };
}

/**
 * The check's message as the result's heading: the first wrong cell's name and the explanation's
 * numbers are links that select their cells (as in the Explain tab), one stop in the tab order.
 */
export function checkHeading(
  parts: LinePart[],
  tail: string,
  select: (row: number, col: number) => Promise<void>,
  sheet: string
): HTMLElement {
  const links: HTMLAnchorElement[] = [];
  const heading = h("h3", { className: "headline", tabIndex: -1 });
  for (const p of parts) {
    if (!p.cell) {
      heading.append(p.text);
      continue;
    }
    const at = p.cell;
    const a = h("a", {
      href: "#",
      textContent: p.text,
      title: `${sheet}!${at.a1}`,
      tabIndex: links.length ? -1 : 0,
    });
    a.dataset.cell = at.a1;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      void select(at.row, at.col);
    });
    links.push(a);
    heading.append(a);
  }
  heading.append(tail);
  roving(links);
  return heading;
}
