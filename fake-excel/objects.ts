/**
 * Proxy objects of the fake: the subset of Excel's object model GradSheet uses, one file per
 * seam (client base, workbook, worksheet, range, names, charts). Each member records an action
 * with its requirement set; state changes happen at `sync()`, like Office.js.
 */
export { parseAddress, parseQualifiedAddress, formatAddress, fillDownFormula } from "./client";
export { FakeWorkbook, FakeApplication, FakeWorksheetCollection } from "./workbook";
export { FakeWorksheet } from "./worksheet";
export { FakeRange } from "./range";
export {
  FakeNamedItemCollection,
  FakeNamedItem,
  FakeSettingCollection,
  FakeCustomPropertyCollection,
} from "./names";
export { FakeChartCollection, FakeChartProxy, FakeSeriesProxy } from "./charts";
