/** The lesson workbook (src/sheet/lesson): what `gradsheet lesson` writes and the pane downloads. */
import { buildLesson, QUESTIONS } from "../sheet/lesson";
import type { WorkbookPlan } from "../sheet";
import { workbookBytes } from "./service";

export const LESSON_FILE = "gradsheet-lesson.xlsx";

/** The eight questions' sheets as one workbook plan. */
export const lessonPlan = (): WorkbookPlan => buildLesson();

/** The questions' titles, in order (one sheet each). */
export const lessonTitles = (): string[] => QUESTIONS.map((q) => q.title);

/** The lesson as .xlsx bytes. */
export function lessonXlsx(): { bytes: Uint8Array; filename: string } {
  return { bytes: workbookBytes(lessonPlan()), filename: LESSON_FILE };
}
