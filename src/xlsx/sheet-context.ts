/** What a worksheet part needs from the rest of the package (a leaf: the sheet and column writers share it). */
import type { SharedStrings } from "./cells";
import type { StylesPart } from "./styles-xml";

/** What a worksheet needs from the rest of the package. */
export interface SheetContext {
  styles: StylesPart;
  sst: SharedStrings;
  /** Relationship id of the sheet's drawing part, when it has charts. */
  drawingRelId?: string;
  /** Relationship id of the sheet's VML drawing, when it has notes. */
  legacyDrawingRelId?: string;
  /** Rewrites sheet references in a formula after sheet names were sanitised. */
  fixFormula: (formula: string) => string;
}
