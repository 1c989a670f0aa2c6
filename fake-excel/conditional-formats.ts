/**
 * A range's conditional formats in the fake (ExcelApi 1.6): `add` records a new format (its
 * properties as they are set), `clearAll` removes every format that overlaps the range,
 * and a loaded collection lists the formats that overlap the range, each with its `type`, its
 * custom rule's formula and fill (`custom.rule`, `custom.format.fill`, loadable only on a Custom
 * format, as a type's own properties are) and `delete()`, which removes that one format whole.
 */
import { bag, FakeClientObject, loadedProps, overlaps } from "./client";
import type { FakeContext } from "./context";
import { FakeOfficeError } from "./errors";
import type { FakeConditionalFormat, FakeRangeRef, FakeSheet } from "./state";

/** One property bag of a conditional format read from its recorded `props` ("custom.rule.formula"). */
class CfPart extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private cf: FakeConditionalFormat,
    private prefix: string
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    if (this.cf.type !== "Custom")
      throw new FakeOfficeError(
        "InvalidOperation",
        `This conditional format is ${this.cf.type}, not Custom (${this.path}).`
      );
    return this.cf.props[`${this.prefix}.${prop}`] ?? null;
  }
  get formula(): unknown {
    return this.get("formula");
  }
  get color(): unknown {
    return this.get("color");
  }
}

/** One loaded conditional format of the collection. */
export class FakeConditionalFormatItem extends FakeClientObject {
  readonly custom: { rule: CfPart; format: { fill: CfPart } };
  constructor(
    ctx: FakeContext,
    path: string,
    private cf: FakeConditionalFormat,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
    this.custom = {
      rule: new CfPart(ctx, `${path}.custom.rule`, cf, "custom.rule"),
      format: { fill: new CfPart(ctx, `${path}.custom.format.fill`, cf, "custom.format.fill") },
    };
  }
  protected snapshot(prop: string): unknown {
    if (prop === "type") return this.cf.type;
    throw new FakeOfficeError("InvalidArgument", `Unknown property conditionalFormat.${prop}`);
  }
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.snapshot(p));
  }
  get type(): string {
    return this.get("type");
  }
  delete(): void {
    this.record("delete", [], "1.6", () => {
      const s = this.sheet();
      s.conditionalFormats = s.conditionalFormats.filter((x) => x !== this.cf);
    });
  }
}

/** `Range.conditionalFormats` of the fake. */
export class FakeConditionalFormats extends FakeClientObject {
  items: FakeConditionalFormatItem[] = [];
  constructor(
    ctx: FakeContext,
    path: string,
    private target: () => FakeRangeRef,
    private sheet: () => FakeSheet,
    private recordAction: (name: string, args: unknown[], apply: () => void) => void
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `Unknown property conditionalFormats.${prop}`);
  }
  /** Load the formats that overlap the range ("items/type"): each item a reading proxy. */
  override load(props?: string | string[] | { select?: string }): this {
    const list = loadedProps(props)
      .map((p) => p.replace(/^items\//, ""))
      .filter((p) => p && p !== "items");
    this.ctx.enqueueLoad(() => {
      const ref = this.target();
      const items = this.sheet()
        .conditionalFormats.filter((cf) => overlaps(cf.range, ref))
        .map((cf, i) => {
          const item = new FakeConditionalFormatItem(
            this.ctx,
            `${this.path}[${i}]`,
            cf,
            this.sheet
          );
          item.fill(list.length ? list : ["type"]);
          return item;
        });
      this.ctx.respond(items.map((i) => i.toJSON()));
      return () => (this.items = items);
    });
    return this;
  }
  clearAll(): void {
    this.recordAction("conditionalFormats.clearAll", [], () => {
      const ref = this.target();
      const s = this.sheet();
      s.conditionalFormats = s.conditionalFormats.filter((cf) => !overlaps(cf.range, ref));
    });
  }
  add(type: string): unknown {
    const props: Record<string, unknown> = {};
    this.recordAction("conditionalFormats.add", [type], () => {
      this.sheet().conditionalFormats.push({ range: this.target(), type, props });
    });
    return bag(this.ctx, `${this.path}.cf`, "", (prop, value) => (props[prop] = value), "1.6");
  }
}
