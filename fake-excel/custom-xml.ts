/**
 * The workbook's custom XML parts (ExcelApi 1.5): add, find by namespace, read and delete. A part's
 * namespace is its root element's xmlns, as in Excel.
 */
import type { FakeContext } from "./context";
import { FakeOfficeError, notLoaded } from "./errors";

export interface FakeXmlPart {
  id: string;
  xml: string;
}

const namespaceOf = (xml: string): string =>
  /<[A-Za-z_][\w.:-]*\s[^>]*?xmlns="([^"]*)"/.exec(xml.replace(/<\?[^>]*\?>/g, ""))?.[1] ?? "";

function record(
  ctx: FakeContext,
  target: string,
  name: string,
  args: unknown[],
  apply: () => void
): void {
  ctx.enqueue({ target, name, args, set: "1.5" }, apply);
}

export class FakeCustomXmlPart {
  constructor(
    private ctx: FakeContext,
    readonly path: string,
    private part: () => FakeXmlPart | null
  ) {}
  /** Stands for the id Excel returns for a part proxy. */
  stableId(): string | undefined {
    return this.part()?.id;
  }
  /** Set by a load (or by the collection's load, for its items). */
  loadedId: string | undefined;
  /** Load `id` (the only property the fake models), read after the sync. */
  load(_props?: string | string[]): this {
    this.ctx.enqueueLoad(() => {
      const id = this.target().id;
      this.ctx.respond(id);
      return () => (this.loadedId = id);
    });
    return this;
  }
  get id(): string {
    if (this.loadedId === undefined) throw notLoaded("id");
    return this.loadedId;
  }
  private target(): FakeXmlPart {
    const p = this.part();
    if (!p)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist (${this.path}).`
      );
    return p;
  }
  getXml(): { readonly value: string } {
    let value: string | undefined;
    record(this.ctx, this.path, "getXml", [], () => undefined);
    this.ctx.enqueueLoad(() => {
      const xml = this.target().xml;
      this.ctx.respond(xml);
      return () => (value = xml);
    });
    return {
      get value(): string {
        if (value === undefined) throw notLoaded("value");
        return value;
      },
    };
  }
  setXml(xml: string): void {
    record(this.ctx, this.path, "setXml", [xml], () => (this.target().xml = xml));
  }
  delete(): void {
    record(this.ctx, this.path, "delete", [], () => {
      const parts = this.ctx.state.customXmlParts;
      parts.splice(parts.indexOf(this.target()), 1);
    });
  }
}

export class FakeCustomXmlPartCollection {
  items: FakeCustomXmlPart[] = [];
  constructor(
    protected ctx: FakeContext,
    readonly path: string,
    protected filter: (p: FakeXmlPart) => boolean = () => true
  ) {}
  add(xml: string): FakeCustomXmlPart {
    let added: FakeXmlPart | null = null;
    record(this.ctx, this.path, "add", [xml], () => {
      if (!namespaceOf(xml) && !/^\s*(<\?[^>]*\?>)?\s*</.test(xml))
        throw new FakeOfficeError("InvalidArgument", "The XML is not well formed.");
      added = { id: `{${String(this.ctx.state.nextId++).padStart(8, "0")}-XML}`, xml };
      this.ctx.state.customXmlParts.push(added);
    });
    return new FakeCustomXmlPart(this.ctx, `${this.path}.add()`, () => added);
  }
  getByNamespace(ns: string): FakeCustomXmlPartCollection {
    record(this.ctx, this.path, "getByNamespace", [ns], () => undefined);
    return new FakeCustomXmlPartCollection(
      this.ctx,
      `${this.path}(${ns})`,
      (p) => namespaceOf(p.xml) === ns
    );
  }
  getItem(id: string): FakeCustomXmlPart {
    record(this.ctx, this.path, "getItem", [id], () => undefined);
    return new FakeCustomXmlPart(
      this.ctx,
      `${this.path}[${id}]`,
      () => this.ctx.state.customXmlParts.find((p) => p.id === id && this.filter(p)) ?? null
    );
  }
  load(): this {
    this.ctx.enqueueLoad(() => {
      const found = this.ctx.state.customXmlParts.filter(this.filter);
      this.ctx.respond(found.map((p) => p.id));
      return () =>
        (this.items = found.map((p) => {
          const item = new FakeCustomXmlPart(this.ctx, `${this.path}[${p.id}]`, () =>
            this.ctx.state.customXmlParts.includes(p) ? p : null
          );
          item.loadedId = p.id;
          return item;
        }));
    });
    return this;
  }
}
