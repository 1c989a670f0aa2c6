/**
 * The house's layer rules, checked on the source itself: dependencies point one way
 * (surfaces → writers → sheet → core), and Office is named only where the add-in meets it.
 */
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../../..");
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

interface Facts {
  /** Relative imports as paths from src/ ("core/models", "../tests/x"). */
  imports: string[];
  /** Package and Node module imports as named ("fflate", "node:fs"). */
  packages: string[];
  /** Whether the code (not its comments or strings) uses the Office, Excel or OfficeExtension globals. */
  namesOffice: boolean;
}

/** The imports and Office globals of one file's text, from TypeScript's own parse of it. */
function facts(file: string, text: string): Facts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const packages: string[] = [];
  const add = (spec: string) =>
    spec.startsWith(".")
      ? imports.push(
          relative(SRC, resolve(dirname(file), spec))
            .split(sep)
            .join("/")
        )
      : packages.push(spec);
  let namesOffice = false;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      add((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) add(arg.text);
    } else if (ts.isIdentifier(node) && /^(Office|Excel|OfficeExtension)$/.test(node.text)) {
      const parent = node.parent;
      const isMember = ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isKey =
        (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      if (!isMember && !isKey) namesOffice = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, packages, namesOffice };
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path).split(sep).join("/"),
  ...facts(path, readFileSync(path, "utf8")),
}));
const layerOf = (path: string): string => path.split("/")[0];
const inLayer = (layer: string) => files.filter((f) => layerOf(f.path) === layer);

/** "file → import" for each import of `layer`'s files that reaches a layer not in `allowed`. */
function leaving(layer: string, allowed: string[]): string[] {
  return inLayer(layer).flatMap((f) =>
    f.imports.filter((i) => !allowed.includes(layerOf(i))).map((i) => `${f.path} → ${i}`)
  );
}

/** "file → import" for each import of the files under `dir` (from the repository root) that reaches tests/. */
function intoTests(dir: string): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((path) =>
    facts(path, readFileSync(path, "utf8"))
      .imports.filter((i) => i === "../tests" || i.startsWith("../tests/"))
      .map((i) => `${relative(ROOT, path).split(sep).join("/")} → ${i.slice(3)}`)
  );
}

describe("the layers of src/", () => {
  it("finds the source tree", () => {
    for (const layer of ["core", "sheet", "doctor", "excel", "xlsx", "taskpane", "cli"]) {
      expect(inLayer(layer).length, layer).toBeGreaterThan(2);
    }
  });

  it("core imports nothing outside core, not even a package: it is pure", () => {
    expect(leaving("core", ["core"])).toEqual([]);
    expect(inLayer("core").flatMap((f) => f.packages)).toEqual([]);
  });

  it("sheet imports only core", () => {
    expect(leaving("sheet", ["sheet", "core"])).toEqual([]);
  });

  it("doctor imports only core and sheet", () => {
    expect(leaving("doctor", ["doctor", "core", "sheet"])).toEqual([]);
  });

  it("run (the run service) imports only core, sheet and xlsx: the Excel write is passed in", () => {
    expect(inLayer("run").length).toBeGreaterThan(2);
    expect(leaving("run", ["run", "core", "sheet", "xlsx"])).toEqual([]);
  });

  it("nothing in src/ imports the tests", () => {
    expect(
      files.flatMap((f) =>
        f.imports.filter((i) => i.startsWith("../tests")).map((i) => `${f.path} → ${i}`)
      )
    ).toEqual([]);
  });

  it("bench/ and the Excel fake import nothing from tests/ but the LibreOffice oracle, which the export bench shares", () => {
    expect(sourceFiles(join(ROOT, "bench")).length).toBeGreaterThan(2);
    expect(sourceFiles(join(ROOT, "fake-excel")).length).toBeGreaterThan(2);
    const oracle = "tests/e2e/helpers/libreoffice";
    expect(intoTests("bench").filter((i) => !i.endsWith(` → ${oracle}`))).toEqual([]);
    expect(intoTests("fake-excel")).toEqual([]);
  });

  it("names Office only in src/excel and the pane's entry point", () => {
    const entryPoints = ["taskpane/index.ts"];
    const offenders = files.filter(
      (f) => f.namesOffice && layerOf(f.path) !== "excel" && !entryPoints.includes(f.path)
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });
});

describe("the layer check itself", () => {
  it("sees Office used in code, not in comments or strings", () => {
    expect(facts(join(SRC, "x.ts"), "const n = Office.context.host;").namesOffice).toBe(true);
    expect(
      facts(join(SRC, "x.ts"), '// Excel.run\nconst s = "Office.js"; const o = { Excel: 1 };')
        .namesOffice
    ).toBe(false);
  });

  it("resolves a core file's relative import to its layer, and tells packages apart", () => {
    const { imports, packages } = facts(
      join(SRC, "core", "x.ts"),
      'import { a } from "../sheet/address";\nimport "fflate";'
    );
    expect(imports).toEqual(["sheet/address"]);
    expect(packages).toEqual(["fflate"]);
    expect(layerOf(imports[0])).toBe("sheet");
  });

  it("resolves a bench file's import of the tests to tests/", () => {
    const { imports } = facts(
      join(ROOT, "bench", "x.ts"),
      'import { f } from "../tests/helpers/sgd-plan";\nimport { g } from "../fake-excel";'
    );
    expect(imports).toEqual(["../tests/helpers/sgd-plan", "../fake-excel"]);
  });
});
