import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { descendants, local, parseXml, type XmlElement } from "./xml";

const root = resolve(__dirname, "../../..");
const source = readFileSync(resolve(root, "manifest.xml"), "utf8");
const manifest = parseXml(source);
const all = descendants(manifest);
const byName = (n: string): XmlElement[] => all.filter((e) => local(e.name) === n);
const require = createRequire(import.meta.url);
const webpackConfig = require(resolve(root, "webpack.config.js")) as {
  rewriteManifest: (xml: string, base: string) => string;
  DEFAULT_PROD_URL: string;
};

/** Top-level elements of a task-pane OfficeApp, in the order the schema requires (optional ones may be absent). */
const SCHEMA_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
const REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

describe("manifest.xml", () => {
  it("is well-formed XML whose root is a TaskPaneApp OfficeApp", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(() => parseXml(source.replace("</Hosts>", "</Host>"))).toThrow(SyntaxError);
  });

  it("has every required top-level element, in schema order", () => {
    const names = manifest.children.map((c) => c.name);
    for (const r of REQUIRED) expect(names).toContain(r);
    const positions = names.map((n) => SCHEMA_ORDER.indexOf(n));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("has its own GUID, not the one Microsoft's template ships", () => {
    const id = manifest.children.find((c) => c.name === "Id")!.text;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(id).not.toBe("05c2e1c9-3e1d-406e-9a91-e9ac64854143");
  });

  it("targets workbooks with read/write access and an ExcelApi 1.7 floor", () => {
    expect(
      byName("Host")
        .filter((h) => h.attrs.Name)
        .map((h) => h.attrs.Name)
    ).toEqual(["Workbook"]);
    expect(manifest.children.find((c) => c.name === "Permissions")!.text).toBe("ReadWriteDocument");
    expect(byName("Set")).toEqual([
      expect.objectContaining({ attrs: { Name: "ExcelApi", MinVersion: "1.7" } }),
    ]);
  });

  it("puts a button on the Home tab that opens the task pane", () => {
    const tab = byName("OfficeTab")[0];
    expect(tab.attrs.id).toBe("TabHome");
    const button = descendants(tab).find(
      (e) => e.name === "Control" && e.attrs["xsi:type"] === "Button"
    )!;
    const action = descendants(button).find((e) => e.name === "Action")!;
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(descendants(action).find((e) => e.name === "SourceLocation")!.attrs.resid).toBe(
      "Taskpane.Url"
    );
  });

  it("resolves every resid to exactly one resource of a matching kind", () => {
    const resources = byName("Resources")[0];
    const ids = new Map<string, string>();
    for (const group of resources.children)
      for (const r of group.children) {
        expect(ids.has(r.attrs.id), `duplicate resource id ${r.attrs.id}`).toBe(false);
        ids.set(r.attrs.id, local(group.name));
      }
    const refs = all.filter((e) => e.attrs.resid);
    expect(refs.length).toBeGreaterThan(10);
    for (const e of refs) {
      const kind = ids.get(e.attrs.resid);
      expect(kind, `resid ${e.attrs.resid} of <${e.name}>`).toBeDefined();
      const want =
        local(e.name) === "Image"
          ? "Images"
          : ["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(local(e.name))
            ? "Urls"
            : e.name === "Label" || e.name === "Title"
              ? "ShortStrings"
              : "LongStrings";
      expect(kind, `resid ${e.attrs.resid} of <${e.name}>`).toBe(want);
    }
  });

  it("keeps short strings within 125 characters and long strings within 250", () => {
    for (const s of byName("ShortStrings")[0].children)
      expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    for (const s of byName("LongStrings")[0].children)
      expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  it("points every icon at a PNG in assets/ of the size it claims", () => {
    const icons = [
      ...byName("IconUrl"),
      ...byName("HighResolutionIconUrl"),
      ...byName("Images")[0].children,
    ].map((e) => e.attrs.DefaultValue);
    expect(icons.length).toBe(5);
    for (const url of icons) {
      const m = /^https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)$/.exec(url);
      expect(m, url).not.toBeNull();
      const file = resolve(root, m![1]);
      expect(existsSync(file), file).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(m![2]), Number(m![2])]);
    }
    for (const size of [16, 32, 64, 80])
      expect(existsSync(resolve(root, `assets/icon-${size}.png`))).toBe(true);
  });

  it("uses https URLs on the dev host only, so the production build can rewrite them all", () => {
    const urls = all
      .flatMap((e) => [e.attrs.DefaultValue, e.name === "AppDomain" ? e.text : undefined])
      .filter((u): u is string => !!u && u.startsWith("http"));
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith("https://localhost:3000")).toBe(true);
  });
});

describe("the production build's manifest rewrite", () => {
  it("points every dev URL and the AppDomain at the production URL", () => {
    const out = webpackConfig.rewriteManifest(source, "https://example.org/addins/gradsheet/");
    expect(out).not.toMatch(/localhost/);
    const parsed = descendants(parseXml(out));
    expect(parsed.find((e) => e.name === "SourceLocation")!.attrs.DefaultValue).toBe(
      "https://example.org/addins/gradsheet/taskpane.html"
    );
    expect(parsed.find((e) => e.name === "AppDomain")!.text).toBe("https://example.org");
  });

  it("defaults to a documented https URL", () => {
    expect(webpackConfig.DEFAULT_PROD_URL).toMatch(/^https:\/\/.+\/$/);
  });
});
