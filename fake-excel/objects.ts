/**
 * Proxy objects of the fake: the subset of Excel's object model GradSheet uses. Each member records
 * an action with its requirement set; state changes happen at `sync()`, like Office.js.
 */
import { addressA1, parseRangeA1 } from "../src/sheet/address";
import { FakeOfficeError, notLoaded } from "./errors";
import { coerceTyped, onSheetDeleted } from "./host-rules";
import { FakeCustomXmlPartCollection } from "./custom-xml";
import type { FakeContext } from "./context";
import { fakePageLayout, fakeRowBreaks } from "./page-layout";
import {
  cellKey,
  newSheet,
  renameSheet,
  type FakeCell,
  type FakeChart,
  type FakeRangeRef,
  type FakeScalar,
  type FakeSheet,
} from "./state";

type Resolver<T> = () => T;

/** Base: load/sync semantics. Reading a property that was not loaded and synced throws. */
abstract class FakeClientObject {
  protected loaded = new Map<string, unknown>();
  constructor(
    protected ctx: FakeContext,
    readonly path: string
  ) {}

  /** The value of `prop` read from the state at sync time. */
  protected abstract snapshot(prop: string): unknown;

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }

  protected record(name: string, args: unknown[], set: string, apply: () => void): void {
    this.ctx.enqueue({ target: this.path, name, args, set }, apply);
  }

  load(props?: string | string[] | { select?: string }): this {
    const list = (
      typeof props === "string"
        ? props.split(",")
        : Array.isArray(props)
          ? props
          : (props?.select ?? "").split(",")
    )
      .map((p) => p.trim())
      .filter(Boolean);
    this.ctx.enqueueLoad(() => {
      const values = list.map((p) => [p, this.snapshot(p)] as const);
      this.ctx.respond(values);
      return () => values.forEach(([p, v]) => this.loaded.set(p, v));
    });
    return this;
  }

  toJSON(): unknown {
    return Object.fromEntries(this.loaded);
  }
}

