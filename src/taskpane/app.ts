/**
 * The pane's behaviour: presets, Generate, rerun of the active GradSheet sheet, the manual
 * calculation banner, errors in plain words, and the no-Excel mode with Download as .xlsx.
 * Excel is reached only through the plain-data WorkbookGateway (null outside Excel).
 */
import { PRESETS, type DataPoint, type RunOptions, type RunResult } from "../core";
import type { RunRecord, WorkbookGateway, WorkbookStatus } from "../excel";
import { formatNumber, lrCellOf, optionsFromRecord, planFor, runFor, runsRowFor, summarize } from "./engine";
import { runJob, type JobView } from "./run-in-worker";
import { DEFAULT_X, fillForm, PRESET_ORDER, readForm, renderModels, renderPresets, showOptimizerConstants, toOptions } from "./form";

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Turn any failure into a sentence a learner can act on. */
export function plainError(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string };
  if (err?.code === "RequestPayloadSizeLimitExceeded") return "Excel refused the write because it was too large. Try fewer epochs or rows.";
  if (err?.code === "ItemNotFound") return "A sheet GradSheet expected is gone (renamed or deleted?). Pick the sheet again or generate a new run.";
  if (err?.code === "InvalidArgument") return `Excel refused a value: ${err.message ?? "invalid argument"}.`;
  if (err?.code === "ApiNotFound") return "This Excel lacks a feature GradSheet needs. Excel on the web or a current Microsoft 365 Excel has it.";
  return err?.message ?? String(e);
}

export interface PaneOptions {
  /** Why Excel is not available, shown in the banner (null inside Excel). */
  noExcel: boolean;
  /** Save a file (the browser's download by default; tests may replace it). */
  save?: (bytes: Uint8Array, filename: string) => void;
}

