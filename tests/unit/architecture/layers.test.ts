/**
 * The house's layer rules, checked on the source itself: dependencies point one way
 * (surfaces → writers → sheet → core), and Office is named only where the add-in meets it.
 */
import { describe, it, expect } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
/** The layer of a path from src/: its first folder ("core", "run", …), or "fake-excel" for the fake beside src/. */
const layerOf = (path: string): string =>
  path.startsWith("../fake-excel") ? "fake-excel" : path.split("/")[0];
const inLayer = (layer: string) => all.filter((f) => layerOf(f.path) === layer);

/** The Excel fake's files, their paths and imports written from src/ ("../fake-excel/x", "sheet/address"). */
const fakeFiles = sourceFiles(join(ROOT, "fake-excel")).map((path) => ({
  path: relative(SRC, path).split(sep).join("/"),
  ...facts(path, readFileSync(path, "utf8")),
}));
const all = [...files, ...fakeFiles];

/**
 * Which layers each layer may import (besides itself): dependencies point one way, surfaces →
 * run → writers and readers → sheet → core. The surfaces (taskpane, cli, ribbon) never reach
 * the sheet layer or the .xlsx writer: every use case is src/run's.
 */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  sheet: ["core"],
  doctor: ["core", "sheet"],
  xlsx: ["core", "sheet", "doctor"],
  excel: ["core", "sheet", "doctor"],
  run: ["core", "sheet", "doctor", "xlsx"],
  taskpane: ["core", "run", "excel", "doctor"],
  cli: ["core", "run", "doctor"],
  ribbon: ["excel"],
  "fake-excel": ["core", "sheet"],
};
const SURFACES = ["taskpane", "cli", "ribbon"];

/** "file → import" for each import of `layer`'s files that reaches a layer not in `allowed`. */
function leaving(layer: string, allowed: string[]): string[] {
  return inLayer(layer).flatMap((f) =>
    f.imports
      .filter((i) => layerOf(i) !== layer && !allowed.includes(layerOf(i)))
      .map((i) => `${f.path} → ${i}`)
  );
}

/** Whether an import (a path from src/) names a layer's index.ts: "run", "core/index", not "sheet/plan". */
const viaIndex = (i: string): boolean => /^[a-z-]+(\/index)?$/.test(i);

/** "file → import" for each import of a surface's file into another layer other than through that layer's index.ts. */
function pastIndex(layer: string): string[] {
  return inLayer(layer).flatMap((f) =>
    f.imports.filter((i) => layerOf(i) !== layer && !viaIndex(i)).map((i) => `${f.path} → ${i}`)
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

/** The file (from the repository root) an import from `file` names, or null when it is not one of ours. */
function resolveImport(file: string, spec: string): string | null {
  const base = resolve(dirname(file), spec);
  const found = [base, `${base}.ts`, join(base, "index.ts")].find(
    (p) => existsSync(p) && statSync(p).isFile()
  );
  return found ? relative(ROOT, found).split(sep).join("/") : null;
}

/** Every relative import of the .ts files under `dirs`, type imports included, as file → files (paths from the root). */
function importGraph(dirs: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs)
    for (const path of sourceFiles(join(ROOT, dir))) {
      const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest);
      const specs: string[] = [];
      const visit = (node: ts.Node): void => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
          specs.push((node.moduleSpecifier as ts.StringLiteral).text);
        else if (
          ts.isCallExpression(node) &&
          node.expression.kind === ts.SyntaxKind.ImportKeyword
        ) {
          const [arg] = node.arguments;
          if (arg && ts.isStringLiteral(arg)) specs.push(arg.text);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      const targets = specs
        .filter((spec) => spec.startsWith("."))
        .map((spec) => resolveImport(path, spec))
        .filter((t): t is string => t !== null);
      graph.set(relative(ROOT, path).split(sep).join("/"), [...new Set(targets)]);
    }
  return graph;
}

/** The import circles of a graph (Tarjan's strongly connected components of more than one file, or a file importing itself), each as "a → b → a". */
function circles(graph: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const part: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      part.push(w);
    } while (w !== v);
    if (part.length > 1 || (graph.get(v) ?? []).includes(v))
      found.push([...part.reverse(), part[0]].join(" → "));
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

describe("the import graph", () => {
  it("has no circles in src/ or the Excel fake, type imports included", () => {
    expect(circles(importGraph(["src", "fake-excel"]))).toEqual([]);
  });

  it("finds a circle of two files, of three, and a file importing itself; none in a chain", () => {
    const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
    expect(circles(g({ a: ["b"], b: ["a"] }))).toEqual(["a → b → a"]);
    expect(circles(g({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] }))).toHaveLength(1);
    expect(circles(g({ a: ["a"] }))).toEqual(["a → a"]);
    expect(circles(g({ a: ["b"], b: ["c"], c: [] }))).toEqual([]);
  });
});

describe("the layers of src/", () => {
  it("finds the source tree", () => {
    for (const layer of ["core", "sheet", "doctor", "excel", "xlsx", "run", "taskpane", "cli"]) {
      expect(inLayer(layer).length, layer).toBeGreaterThan(2);
    }
  });

  it("core imports nothing outside core, not even a package: it is pure", () => {
    expect(leaving("core", [])).toEqual([]);
    expect(inLayer("core").flatMap((f) => f.packages)).toEqual([]);
  });

  for (const [layer, allowed] of Object.entries(MAY_IMPORT))
    it(`${layer} imports only ${allowed.length ? allowed.join(", ") : "itself"}`, () => {
      expect(inLayer(layer).length, layer).toBeGreaterThan(0);
      expect(leaving(layer, allowed)).toEqual([]);
    });

  it("covers every layer of src/ and the fake", () => {
    expect([...new Set(all.map((f) => layerOf(f.path)))].sort()).toEqual(
      Object.keys(MAY_IMPORT).sort()
    );
  });

  it("the surfaces reach other layers only through each layer's index.ts", () => {
    for (const surface of SURFACES.filter((s) => s !== "ribbon")) {
      expect(pastIndex(surface), surface).toEqual([]);
    }
    // the ribbon's function file loads only the host's readiness signal, to stay a tiny bundle
    expect(pastIndex("ribbon")).toEqual(["ribbon/ribbon.ts → excel/host"]);
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
  it("tells an import through a layer's index.ts from one past it", () => {
    expect(["run", "core", "excel/index"].every(viaIndex)).toBe(true);
    expect(["sheet/plan", "xlsx/doctor", "core/explain", "core/explain/index"].some(viaIndex)).toBe(
      false
    );
  });

  it("puts the fake in its own layer and a src/ file in its folder's", () => {
    expect(layerOf("../fake-excel/objects")).toBe("fake-excel");
    expect(layerOf("taskpane/run-tab")).toBe("taskpane");
  });

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
