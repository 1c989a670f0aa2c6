/** The lesson workbook (src/sheet/lesson) as .xlsx bytes: what `gradsheet lesson` writes and the pane downloads. */
import { buildLesson } from "../sheet/lesson";
import { workbookBytes } from "./service";

export const LESSON_FILE = "gradsheet-lesson.xlsx";

/** The eight questions' sheets and the exercise as one workbook. */
export function lessonXlsx(): { bytes: Uint8Array; filename: string } {
  return { bytes: workbookBytes(buildLesson()), filename: LESSON_FILE };
}
