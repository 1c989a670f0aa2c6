/**
 * Excel's refusals in a learner's words: the error codes Office.js raises (OfficeExtension.Error's
 * `code`) that a learner can act on, each as one sentence. Codes from Microsoft's "Error handling
 * with the application-specific JavaScript APIs" list.
 */

/** One sentence for an Excel error a learner can act on, or null when `e` is not one of them. */
export function excelErrorSentence(e: unknown): string | null {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case "RequestPayloadSizeLimitExceeded":
      return "Excel refused the write because it was too large. Try fewer epochs or rows.";
    case "ResponsePayloadSizeLimitExceeded":
      return "Excel could not send back that many cells at once (Excel on the web answers at most 5 MB). Select fewer cells, or a smaller part of the sheet, and try again.";
    case "InvalidOperationInCellEditMode":
      return "Excel is busy while you type in a cell. Press Enter or Esc to finish the cell, then try again: nothing was changed.";
    default:
      return null;
  }
}