/** A "...OrNullObject" proxy: `isNullObject` is loaded automatically by the next sync. */
abstract class FakeNullable<T> extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    protected resolveOrNull: Resolver<T | null>,
    nullable: boolean
  ) {
    super(ctx, path);
    if (nullable) this.load("isNullObject");
    else this.loaded.set("isNullObject", false);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  protected target(): T {
    const t = this.resolveOrNull();
    if (t === null)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist (${this.path}).`
      );
    return t;
  }
  protected snapshot(prop: string): unknown {
    if (prop === "isNullObject") return this.resolveOrNull() === null;
    const t = this.resolveOrNull();
    return t === null ? undefined : this.read(t, prop);
  }
  protected abstract read(t: T, prop: string): unknown;
}

// ---------------------------------------------------------------- addresses

const invalidAddress = (address: string) =>
  new FakeOfficeError(
    "InvalidArgument",
    `The argument is invalid or missing or has an incorrect format (${address}).`
  );

/**
 * "B2" or "B2:D9" (dollars allowed) → a rectangle on `sheet`, as a worksheet's `getRange` reads
 * it: a sheet named in the address is not looked at.
 */
export function parseAddress(sheet: string, address: string): FakeRangeRef {
  const ref = parseRangeA1(address, sheet);
  if (!ref) throw invalidAddress(address);
  return { ...ref, sheet };
}

/** "'Run 1'!$B$5:$B$9" → its rectangle on the sheet it names (on `sheet` when it names none). */
export function parseQualifiedAddress(address: string, sheet?: string): FakeRangeRef {
  const ref = parseRangeA1(address, sheet);
  if (!ref) throw invalidAddress(address);
  return ref;
}

/** "'Run 1'!B5:C9", as `Range.address` reports a rectangle. */
export const formatAddress = addressA1;

/** Excel's fill-down: move relative row references of `formula` by `d` (written apart from src/sheet on purpose). */
export function fillDownFormula(formula: string, d: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (whole, str, col, dollar, row) =>
      str !== undefined || dollar === "$" ? whole : `${col}${Number(row) + d}`
  );
}

// ---------------------------------------------------------------- workbook

export class FakeWorkbook extends FakeClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly settings: FakeSettingCollection;
  readonly application: FakeApplication;
  readonly customXmlParts: FakeCustomXmlPartCollection;
  /** The learner selected other cells (ExcelApi 1.2); `fake.select` fires it. */
  readonly onSelectionChanged = {
    add: (handler: () => unknown) => {
      const list = this.ctx.core.onSelectionChanged;
      this.record("onSelectionChanged.add", [], "1.2", () => list.push(handler));
      return { remove: () => list.splice(list.indexOf(handler), 1) };
    },
  };
  constructor(ctx: FakeContext) {
    super(ctx, "workbook");
    this.customXmlParts = new FakeCustomXmlPartCollection(ctx, "workbook.customXmlParts");
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx, "workbook.names", () => null);
    this.settings = new FakeSettingCollection(ctx);
    this.application = new FakeApplication(ctx);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  getSelectedRange(): FakeRange {
    this.record("getSelectedRange", [], "1.1", () => undefined);
    return new FakeRange(this.ctx, "workbook.selection", () => ({ ...this.ctx.state.selection }));
  }
}

export class FakeApplication extends FakeClientObject {
  constructor(ctx: FakeContext) {
    super(ctx, "application");
  }
  protected snapshot(prop: string): unknown {
    if (prop === "calculationMode") return this.ctx.state.calculationMode;
    throw new FakeOfficeError("InvalidArgument", `Unknown property application.${prop}`);
  }
  get calculationMode(): string {
    return this.get("calculationMode");
  }
  set calculationMode(mode: string) {
    this.record("calculationMode", [mode], "1.8", () => {
      if (!["Automatic", "AutomaticExceptTables", "Manual"].includes(mode))
        throw new FakeOfficeError("InvalidArgument", `bad calculation mode ${mode}`);
      this.ctx.state.calculationMode = mode as "Automatic";
    });
  }
  calculate(type: string): void {
    this.record("calculate", [type], "1.1", () => undefined);
  }
  suspendApiCalculationUntilNextSync(): void {
    this.record("suspendApiCalculationUntilNextSync", [], "1.6", () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.record("suspendScreenUpdatingUntilNextSync", [], "1.9", () => undefined);
  }
}

// ---------------------------------------------------------------- worksheets

export class FakeWorksheetCollection extends FakeClientObject {
  items: FakeWorksheet[] = [];
  readonly onActivated = {
    add: (handler: (e: { worksheetId: string; type: string }) => unknown) => {
      this.record("onActivated.add", [], "1.7", () => this.ctx.core.onActivated.push(handler));
      return {
        remove: () =>
          this.ctx.core.onActivated.splice(this.ctx.core.onActivated.indexOf(handler), 1),
      };
    },
  };
  constructor(ctx: FakeContext) {
    super(ctx, "worksheets");
  }
  protected snapshot(): unknown {
    return undefined;
  }
  override load(props?: string | string[]): this {
    const fields = (typeof props === "string" ? props.split(",") : (props ?? [])).map((p) =>
      p.trim().replace(/^items\//, "")
    );
    this.ctx.enqueueLoad(() => {
      const sheets = [...this.ctx.state.sheets];
      return () => {
        this.items = sheets.map((s) => {
          const ws = new FakeWorksheet(this.ctx, `worksheets[${s.id}]`, () => s, false);
          ws.fill(
            fields.filter(Boolean).length ? fields : ["name", "id", "position", "visibility"]
          );
          return ws;
        });
      };
    });
    return this;
  }
  private byName(name: string): FakeSheet | null {
    return this.ctx.state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  getItem(name: string): FakeWorksheet {
    this.record("getItem", [name], "1.1", () => undefined);
    return new FakeWorksheet(
      this.ctx,
      `worksheets(${JSON.stringify(name)})`,
      () => this.byName(name),
      false
    );
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.record("getItemOrNullObject", [name], "1.4", () => undefined);
    return new FakeWorksheet(
      this.ctx,
      `worksheets(${JSON.stringify(name)})`,
      () => this.byName(name),
      true
    );
  }
  getActiveWorksheet(): FakeWorksheet {
    this.record("getActiveWorksheet", [], "1.1", () => undefined);
    return new FakeWorksheet(
      this.ctx,
      "worksheets.active",
      () => this.ctx.state.sheets.find((s) => s.id === this.ctx.state.activeSheetId) ?? null,
      false
    );
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.record("add", [name], "1.1", () => {
      const wanted = name ?? `Sheet${this.ctx.state.sheets.length + 1}`;
      if (this.byName(wanted))
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A resource with the same name or identifier already exists (${wanted}).`
        );
      if (/[\[\]:*?/\\]/.test(wanted) || wanted.length > 31 || !wanted.trim())
        throw new FakeOfficeError("InvalidArgument", `invalid sheet name ${wanted}`);
      created = newSheet(this.ctx.state, wanted);
    });
    return new FakeWorksheet(
      this.ctx,
      `worksheets.add(${JSON.stringify(name)})`,
      () => created,
      false
    );
  }
}

