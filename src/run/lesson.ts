/** The lesson workbook (src/sheet/lesson): what `gradsheet lesson` writes and the pane downloads. */
import { buildLesson, QUESTIONS } from "../sheet/lesson";
import type { WorkbookPlan } from "../sheet";
import { workbookBytes } from "./service";

export const LESSON_FILE = "gradsheet-lesson.xlsx";

/** The eight questions' sheets and the exercise as one workbook plan. */
export const lessonPlan = (): WorkbookPlan => buildLesson();

/** The lesson's sheets' titles, in order: the questions, with the exercise after the first. */
export const lessonTitles = (): string[] =>
  QUESTIONS.flatMap((q, i) =>
    i === 1
      ? ["1b. Your turn: write ŷ and e for two neurons (gradsheet check grades it)", q.title]
      : [q.title]
  );

/** The lesson as .xlsx bytes. */
export function lessonXlsx(): { bytes: Uint8Array; filename: string } {
  return { bytes: workbookBytes(lessonPlan()), filename: LESSON_FILE };
}
