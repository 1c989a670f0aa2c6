/**
 * The ribbon's function file (manifest FunctionFile). GradSheet's only ribbon button opens the
 * task pane, which needs no code; Office still loads this page, so it only signals readiness
 * (through src/excel, the one layer that names Office).
 */
import { signalReady } from "../excel/host";

signalReady();