export class FakeWorksheet extends FakeNullable<FakeSheet> {
  readonly names: FakeNamedItemCollection;
  readonly charts: FakeChartCollection;
  readonly customProperties: FakeCustomPropertyCollection;
  readonly pageLayout: unknown;
  readonly horizontalPageBreaks: unknown;
  readonly freezePanes: {
    freezeAt: (r: FakeRange | string) => void;
    freezeRows: (n: number) => void;
    freezeColumns: (n: number) => void;
    unfreeze: () => void;
  };
  constructor(
    ctx: FakeContext,
    path: string,
    resolve: Resolver<FakeSheet | null>,
    nullable: boolean
  ) {
    super(ctx, path, resolve, nullable);
    this.names = new FakeNamedItemCollection(ctx, `${path}.names`, () => this.target());
    this.charts = new FakeChartCollection(ctx, `${path}.charts`, () => this.target());
    this.customProperties = new FakeCustomPropertyCollection(ctx, `${path}.customProperties`, () =>
      this.target()
    );
    const parse = (a: string) => parseAddress(this.target().name, a);
    this.pageLayout = fakePageLayout(ctx, path, () => this.target(), parse);
    this.horizontalPageBreaks = fakeRowBreaks(ctx, path, () => this.target(), parse);
    // Freezing acts on "the active worksheet view": a sheet that is not active is activated and fires onActivated (office-js #3148).
    const freeze = (name: string, args: unknown[], ref: () => FakeRangeRef) =>
      this.record(`freezePanes.${name}`, args, "1.7", () => {
        const s = this.target();
        s.freeze = ref();
        if (this.ctx.state.activeSheetId !== s.id) this.activated(s);
      });
    this.freezePanes = {
      freezeAt: (r) => {
        const range = typeof r === "string" ? this.getRange(r) : r;
        freeze("freezeAt", [range.path], () => range.ref());
      },
      freezeRows: (n) =>
        freeze("freezeRows", [n], () => ({
          sheet: this.target().name,
          row: 0,
          col: 0,
          rows: n,
          cols: 0,
        })),
      freezeColumns: (n) =>
        freeze("freezeColumns", [n], () => ({
          sheet: this.target().name,
          row: 0,
          col: 0,
          rows: 0,
          cols: n,
        })),
      unfreeze: () =>
        this.record("freezePanes.unfreeze", [], "1.7", () => (this.target().freeze = null)),
    };
  }
  /** Mark properties loaded from the current state (used for collection items). */
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.snapshot(p));
  }
  protected read(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "visibility":
        return s.visibility;
      case "position":
        return this.ctx.state.sheets.indexOf(s);
      default:
        throw new FakeOfficeError("InvalidArgument", `Unknown property worksheet.${prop}`);
    }
  }
  /** The sheet's id once it exists (what Excel returns for a worksheet proxy). */
  stableId(): string | undefined {
    return this.resolveOrNull()?.id;
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.1", () => renameSheet(this.ctx.state, this.target(), v));
  }
  get id(): string {
    return this.get("id");
  }
  get position(): number {
    return this.get("position");
  }
  set position(p: number) {
    this.record("position", [p], "1.1", () => {
      const s = this.target(),
        list = this.ctx.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(p, list.length), 0, s);
    });
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.record("visibility", [v], "1.1", () => (this.target().visibility = v));
  }

  readonly notes = {
    add: (cell: FakeRange | string, content: string): void => {
      const range = typeof cell === "string" ? this.getRange(cell) : cell;
      this.record("notes.add", [range.path, content], "1.18", () => {
        const ref = range.ref();
        const key = cellKey(ref.row, ref.col);
        if (this.target().notes.has(key))
          throw new FakeOfficeError(
            "InvalidArgument",
            `Cell ${formatAddress(ref)} already has a note.`
          );
        this.target().notes.set(key, content);
      });
    },
  };

  getRange(address?: string): FakeRange {
    this.record("getRange", [address], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.range(${address})`, () => {
      const s = this.target();
      return address
        ? parseAddress(s.name, address)
        : { sheet: s.name, row: 0, col: 0, rows: 1048576, cols: 16384 };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.record("getRangeByIndexes", [row, col, rows, cols], "1.7", () => {
      if (rows < 1 || cols < 1 || row < 0 || col < 0)
        throw new FakeOfficeError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format."
        );
    });
    return new FakeRange(this.ctx, `${this.path}.range[${row},${col},${rows},${cols}]`, () => ({
      sheet: this.target().name,
      row,
      col,
      rows,
      cols,
    }));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.record("getUsedRangeOrNullObject", [valuesOnly], "1.4", () => undefined);
    return new FakeRange(
      this.ctx,
      `${this.path}.usedRange`,
      () => {
        const s = this.target();
        let r0 = Infinity,
          c0 = Infinity,
          r1 = -1,
          c1 = -1;
        for (const [k, cell] of s.cells) {
          if (valuesOnly && cell.value === undefined && cell.formula === undefined) continue;
          const r = Math.floor(k / 16384),
            c = k % 16384;
          r0 = Math.min(r0, r);
          c0 = Math.min(c0, c);
          r1 = Math.max(r1, r);
          c1 = Math.max(c1, c);
        }
        return r1 < 0
          ? null
          : { sheet: s.name, row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
      },
      true
    );
  }
  private activated(s: FakeSheet): void {
    this.ctx.state.activeSheetId = s.id;
    // as in Excel, the selection moves with the active sheet (to its A1 here: the fake keeps no per-sheet selection)
    if (this.ctx.state.selection.sheet !== s.name)
      this.ctx.state.selection = { sheet: s.name, row: 0, col: 0, rows: 1, cols: 1 };
    this.ctx.core.activations.push(s.name);
    for (const h of [...this.ctx.core.onActivated])
      void Promise.resolve().then(() => h({ worksheetId: s.id, type: "WorksheetActivated" }));
  }
  activate(): void {
    this.record("activate", [], "1.1", () => this.activated(this.target()));
  }
  delete(): void {
    this.record("delete", [], "1.1", () => {
      const s = this.target(),
        st = this.ctx.state;
      if (
        st.sheets.filter((x) => x.visibility === "Visible").length === 1 &&
        s.visibility === "Visible"
      )
        throw new FakeOfficeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet."
        );
      st.sheets.splice(st.sheets.indexOf(s), 1);
      st.names = st.names.filter((n) => n.scopeSheetId !== s.id);
      onSheetDeleted(st, s.name);
      if (st.activeSheetId === s.id) st.activeSheetId = st.sheets[0].id;
      const active = st.sheets.find((x) => x.id === st.activeSheetId)!.name;
      if (st.selection.sheet === s.name)
        st.selection = { sheet: active, row: 0, col: 0, rows: 1, cols: 1 };
    });
  }
}

// ---------------------------------------------------------------- ranges

function overlaps(a: FakeRangeRef, b: FakeRangeRef): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

function isRange(x: unknown): x is FakeRange {
  return x instanceof FakeRange;
}

export class FakeRange extends FakeNullable<FakeRangeRef> {
  readonly format: unknown;
  readonly conditionalFormats: { add: (type: string) => unknown; clearAll: () => void };
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
    this.conditionalFormats = {
      clearAll: () =>
        this.record("conditionalFormats.clearAll", [], "1.6", () => {
          const s = this.sheet();
          s.conditionalFormats = s.conditionalFormats.filter(
            (cf) => !overlaps(cf.range, this.target())
          );
        }),
      add: (type: string) => {
        const props: Record<string, unknown> = {};
        this.record("conditionalFormats.add", [type], "1.6", () => {
          const ref = this.target();
          this.sheet().conditionalFormats.push({ range: ref, type, props });
        });
        return bag(ctx, `${path}.cf`, "", (prop, value) => (props[prop] = value), "1.6");
      },
    };
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
  select(): void {
    this.record("select", [], "1.1", () => {
      const ref = this.target();
      this.ctx.state.activeSheetId = this.sheet().id;
      this.ctx.state.selection = ref;
    });
  }
}

/** Members of nested objects that need a newer set than their parent, by the stored key ("line.weight", "axes.valueAxis.numberFormat"). */
const NEWER_MEMBERS: [RegExp, string][] = [
  [/(^|\.)(scaleType|logBase|lineStyle)$/, "1.7"],
  [/^line\.weight$/, "1.7"],
  [/^axes\.\w+\.numberFormat$/, "1.8"],
];

/**
 * A recording property bag for nested format objects (`format.font.bold`, `borders.getItem("EdgeTop").style`,
 * `custom.rule.formula`): every property write is one action applied through `apply(path, value)`.
 */
function bag(
  ctx: FakeContext,
  path: string,
  prefix: string,
  apply: (prop: string, value: unknown) => void,
  set = "1.1"
): unknown {
  return new Proxy(
    {},
    {
      get(_t, prop) {
        if (typeof prop !== "string" || prop === "then" || prop === "toJSON") return undefined;
        if (prop === "getItem")
          return (name: string) =>
            bag(ctx, `${path}.${name}`, `${prefix}.${name}`.replace(/^\./, ""), apply, set);
        if (prop === "load") return () => undefined;
        return bag(ctx, `${path}.${prop}`, `${prefix}.${prop}`.replace(/^\./, ""), apply, set);
      },
      set(_t, prop, value) {
        const key = `${prefix}.${String(prop)}`.replace(/^\./, "").replace(/^format\./, "");
        const need = NEWER_MEMBERS.find(([re]) => re.test(key))?.[1] ?? set;
        ctx.enqueue({ target: path, name: String(prop), args: [value], set: need }, () =>
          apply(key, value)
        );
        return true;
      },
    }
  );
}

// ---------------------------------------------------------------- names, settings, custom properties

export class FakeNamedItemCollection extends FakeClientObject {
  items: { name: string; formula: string; visible: boolean }[] = [];
  constructor(
    ctx: FakeContext,
    path: string,
    private scope: () => FakeSheet | null
  ) {
    super(ctx, path);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  private scopeId(): string | null {
    return this.scope()?.id ?? null;
  }
  override load(): this {
    this.ctx.enqueueLoad(() => {
      const id = this.scopeId();
      const list = this.ctx.state.names
        .filter((n) => n.scopeSheetId === id)
        .map((n) => ({
          name: n.name,
          formula: n.ref ? `=${formatAddress(n.ref)}` : (n.formula ?? ""),
          visible: n.visible,
        }));
      return () => (this.items = list);
    });
    return this;
  }
  add(name: string, reference: FakeRange | string, comment?: string): unknown {
    const props: Record<string, unknown> = {};
    this.record(
      "add",
      [name, isRange(reference) ? reference.path : reference, comment],
      "1.4",
      () => {
        const id = this.scopeId();
        if (
          !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
          /^[A-Za-z]{1,3}\d+$/.test(name) ||
          /^[RrCc]$/.test(name)
        )
          throw new FakeOfficeError("InvalidArgument", `The name '${name}' is not valid.`);
        if (
          this.ctx.state.names.some(
            (n) => n.scopeSheetId === id && n.name.toLowerCase() === name.toLowerCase()
          )
        )
          throw new FakeOfficeError(
            "ItemAlreadyExists",
            `A name '${name}' already exists in this scope.`
          );
        this.ctx.state.names.push({
          name,
          scopeSheetId: id,
          ref: isRange(reference) ? reference.ref() : null,
          formula: isRange(reference) ? undefined : reference,
          comment,
          visible: true,
        });
      }
    );
    return bag(
      this.ctx,
      `${this.path}(${name})`,
      "",
      (prop, value) => {
        props[prop] = value;
        const n = this.ctx.state.names.find(
          (x) => x.scopeSheetId === this.scopeId() && x.name === name
        );
        if (n && prop === "visible") n.visible = Boolean(value);
      },
      "1.4"
    );
  }
  getItem(name: string): FakeNamedItem {
    this.record("getItem", [name], "1.4", () => undefined);
    return new FakeNamedItem(
      this.ctx,
      `${this.path}(${JSON.stringify(name)})`,
      () => this.find(name),
      false
    );
  }
  private find(name: string) {
    return (
      this.ctx.state.names.find(
        (n) => n.scopeSheetId === this.scopeId() && n.name.toLowerCase() === name.toLowerCase()
      ) ?? null
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    this.record("getItemOrNullObject", [name], "1.4", () => undefined);
    return new FakeNamedItem(
      this.ctx,
      `${this.path}(${JSON.stringify(name)})`,
      () =>
        this.ctx.state.names.find(
          (n) => n.scopeSheetId === this.scopeId() && n.name.toLowerCase() === name.toLowerCase()
        ) ?? null
    );
  }
}

export class FakeNamedItem extends FakeNullable<import("./state").FakeName> {
  constructor(
    ctx: FakeContext,
    path: string,
    resolve: Resolver<import("./state").FakeName | null>,
    nullable = true
  ) {
    super(ctx, path, resolve, nullable);
  }
  protected read(n: import("./state").FakeName, prop: string): unknown {
    if (prop === "name") return n.name;
    if (prop === "formula") return n.ref ? `=${formatAddress(n.ref)}` : n.formula;
    if (prop === "visible") return n.visible;
    throw new FakeOfficeError("InvalidArgument", `Unknown property name.${prop}`);
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  getRange(): FakeRange {
    this.record("getRange", [], "1.4", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.range`, () => {
      const n = this.target();
      if (!n.ref) throw new FakeOfficeError("InvalidOperation", `name ${n.name} is not a range`);
      return n.ref;
    });
  }
  getRangeOrNullObject(): FakeRange {
    this.record("getRangeOrNullObject", [], "1.4", () => undefined);
    return new FakeRange(
      this.ctx,
      `${this.path}.rangeOrNull`,
      () => this.resolveOrNull()?.ref ?? null,
      true
    );
  }
  delete(): void {
    this.record("delete", [], "1.4", () => {
      const n = this.target();
      this.ctx.state.names.splice(this.ctx.state.names.indexOf(n), 1);
    });
  }
}