/** Save bytes through the browser's download. */
export function browserSave(bytes: Uint8Array, filename: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What other sections of the pane may read from the run form. */
export interface PaneHandle {
  /** The form's current run options (the selected cells' data when chosen); throws a plain sentence when invalid. */
  runOptions(): RunOptions;
}

export function startPane(gateway: WorkbookGateway | null, opts: PaneOptions): PaneHandle {
  let busy = false;
  let points: DataPoint[] | null = null;
  let active: { sheet: string; record: RunRecord; options: RunOptions } | null = null;
  const save = opts.save ?? browserSave;

  const showError = (e: unknown) => {
    const box = $("error");
    box.textContent = plainError(e);
    box.hidden = false;
    box.focus();
  };
  const clearError = () => ($("error").hidden = true);
  const progress = (fraction: number | null, text = "") => {
    $("progress").hidden = fraction === null;
    const bar = $("progress-bar");
    bar.style.width = `${Math.round((fraction ?? 0) * 100)}%`;
    bar.setAttribute("aria-valuenow", String(Math.round((fraction ?? 0) * 100)));
    $("progress-text").textContent = text;
  };
  const setBusy = (on: boolean) => {
    busy = on;
    for (const id of ["generate", "apply-lr", "rebuild", "rerun-new", "confirm-yes", "check-sheet"]) {
      const b = $<HTMLButtonElement>(id);
      b.setAttribute("aria-disabled", String(on || (id === "generate" && !gateway)));
    }
    document.body.setAttribute("aria-busy", String(on));
  };
  /** Run one user action at a time: a second click while one runs does nothing. */
  const exclusive = (fn: () => Promise<void>) => async () => {
    if (busy) return;
    setBusy(true);
    clearError();
    try {
      await fn();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
      progress(null);
    }
  };

  /** Progress of a run job, scaled into [0, share] of the bar, with the Cancel button. */
  const job = (share: number): JobView => ({ progress: (f, text) => progress(share * f, text), cancel: $("cancel-run") });

  const showSummary = (result: RunResult, sheet: string | null, note: string) => {
    const s = summarize(result);
    $("summary").hidden = false;
    const c = result.config;
    $("summary-headline").textContent = `${c.model}, ${c.optimizer}, lr ${c.lr}, ${c.epochs} epoch${c.epochs === 1 ? "" : "s"}: final √SSE ${formatNumber(s.final)}.`;
    const div = $("summary-divergence");
    div.hidden = !s.divergence;
    div.textContent = s.divergence ?? "";
    const body = $("summary-table").querySelector("tbody")!;
    body.replaceChildren(
      ...s.perEpoch.map((e) => {
        const tr = document.createElement("tr");
        for (const v of [String(e.epoch), formatNumber(e.rootSse)]) {
          const td = document.createElement("td");
          td.textContent = v;
          tr.append(td);
        }
        return tr;
      }),
    );
    const go = $<HTMLButtonElement>("goto-sheet");
    go.hidden = !sheet || !gateway;
    go.textContent = sheet ? `Go to sheet “${sheet}”` : "";
    go.dataset.sheet = sheet ?? "";
    $("summary-note").textContent = note;
  };

  const pickPreset = (id: string) => {
    const p = PRESETS.find((x) => x.id === id);
    if (!p) return;
    fillForm(p.options);
    $("preset-description").textContent = p.description;
  };

  const showStatus = (st: WorkbookStatus) => {
    $("calc-banner").hidden = st.calculationMode !== "Manual";
    $("switch-calc").hidden = !st.canSwitchCalculation;
    $("calc-howto").hidden = st.canSwitchCalculation;
    const options = st.activeRun ? optionsFromRecord(st.activeRun.options) : undefined;
    active = st.activeRun && options ? { sheet: st.activeSheet, record: st.activeRun, options } : null;
    $("active-run").hidden = !active;
    $("confirm").hidden = true;
    $("check-result").textContent = "";
    if (active) {
      const o = active.options;
      const lr = st.learningRate ?? Number(o.lr);
      active.options = { ...o, lr };
      $("active-run-title").textContent = `“${active.sheet}” is a GradSheet run`;
      $("active-run-params").textContent = `Model ${String(o.model)} · optimizer ${String(o.optimizer)} · learning rate ${lr} · ${String(o.epochs)} epoch(s) · ${String(o.gradient)} derivative`;
      $<HTMLInputElement>("rerun-lr").value = String(lr);
      $<HTMLInputElement>("rerun-epochs").value = String(o.epochs);
    }
  };
  const refresh = async () => {
    if (!gateway) return;
    showStatus(await gateway.status());
  };

  /** Excel as the oracle: its calculated sample of the sheet against the core's values (skipped under manual calculation). */
  const excelCheck = async (sheet: string, plan: ReturnType<typeof planFor>, mode: string): Promise<string> =>
    !gateway || mode === "Manual" ? "" : (await gateway.check(sheet, plan)).message;

  const generate = async (options: RunOptions, replace?: string) => {
    if (!gateway) throw new Error("Generate needs Excel. Use Download as .xlsx here, or open GradSheet inside Excel.");
    if (gateway.writeBlocker) throw new Error(gateway.writeBlocker);
    // Large runs train in a Web Worker; Cancel there leaves the workbook untouched.
    const { result, plan } = await runJob({ kind: "plan", options, replace }, job(0.15));
    progress(0.15, "Writing the sheet…");
    const report = await gateway.write(plan, {
      record: { options: plan.meta, lrCell: lrCellOf(plan) },
      replace,
      runsRow: replace ? undefined : runsRowFor(result, plan.name),
      onProgress: (done, total) => progress(0.15 + (0.85 * done) / total, `Writing the sheet… ${done}/${total}`),
    });
    const row = runsRowFor(result, report.sheet);
    const checked = await excelCheck(report.sheet, { ...plan, name: report.sheet }, report.calculationMode);
    showSummary(result, report.sheet, [report.axisWarning, report.calculationMode === "Manual" ? "Calculation is manual: press F9 in Excel to see the numbers." : "", checked].filter(Boolean).join(" ") || `Logged in the Runs sheet (${row.model}, lr ${row.lr}).`);
    await refresh();
  };

  // Presets first.
  renderModels();
  renderPresets(pickPreset);
  pickPreset(PRESET_ORDER[0]);
  $<HTMLTextAreaElement>("x-values").value = DEFAULT_X;
  $("optimizer").addEventListener("change", showOptimizerConstants);
  showOptimizerConstants();

  $("run-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void exclusive(() => generate(toOptions(readForm(points))))();
  });
  $("download").addEventListener("click", exclusive(async () => {
    const { result, ...file } = await runJob({ kind: "xlsx", options: toOptions(readForm(points)) }, job(1));
    save(file.bytes, file.filename);
    showSummary(result, null, `Saved ${file.filename}: open it in Excel, LibreOffice or Google Sheets.`);
  }));
  $("goto-sheet").addEventListener("click", exclusive(async () => {
    const sheet = $("goto-sheet").dataset.sheet;
    if (gateway && sheet) await gateway.selectSheet(sheet);
    await refresh();
  }));
  $("read-selection").addEventListener("click", exclusive(async () => {
    if (!gateway) throw new Error("Reading cells needs Excel.");
    const sel = await gateway.readSelection();
    const nums = sel.values.filter((r) => r.some((v) => v !== "" && v !== null));
    const bad = nums.flat().find((v) => typeof v !== "number");
    if (!nums.length || bad !== undefined) throw new Error(`Select one column of x values, or two columns (x, y), of numbers only. ${sel.address} holds ${bad === undefined ? "no numbers" : `“${String(bad)}”`}.`);
    const target = readForm(null);
    points = nums.map((r) => ({ x: r[0] as number, y: r.length > 1 ? (r[1] as number) : Number(target.slope) * (r[0] as number) + Number(target.intercept) }));
    $<HTMLInputElement>("data-cells").checked = true;
    $("selection-info").textContent = `Using ${points.length} rows from ${sel.address}${nums[0].length > 1 ? " (x and y)" : " (x; y from the target line)"}.`;
  }));
  $("switch-calc").addEventListener("click", exclusive(async () => {
    await gateway?.switchToAutomatic();
    await refresh();
  }));

  // Rerun the active sheet.
  const rerunLr = () => {
    const lr = Number($<HTMLInputElement>("rerun-lr").value);
    if (!Number.isFinite(lr) || lr <= 0) throw new Error(`The learning rate must be a number above 0, not "${$<HTMLInputElement>("rerun-lr").value}".`);
    return lr;
  };
  $("apply-lr").addEventListener("click", exclusive(async () => {
    if (!gateway || !active) return;
    const lr = rerunLr();
    const options = { ...active.options, lr };
    const result = runFor(options);
    const meta = planFor(result, active.sheet).meta;
    await gateway.setLearningRate(active.sheet, lr, meta);
    const st = await gateway.status();
    const checked = await excelCheck(active.sheet, planFor(result, active.sheet), st.calculationMode);
    showSummary(result, active.sheet, `Only the LearningRate cell changed; Excel recalculates the rows and charts. The numbers above are the core's for the same settings. ${checked}`.trim());
    await refresh();
  }));
  $("rerun-new").addEventListener("click", exclusive(async () => {
    if (!active) return;
    await generate({ ...active.options, lr: rerunLr(), epochs: $<HTMLInputElement>("rerun-epochs").value });
  }));
  $("check-sheet").addEventListener("click", exclusive(async () => {
    if (!gateway || !active) return;
    $("check-result").textContent = (await gateway.check(active.sheet, planFor(runFor(active.options), active.sheet))).message;
  }));
  let pendingRebuild: (() => Promise<void>) | null = null;
  $("rebuild").addEventListener("click", exclusive(async () => {
    if (!gateway || !active) return;
    const { sheet, options } = active;
    const next = { ...options, lr: rerunLr(), epochs: $<HTMLInputElement>("rerun-epochs").value };
    const edited = await gateway.editedCells(sheet, planFor(runFor(options), sheet));
    pendingRebuild = () => generate(next, sheet);
    if (edited.length) {
      $("confirm-text").textContent = `You changed ${edited.length} cell${edited.length === 1 ? "" : "s"} GradSheet wrote (${edited.slice(0, 5).join(", ")}${edited.length > 5 ? ", …" : ""}). Rebuilding “${sheet}” replaces them.`;
      $("confirm").hidden = false;
      $("confirm-yes").focus();
      return;
    }
    await pendingRebuild();
  }));
  $("confirm-yes").addEventListener("click", exclusive(async () => {
    $("confirm").hidden = true;
    const go = pendingRebuild;
    pendingRebuild = null;
    if (go) await go();
  }));
  $("confirm-no").addEventListener("click", () => {
    $("confirm").hidden = true;
    pendingRebuild = null;
  });

  // Start.
  $("starting").hidden = true;
  $("no-excel").hidden = !opts.noExcel;
  setBusy(false);
  if (gateway) {
    void exclusive(async () => {
      await refresh();
      await gateway.onSheetActivated(() => void refresh().catch(showError));
      // Too old an Excel: say so at once, not only when Generate is clicked.
      if (gateway.writeBlocker) throw new Error(gateway.writeBlocker);
    })();
  }
  document.body.dataset.ready = opts.noExcel ? "no-excel" : "excel";
  return { runOptions: () => toOptions(readForm(points)) };
}
