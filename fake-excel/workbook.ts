/** The workbook, application and worksheet-collection proxies of the fake. */
import { FakeOfficeError } from "./errors";
import { FakeCustomXmlPartCollection } from "./custom-xml";
import { fireWorksheetAdded, type FakeContext } from "./context";
import { FakeClientObject } from "./client";
import { FakeRange } from "./range";
import { FakeWorksheet } from "./worksheet";
import { FakeNamedItemCollection, FakeSettingCollection } from "./names";
import { newSheet, type FakeSheet } from "./state";

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
  /** A sheet was added (ExcelApi 1.7), by an add-in or by the learner. */
  readonly onAdded = {
    add: (handler: (e: { worksheetId: string; type: string; source: string }) => unknown) => {
      const list = (this.ctx.core.onWorksheetAdded ??= []);
      this.record("onAdded.add", [], "1.7", () => list.push(handler));
      return {
        context: this.ctx,
        remove: () =>
          this.ctx.enqueue(
            { target: this.path, name: "onAdded.remove", args: [], set: "1.7" },
            () => list.splice(list.indexOf(handler), 1)
          ),
      };
    },
  };
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
    // Excel's getItem takes a sheet's name or its id
    return (
      this.ctx.state.sheets.find(
        (s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name
      ) ?? null
    );
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
      void fireWorksheetAdded(this.ctx.core, created.id);
    });
    return new FakeWorksheet(
      this.ctx,
      `worksheets.add(${JSON.stringify(name)})`,
      () => created,
      false
    );
  }
}
