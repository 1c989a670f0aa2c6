/** The range proxy of the fake: values, formulas, formats, clear, fill-down, select. */
import { FakeConditionalFormats } from "./conditional-formats";
import { FakeOfficeError } from "./errors";
import { coerceTyped } from "./host-rules";
import { applyShift, OFF_THE_SHEET, sortRows, type Shift } from "./edits";
import type { FakeContext } from "./context";
import {
  bag,
  FakeNullable,
  fillDownFormula,
  formatAddress,
  overlaps,
  parseAddress,
  type Resolver,
} from "./client";
import {
  activateSheet,
  cellKey,
  type FakeCell,
  type FakeRangeRef,
  type FakeScalar,
  type FakeSheet,
} from "./state";

export function isRange(x: unknown): x is FakeRange {
  return x instanceof FakeRange;
}

export class FakeRange extends FakeNullable<FakeRangeRef> {
  readonly format: unknown;
  readonly conditionalFormats: FakeConditionalFormats;
  constructor(
    ctx: FakeContext,
    path: string,
    resolve: Resolver<FakeRangeRef | null>,
    nullable = false
  ) {
    super(ctx, path, resolve, nullable);
    this.format = bag(ctx, `${path}.format`, "format", (prop, value) =>
      this.applyFormat(prop, value)
    );
    this.conditionalFormats = new FakeConditionalFormats(
      ctx,
      `${path}.conditionalFormats`,
      () => this.target(),
      () => this.sheet(),
      (name, args, apply) => this.record(name, args, "1.6", apply)
    );
  }
  /** The resolved rectangle (at sync time). */
  ref(): FakeRangeRef {
    return this.target();
  }
  /** Clear contents, formats and notes ("All"; only "All" is modelled). */
  clear(applyTo = "All"): void {
    this.record("clear", [applyTo], "1.1", () => {
      if (applyTo !== "All")
        throw new FakeOfficeError(
          "InvalidArgument",
          `clear(${applyTo}) is not modelled by the fake`
        );
      const ref = this.target(),
        s = this.sheet();
      for (const map of [s.cells, s.notes] as Map<number, unknown>[])
        for (const k of [...map.keys()])
          if (
            overlaps({ ...ref, row: Math.floor(k / 16384), col: k % 16384, rows: 1, cols: 1 }, ref)
          )
            map.delete(k);
    });
  }
  /** Row `i` of this range (Office.js splits large writes into row blocks with getRow + getBoundingRect). */
  getRow(i: number): FakeRange {
    this.record("getRow", [i], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.row(${i})`, () => ({
      ...this.target(),
      row: this.target().row + i,
      rows: 1,
    }));
  }
  getBoundingRect(other: FakeRange): FakeRange {
    this.record("getBoundingRect", [other.path], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.bounding`, () => {
      const a = this.target(),
        b = other.ref();
      const row = Math.min(a.row, b.row),
        col = Math.min(a.col, b.col);
      return {
        sheet: a.sheet,
        row,
        col,
        rows: Math.max(a.row + a.rows, b.row + b.rows) - row,
        cols: Math.max(a.col + a.cols, b.col + b.cols) - col,
      };
    });
  }
  private sheet(): FakeSheet {
    const ref = this.target();
    const s = this.ctx.state.sheets.find((x) => x.name === ref.sheet);
    if (!s) throw new FakeOfficeError("ItemNotFound", `sheet ${ref.sheet} not found`);
    return s;
  }
  private cell(r: number, c: number, create: true): FakeCell;
  private cell(r: number, c: number, create: false): FakeCell | undefined;
  private cell(r: number, c: number, create: boolean): FakeCell | undefined {
    const s = this.sheet(),
      k = cellKey(r, c);
    let cell = s.cells.get(k);
    if (!cell && create) s.cells.set(k, (cell = { format: {} }));
    return cell;
  }
  private each(fn: (cell: FakeCell, i: number, j: number) => void): void {
    const ref = this.target();
    for (let i = 0; i < ref.rows; i++)
      for (let j = 0; j < ref.cols; j++) fn(this.cell(ref.row + i, ref.col + j, true), i, j);
  }
  private checkShape(name: string, grid: unknown): unknown[][] {
    const ref = this.target();
    if (
      !Array.isArray(grid) ||
      grid.length !== ref.rows ||
      grid.some((row) => !Array.isArray(row) || row.length !== ref.cols)
    )
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${name} on ${formatAddress(ref)}).`
      );
    return grid as unknown[][];
  }
  private applyFormat(prop: string, value: unknown): void {
    if (prop === "columnWidth") {
      const ref = this.target();
      for (let j = 0; j < ref.cols; j++)
        this.sheet().columnWidths.set(ref.col + j, value as number);
      return;
    }
    this.each((cell) => (cell.format[prop] = value));
  }
  protected read(ref: FakeRangeRef, prop: string): unknown {
    const grid = (
      f: (cell: FakeCell | undefined, row: number, col: number) => unknown
    ): unknown[][] =>
      Array.from({ length: ref.rows }, (_, i) =>
        Array.from({ length: ref.cols }, (_, j) =>
          f(
            this.ctx.state.sheets
              .find((s) => s.name === ref.sheet)
              ?.cells.get(cellKey(ref.row + i, ref.col + j)),
            ref.row + i,
            ref.col + j
          )
        )
      );
    const calc = this.ctx.core.options.calculate;
    switch (prop) {
      case "address":
        return formatAddress(ref);
      case "rowIndex":
        return ref.row;
      case "columnIndex":
        return ref.col;
      case "rowCount":
        return ref.rows;
      case "columnCount":
        return ref.cols;
      // The fake has no calculation engine: a formula cell's value reads as "" unless a test supplies `calculate`.
      case "values":
        return grid((c, r, k) =>
          c?.formula !== undefined ? (calc?.(ref.sheet, r, k, c.formula) ?? "") : (c?.value ?? "")
        );
      case "formulas":
        return grid((c) => c?.formula ?? c?.value ?? "");
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      default:
        throw new FakeOfficeError("InvalidArgument", `Unknown property range.${prop}`);
    }
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  set values(v: unknown[][]) {
    this.writeCells("values", v);
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown[][]) {
    this.writeCells("formulas", v);
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.record("numberFormat", [v], "1.1", () => {
      const grid = this.checkShape("numberFormat", v);
      this.each((cell, i, j) => {
        if (grid[i][j] !== null) cell.numberFormat = String(grid[i][j]);
      });
    });
  }
  private writeCells(name: string, v: unknown[][]): void {
    this.record(name, [v], "1.1", () => {
      const grid = this.checkShape(name, v);
      this.each((cell, i, j) => {
        const x = grid[i][j];
        if (x === null || x === undefined) return;
        delete cell.formula;
        delete cell.value;
        if (typeof x === "string" && x.startsWith("=") && x.length > 1) cell.formula = x;
        else if (typeof x === "string" && x.startsWith("'")) cell.value = x.slice(1);
        else if (typeof x === "string" && x !== "" && x.trim() !== "" && Number.isFinite(Number(x)))
          cell.value = Number(x);
        else if (typeof x === "string" && x !== "") {
          const typed = coerceTyped(x, cell.numberFormat);
          cell.value = typed.value;
          if (typed.numberFormat) cell.numberFormat = typed.numberFormat;
        } else if (x !== "") cell.value = x as FakeScalar;
      });
    });
  }
  /** Fill this range's rows down over `destination` (which must start with this range), as Ctrl+D does. */
  autoFill(destination: FakeRange | string, type = "FillDefault"): void {
    const dest = typeof destination === "string" ? null : destination;
    this.record("autoFill", [dest?.path ?? destination, type], "1.9", () => {
      const src = this.target();
      const d = dest ? dest.ref() : parseAddress(src.sheet, destination as string);
      if (
        d.sheet !== src.sheet ||
        d.col !== src.col ||
        d.cols !== src.cols ||
        d.row !== src.row ||
        d.rows < src.rows
      )
        throw new FakeOfficeError(
          "InvalidArgument",
          "The destination range must include the source range and extend it in one direction."
        );
      if (type !== "FillCopy" && type !== "FillDefault")
        throw new FakeOfficeError(
          "InvalidArgument",
          `autoFill type ${type} is not modelled by the fake`
        );
      for (let i = src.rows; i < d.rows; i++) {
        for (let j = 0; j < src.cols; j++) {
          const from = this.cell(src.row + (i % src.rows), src.col + j, false);
          if (type === "FillDefault" && from?.value !== undefined && typeof from.value === "number")
            throw new FakeOfficeError(
              "InvalidArgument",
              "FillDefault on numbers makes a series; the fake does not model it"
            );
          const to = this.cell(d.row + i, d.col + j, true);
          const shift = i - (i % src.rows);
          to.format = { ...(from?.format ?? {}) };
          to.numberFormat = from?.numberFormat;
          delete to.formula;
          delete to.value;
          if (from?.formula !== undefined) to.formula = fillDownFormula(from.formula, shift);
          else if (from?.value !== undefined) to.value = from.value;
        }
      }
    });
  }
  /** The used part of this range (ExcelApi 1.4): the cells with content, or a null object. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.record("getUsedRangeOrNullObject", [valuesOnly], "1.4", () => undefined);
    return new FakeRange(
      this.ctx,
      `${this.path}.used`,
      () => {
        const ref = this.target();
        const s = this.ctx.state.sheets.find((x) => x.name === ref.sheet);
        let r0 = Infinity,
          c0 = Infinity,
          r1 = -1,
          c1 = -1;
        for (const [k, cell] of s?.cells ?? []) {
          if (valuesOnly && cell.value === undefined && cell.formula === undefined) continue;
          const r = Math.floor(k / 16384),
            c = k % 16384;
          if (r < ref.row || r >= ref.row + ref.rows || c < ref.col || c >= ref.col + ref.cols)
            continue;
          ((r0 = Math.min(r0, r)),
            (c0 = Math.min(c0, c)),
            (r1 = Math.max(r1, r)),
            (c1 = Math.max(c1, c)));
        }
        return r1 < 0
          ? null
          : { sheet: ref.sheet, row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
      },
      true
    );
  }
  /** The whole rows this range spans (ExcelApi 1.1). */
  getEntireRow(): FakeRange {
    this.record("getEntireRow", [], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.entireRow`, () => ({
      ...this.target(),
      col: 0,
      cols: 16384,
    }));
  }
  /** The whole columns this range spans (ExcelApi 1.1). */
  getEntireColumn(): FakeRange {
    this.record("getEntireColumn", [], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.entireColumn`, () => ({
      ...this.target(),
      row: 0,
      rows: 1048576,
    }));
  }
  /**
   * This range as a Shift: Down/Up moves rows (whole rows, or only this range's columns), Right/Left
   * moves columns (whole columns, or only this range's rows); see ./edits for how references follow.
   */
  private shiftOf(shift: string, insert: boolean): Shift {
    const ref = this.target();
    const rows = insert ? shift === "Down" : shift === "Up";
    return rows
      ? {
          sheet: ref.sheet,
          axis: "rows",
          at: ref.row,
          count: ref.rows,
          insert,
          ...(ref.cols < 16384
            ? { band: [ref.col, ref.col + ref.cols - 1] as [number, number] }
            : {}),
        }
      : {
          sheet: ref.sheet,
          axis: "cols",
          at: ref.col,
          count: ref.cols,
          insert,
          ...(ref.rows < 1048576
            ? { band: [ref.row, ref.row + ref.rows - 1] as [number, number] }
            : {}),
        };
  }
  private shifted(shift: string, insert: boolean): void {
    try {
      applyShift(this.ctx.state, this.shiftOf(shift, insert));
    } catch (e) {
      if (e instanceof Error && e.message === OFF_THE_SHEET)
        throw new FakeOfficeError("InvalidOperation", e.message);
      throw e;
    }
  }
  /** Insert cells in place of this range, shifting the others Down or Right (ExcelApi 1.1): see ./edits. */
  insert(shift: "Down" | "Right"): FakeRange {
    this.record("insert", [shift], "1.1", () => this.shifted(shift, true));
    return new FakeRange(this.ctx, `${this.path}.inserted`, () => this.target());
  }
  /** Delete this range's cells, shifting the others Up or Left (ExcelApi 1.1): see ./edits. */
  delete(shift: "Up" | "Left"): void {
    this.record("delete", [shift], "1.1", () => this.shifted(shift, false));
  }
  /** `range.sort.apply(fields, matchCase, hasHeaders)` (ExcelApi 1.2): rows sorted by the first field's column. */
  readonly sort = {
    apply: (
      fields: { key: number; ascending?: boolean }[],
      matchCase = false,
      hasHeaders = false
    ) => {
      this.record("sort.apply", [fields, matchCase, hasHeaders], "1.2", () => {
        const [f] = fields;
        if (!f) throw new FakeOfficeError("InvalidArgument", "sort needs a field");
        sortRows(this.sheet(), this.target(), f.key, f.ascending !== false, hasHeaders);
      });
    },
  };
  /** A hyperlink on every cell of the range (ExcelApi 1.7); its text is shown when the cell is empty. */
  set hyperlink(v: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.record("hyperlink", [v], "1.7", () =>
      this.each((cell) => {
        cell.hyperlink = { ...v };
        if (cell.value === undefined && cell.formula === undefined && v.textToDisplay !== undefined)
          cell.value = v.textToDisplay;
      })
    );
  }
  select(): void {
    this.record("select", [], "1.1", () => {
      const ref = this.target();
      activateSheet(this.ctx.state, this.sheet());
      this.ctx.state.selection = ref;
    });
  }
}
