/** Shapes (ExcelApi 1.9): a learner's own drawings and text boxes on a sheet. */
import { FakeOfficeError } from "./errors";
import type { FakeContext } from "./context";
import { FakeClientObject } from "./client";
import type { FakeShape, FakeSheet } from "./state";

let nextShape = 1;

export class FakeShapeProxy extends FakeClientObject {
  constructor(
    ctx: FakeContext,
    path: string,
    private shape: () => FakeShape,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    const s = this.shape();
    if (prop === "name") return s.name;
    if (prop === "id") return s.id;
    if (prop === "type") return s.type;
    throw new FakeOfficeError("InvalidArgument", `Unknown property shape.${prop}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.record("name", [v], "1.9", () => (this.shape().name = v));
  }
  get id(): string {
    return this.get("id");
  }
  delete(): void {
    this.record("delete", [], "1.9", () => {
      const sheet = this.sheet();
      sheet.shapes = sheet.shapes.filter((x) => x !== this.shape());
    });
  }
}

export class FakeShapeCollection extends FakeClientObject {
  items: FakeShapeProxy[] = [];
  constructor(
    ctx: FakeContext,
    path: string,
    private sheet: () => FakeSheet
  ) {
    super(ctx, path);
  }
  protected snapshot(prop: string): unknown {
    if (prop === "count") return this.sheet().shapes.length;
    throw new FakeOfficeError("InvalidArgument", `Unknown property shapes.${prop}`);
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === "string" ? props.split(",") : (props ?? []))
      .map((p) => p.trim().replace(/^items\//, ""))
      .filter((p) => p && p !== "items");
    if (list.length && list.every((p) => p === "count")) return super.load(list);
    this.ctx.enqueueLoad(() => {
      const sheet = this.sheet();
      const shapes = [...sheet.shapes];
      const values = shapes.map((s) => ({ id: s.id, name: s.name, type: s.type }));
      this.ctx.respond(values);
      return () =>
        (this.items = shapes.map((s, i) => {
          const p = new FakeShapeProxy(this.ctx, `${this.path}[${i}]`, () => s, this.sheet);
          for (const f of list.length ? list : ["id", "name"])
            (p as unknown as { loaded: Map<string, unknown> }).loaded.set(
              f,
              (values[i] as Record<string, unknown>)[f]
            );
          return p;
        }));
    });
    return this;
  }
  addGeometricShape(type: string): FakeShapeProxy {
    let made: FakeShape | null = null;
    this.record("addGeometricShape", [type], "1.9", () => {
      const id = `{SHAPE-${nextShape++}}`;
      made = { id, name: `Shape ${this.sheet().shapes.length + 1}`, type: "GeometricShape" };
      this.sheet().shapes.push(made);
    });
    return new FakeShapeProxy(
      this.ctx,
      `${this.path}.add`,
      () => {
        if (!made) throw new FakeOfficeError("ItemNotFound", "shape was not created");
        return made;
      },
      this.sheet
    );
  }
  getItem(key: string): FakeShapeProxy {
    this.record("getItem", [key], "1.9", () => undefined);
    return new FakeShapeProxy(
      this.ctx,
      `${this.path}(${JSON.stringify(key)})`,
      () => {
        const s = this.sheet().shapes.find((x) => x.id === key || x.name === key);
        if (!s) throw new FakeOfficeError("ItemNotFound", `shape ${key} not found`);
        return s;
      },
      this.sheet
    );
  }
}
