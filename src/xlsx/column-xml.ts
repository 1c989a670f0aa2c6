/**
 * The cells of one step-table column. A formula column is one shared-formula group, as Excel writes
 * a filled-down column: the group's first cell holds the formula and the range it fills
 * (`<f t="shared" ref="F6:F9" si="2">D6*B6</f>`), every other cell only the group's number
 * (`<f t="shared" si="2"/>`) and its cached value. Numeric cells, nearly all of a 100k-step table,
 * take a fast path: the column's markup encoded once, around the row number and the value's
 * shortest round-trip digits (`String(v)`, exact), written as bytes.
 */
import { strToU8 } from "fflate";
import { colLetter, formulaAt } from "../sheet/address";
import type { Column, Table } from "../sheet/plan";
import { formulaCell, valueCell, type FormulaXml } from "./cells";
import type { ChunkWriter } from "./chunk-writer";
import type { SheetContext } from "./sheet-context";

const CLOSE = strToU8("</v></c>");
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && v - v === 0;

/** Writes the cells of one table column; formula columns become one shared-formula group. */
export class ColumnWriter {
  readonly letters: string;
  private readonly style: number | undefined;
  private readonly groupStart: number;
  private readonly si: number | undefined;
  /** `<c r="F` — the row number follows. */
  private readonly open: Uint8Array;
  /** `" s="9"><v>` (a literal number follows) or `" s="9"><f t="shared" si="3"/><v>` (a group member's cached number follows). */
  private readonly afterRow: Uint8Array;

  constructor(
    private readonly t: Table,
    private readonly c: Column,
    index: number,
    nextSi: () => number,
    private readonly ctx: SheetContext
  ) {
    this.letters = colLetter(t.col + index);
    this.style = ctx.styles.xf[c.style];
    this.groupStart = c.formula?.first !== undefined ? 1 : 0;
    // A group of one cell is written as a plain formula.
    this.si = c.formula && t.rows - this.groupStart >= 2 ? nextSi() : undefined;
    const s = this.style ? ` s="${this.style}"` : "";
    this.open = strToU8(`<c r="${this.letters}`);
    this.afterRow = strToU8(c.formula ? `"${s}><f t="shared" si="${this.si}"/><v>` : `"${s}><v>`);
  }

  /**
   * Writes data row i's cell (`row`: its sheet row number as text) to `out`: a finite literal or
   * group member's cached number by the fast path, anything else as `cell` writes it.
   */
  write(out: ChunkWriter, i: number, row: string): void {
    const { c } = this;
    const v = c.formula
      ? i > this.groupStart && this.si !== undefined
        ? c.cached?.[i]
        : undefined
      : c.values?.[i];
    if (!isFiniteNumber(v)) {
      out.text(this.cell(i));
      return;
    }
    out.bytes(this.open);
    out.ascii(row);
    out.bytes(this.afterRow);
    out.ascii(String(v)); // "-0" is never written: String(-0) is "0"
    out.bytes(CLOSE);
  }

  /** Data row i (0-based) as XML, or "" when the column has nothing there. */
  cell(i: number): string {
    const row = this.t.row + 2 + i;
    const { c } = this;
    if (!c.formula) {
      const v = c.values?.[i];
      return v === undefined ? "" : valueCell(this.letters + row, this.style, v, this.ctx.sst);
    }
    const cached = c.cached?.[i];
    const ref = this.letters + row;
    if (this.si === undefined || i < this.groupStart) {
      return formulaCell(
        ref,
        this.style,
        { kind: "plain", formula: this.ctx.fixFormula(formulaAt(c.formula, i)) },
        cached
      );
    }
    let f: FormulaXml = { kind: "member", si: this.si };
    if (i === this.groupStart) {
      const last = `${this.letters}${this.t.row + 1 + this.t.rows}`;
      f = {
        kind: "master",
        formula: this.ctx.fixFormula(formulaAt(c.formula, i)),
        ref: `${ref}:${last}`,
        si: this.si,
      };
    }
    return formulaCell(ref, this.style, f, cached);
  }
}
