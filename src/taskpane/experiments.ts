/**
 * The Experiments section's logic lives in the run service (src/run/experiments), shared with the
 * CLI; this module names what the section uses.
 */
import { formatValue } from "./vocabulary";

export {
  compareExperiment,
  compareLine,
  compareRuns,
  experimentXlsx,
  landscapeExperiment,
  MAX_LANDSCAPE_STEPS,
  MAX_RATES,
  sweepExperiment,
  sweepLine,
  sweepRates,
  type Experiment,
  type SheetRecordSpec,
} from "../run";

export { formatValue };
