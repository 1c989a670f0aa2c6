/**
 * `npm run bench` (tsx bench/run.ts [name ...]): runs every benchmark module in bench/ and prints
 * each one's table, then ONE JSON line `{"bench": {...machine}, "results": {name: json}, "targets": [...]}`.
 *
 * Convention: a benchmark is a file bench/<name>.ts (not run.ts; shared helpers live in bench/lib/) that exports
 *   export async function bench(): Promise<BenchResult>   // BenchResult from ./lib/types
 * It returns its table (plain text), its figures as JSON, and the targets it checked. Targets are
 * reported, not enforced: a missed target does not change the exit code; a throwing module does
 * (exit 1, after the others have run). Give names to run only those modules: `npm run bench -- core`.
 */
import { readdirSync } from "node:fs";
import { cpus } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchResult } from "./lib/types";

const SKIP = new Set(["run.ts"]);

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !SKIP.has(f))
    .filter((f) => !only.length || only.includes(basename(f, ".ts")))
    .sort();
  const results: Record<string, unknown> = {};
  const targets: { bench: string; what: string; met: boolean }[] = [];
  let failed = 0;
  for (const f of files) {
    const name = basename(f, ".ts");
    try {
      const mod = (await import(pathToFileURL(join(__dirname, f)).href)) as {
        bench?: () => Promise<BenchResult>;
      };
      if (typeof mod.bench !== "function")
        throw new Error(`bench/${f} exports no bench() function`);
      const r = await mod.bench();
      process.stdout.write(`== ${r.name}\n${r.table.trimEnd()}\n`);
      for (const t of r.targets ?? []) {
        targets.push({ bench: r.name, ...t });
        process.stdout.write(`target ${t.met ? "met   " : "MISSED"} ${t.what}\n`);
      }
      process.stdout.write("\n");
      results[r.name] = r.json;
    } catch (e) {
      failed++;
      process.stdout.write(`== ${name}\nFAILED: ${(e as Error).message}\n\n`);
      results[name] = { error: (e as Error).message };
    }
  }
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cpus: cpus().length,
    date: new Date().toISOString(),
  };
  process.stdout.write(JSON.stringify({ bench: machine, results, targets }) + "\n");
  return failed ? 1 : 0;
}

main().then((code) => (process.exitCode = code));