class FakeKeyValue extends FakeNullable<{ key: string; value: unknown }> {
  constructor(
    ctx: FakeContext,
    path: string,
    resolve: Resolver<{ key: string; value: unknown } | null>,
    private write: (v: unknown) => void,
    private set: string
  ) {
    super(ctx, path, resolve, true);
  }
  protected read(t: { key: string; value: unknown }, prop: string): unknown {
    if (prop === "value") return t.value;
    if (prop === "key") return t.key;
    throw new FakeOfficeError("InvalidArgument", `Unknown property ${prop}`);
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(v: unknown) {
    this.record("value", [v], this.set, () => this.write(v));
  }
  delete(): void {
    this.record("delete", [], this.set, () => this.write(undefined));
  }
}

export class FakeSettingCollection extends FakeClientObject {
  constructor(ctx: FakeContext) {
    super(ctx, "workbook.settings");
  }
  protected snapshot(): unknown {
    return undefined;
  }
  private writer(key: string) {
    return (v: unknown) =>
      v === undefined
        ? this.ctx.state.settings.delete(key)
        : this.ctx.state.settings.set(key, JSON.parse(JSON.stringify(v)));
  }
  add(key: string, value: unknown): void {
    this.record("add", [key, value], "1.4", () => this.writer(key)(value));
  }
  getItemOrNullObject(key: string): FakeKeyValue {
    this.record("getItemOrNullObject", [key], "1.4", () => undefined);
    const s = this.ctx.state.settings;
    return new FakeKeyValue(
      this.ctx,
      `${this.path}(${key})`,
      () => (s.has(key) ? { key, value: s.get(key) } : null),
      this.writer(key),
      "1.4"
    );
  }
}

export class FakeCustomPropertyCollection extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  private writer(key: string) {
    return (v: unknown) => {
      const map = this.sheet().customProperties;
      const existing = [...map.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
      if (existing !== undefined) map.delete(existing);
      if (v !== undefined) map.set(key, String(v));
    };
  }
  add(key: string, value: string): void {
    this.record("add", [key, value], "1.12", () => {
      if (key.length > 255)
        throw new FakeOfficeError(
          "InvalidArgument",
          "custom property key longer than 255 characters"
        );
      this.writer(key)(value);
    });
  }
  getItemOrNullObject(key: string): FakeKeyValue {
    this.record("getItemOrNullObject", [key], "1.12", () => undefined);
    return new FakeKeyValue(
      this.ctx,
      `${this.path}(${key})`,
      () => {
        const map = this.sheet().customProperties;
        const k = [...map.keys()].find((x) => x.toLowerCase() === key.toLowerCase());
        return k === undefined ? null : { key: k, value: map.get(k) };
      },
      this.writer(key),
      "1.12"
    );
  }
}

// ---------------------------------------------------------------- charts

export class FakeChartCollection extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    if (prop === "count") return this.sheet().charts.length;
    throw new FakeOfficeError("InvalidArgument", `Unknown property charts.${prop}`);
  }
  get count(): number {
    return this.get("count");
  }
  items: { name: string }[] = [];
  override load(): this {
    this.ctx.enqueueLoad(() => {
      const list = this.sheet().charts.map((c) => ({ name: c.name }));
      this.ctx.respond(list);
      return () => (this.items = list);
    });
    return this;
  }
  getItem(name: string): FakeChart2 {
    this.record("getItem", [name], "1.1", () => undefined);
    return new FakeChart2(this.ctx, `${this.path}(${JSON.stringify(name)})`, () => {
      const c = this.sheet().charts.find((x) => x.name === name);
      if (!c) throw new FakeOfficeError("ItemNotFound", `chart ${name} not found`);
      return c;
    });
  }
  add(type: string, source: FakeRange, seriesBy?: string): FakeChart2 {
    let chart: FakeChart | null = null;
    this.record("add", [type, source.path, seriesBy], "1.1", () => {
      const ref = source.ref();
      const byRows = seriesBy === "Rows";
      const n = byRows ? ref.rows : ref.cols;
      chart = {
        name: `Chart ${this.sheet().charts.length + 1}`,
        type,
        seriesBy,
        source: ref,
        series: Array.from({ length: n }, (_, i) => ({
          name: `Series${i + 1}`,
          x: null,
          y: byRows ? { ...ref, row: ref.row + i, rows: 1 } : { ...ref, col: ref.col + i, cols: 1 },
          props: {},
        })),
        props: {},
      };
      this.sheet().charts.push(chart);
    });
    return new FakeChart2(this.ctx, `${this.path}.add(${JSON.stringify(type)})`, () => {
      if (!chart) throw new FakeOfficeError("ItemNotFound", "chart was not created");
      return chart;
    });
  }
}

