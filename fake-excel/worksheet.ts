/** The worksheet proxy of the fake: ranges, names, charts, shapes, panes, notes, activation and delete. */
import { FakeOfficeError } from "./errors";
import { onSheetDeleted } from "./host-rules";
import type { FakeContext } from "./context";
import { FakeNullable, formatAddress, parseAddress, type Resolver } from "./client";
import { fakePageLayout, fakeRowBreaks } from "./page-layout";
import { FakeRange } from "./range";
import { FakeNamedItemCollection, FakeCustomPropertyCollection } from "./names";
import { FakeChartCollection } from "./charts";
import { FakeShapeCollection } from "./shapes";
import { activateSheet, cellKey, type FakeRangeRef, type FakeSheet } from "./state";
import { renameSheet } from "./edits";

export class FakeWorksheet extends FakeNullable<FakeSheet> {
  readonly names: FakeNamedItemCollection;
  readonly charts: FakeChartCollection;
  readonly customProperties: FakeCustomPropertyCollection;
  readonly shapes: FakeShapeCollection;
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
    this.shapes = new FakeShapeCollection(ctx, `${path}.shapes`, () => this.target());
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
  /** The used range (ExcelApi 1.1; valuesOnly 1.2): A1 on an empty sheet, as Excel answers. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    const used = this.getUsedRangeOrNullObject(valuesOnly);
    this.record("getUsedRange", [valuesOnly], "1.1", () => undefined);
    return new FakeRange(this.ctx, `${this.path}.usedRange!`, () => {
      try {
        return used.ref();
      } catch {
        return { sheet: this.target().name, row: 0, col: 0, rows: 1, cols: 1 };
      }
    });
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
    activateSheet(this.ctx.state, s);
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
      if (st.activeSheetId === s.id) activateSheet(st, st.sheets[0]);
    });
  }
}
