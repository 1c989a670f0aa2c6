/**
 * The fake's proxy base: load/sync semantics (a property read before load + sync throws, every
 * load is counted against the response limit), nullable proxies, recording property bags, and
 * the A1 address helpers the proxies share.
 */
import { addressA1, parseRangeA1 } from "../src/sheet/address";
import { FakeOfficeError, notLoaded } from "./errors";
import type { FakeContext } from "./context";
import type { FakeRangeRef } from "./state";

export type Resolver<T> = () => T;

/** The property names a `load()` call asks for: "a, b", ["a", "b"] or { select: "a,b" }, trimmed. */
export function loadedProps(props?: string | string[] | { select?: string }): string[] {
  return (
    typeof props === "string"
      ? props.split(",")
      : Array.isArray(props)
        ? props
        : (props?.select ?? "").split(",")
  )
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Base: load/sync semantics. Reading a property that was not loaded and synced throws. */
export abstract class FakeClientObject {
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
    const list = loadedProps(props);
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
export abstract class FakeNullable<T> extends FakeClientObject {
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

export function overlaps(a: FakeRangeRef, b: FakeRangeRef): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
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
export function bag(
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