/** A chart proxy (named FakeChart2 to keep FakeChart for the state record). */
export class FakeChart2 extends FakeClientObject {
  readonly title: unknown;
  readonly legend: unknown;
  readonly axes: unknown;
  readonly format: unknown;
  readonly series: { getItemAt: (i: number) => FakeSeries; add: (name?: string) => FakeSeries };
  constructor(
    ctx: FakeContext,
    path: string,
    private chart: () => FakeChart
  ) {
    super(ctx, path);
    const props = (p: string, v: unknown) => (this.chart().props[p] = v);
    this.title = bag(ctx, `${path}.title`, "title", props);
    this.legend = bag(ctx, `${path}.legend`, "legend", props);
    this.format = bag(ctx, `${path}.format`, "chartFormat", props);
    this.axes = bag(ctx, `${path}.axes`, "axes", props, "1.1");
    this.series = {
      getItemAt: (i: number) => {
        this.record("series.getItemAt", [i], "1.1", () => undefined);
        return new FakeSeries(ctx, `${path}.series[${i}]`, () => {
          const s = this.chart().series[i];
          if (!s) throw new FakeOfficeError("ItemNotFound", `series ${i} not found`);
          return s;
        });
      },
      add: (name?: string) => {
        let index = -1;
        this.record("series.add", [name], "1.7", () => {
          index =
            this.chart().series.push({
              name: name ?? `Series${this.chart().series.length + 1}`,
              x: null,
              y: null,
              props: {},
            }) - 1;
        });
        return new FakeSeries(ctx, `${path}.series.add(${name})`, () => this.chart().series[index]);
      },
    };
  }
  protected snapshot(prop: string): unknown {
    if (prop === "name") return this.chart().name;
    throw new FakeOfficeError("InvalidArgument", `Unknown property chart.${prop}`);
  }
  /** The chart's name once it exists (stands for the id Excel returns). */
  stableId(): string | undefined {
    try {
      return this.chart().name;
    } catch {
      return undefined;
    }
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.1", () => (this.chart().name = v));
  }
  setPosition(start: FakeRange | string, end?: FakeRange | string): void {
    const addr = (x: FakeRange | string | undefined) =>
      x === undefined ? undefined : typeof x === "string" ? x : x.path;
    this.record("setPosition", [addr(start), addr(end)], "1.1", () => {
      const sheetName = this.chart().source.sheet;
      const toRef = (x: FakeRange | string | undefined) =>
        x === undefined ? undefined : typeof x === "string" ? parseAddress(sheetName, x) : x.ref();
      this.chart().props.position = { start: toRef(start), end: toRef(end) };
    });
  }
  delete(): void {
    this.record("delete", [], "1.1", () => {
      const chart = this.chart();
      for (const s of this.ctx.state.sheets) s.charts = s.charts.filter((c) => c !== chart);
    });
  }
}

