/**
 * The ribbon's function file (manifest FunctionFile). GradSheet's only ribbon button opens the
 * task pane, which needs no code; Office still loads this page, so it only signals readiness.
 */
if (typeof Office !== "undefined") void Office.onReady();
