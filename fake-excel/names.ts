/** Names, settings and custom properties of the fake. */
import { FakeOfficeError } from "./errors";
import type { FakeContext } from "./context";
import { bag, FakeClientObject, FakeNullable, formatAddress, type Resolver } from "./client";
import { FakeRange, isRange } from "./range";
import type { FakeName, FakeSheet } from "./state";

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

export class FakeNamedItem extends FakeNullable<FakeName> {
  constructor(ctx: FakeContext, path: string, resolve: Resolver<FakeName | null>, nullable = true) {
    super(ctx, path, resolve, nullable);
  }
  protected read(n: FakeName, prop: string): unknown {
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