export class FakeSeries extends FakeClientObject {
  readonly format: unknown;
  constructor(
    ctx: FakeContext,
    path: string,
    private series: () => import("./state").FakeSeries
  ) {
    super(ctx, path);
    this.format = bag(ctx, `${path}.format`, "format", (p, v) => (this.series().props[p] = v));
  }
  protected snapshot(prop: string): unknown {
    if (prop === "name") return this.series().name;
    throw new FakeOfficeError("InvalidArgument", `Unknown property series.${prop}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.1", () => (this.series().name = v));
  }
  private setProp(name: string, v: unknown, set: string): void {
    this.record(name, [v], set, () => (this.series().props[name] = v));
  }
  set chartType(v: string) {
    this.setProp("chartType", v, "1.7");
  }
  set markerStyle(v: string) {
    this.setProp("markerStyle", v, "1.7");
  }
  set markerBackgroundColor(v: string) {
    this.setProp("markerBackgroundColor", v, "1.7");
  }
  set markerForegroundColor(v: string) {
    this.setProp("markerForegroundColor", v, "1.7");
  }
  set markerSize(v: number) {
    this.setProp("markerSize", v, "1.7");
  }
  set smooth(v: boolean) {
    this.setProp("smooth", v, "1.7");
  }
  setValues(range: FakeRange): void {
    this.record("setValues", [range.path], "1.7", () => (this.series().y = range.ref()));
  }
  setXAxisValues(range: FakeRange): void {
    this.record("setXAxisValues", [range.path], "1.7", () => (this.series().x = range.ref()));
  }
}
