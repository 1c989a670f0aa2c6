/**
 * The streamed writer: the same workbook whether collected in memory, handed out chunk by chunk or
 * compressed by Node's zlib (chunks deflated independently and concatenated), and a reader we did
 * not write (exceljs, through JSZip's inflater) opens the zlib file to the same formulas and values.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  writeWorkbookFile,
  writeWorkbookNode,
  zlibCrc32,
  zlibDeflate,
} from "../../../src/cli/workbook-file";
import { formulaAt } from "../../../src/sheet/address";
import { writeWorkbook } from "../../../src/xlsx";
import { writeWorkbookTo } from "../../../src/xlsx/write-workbook";
import { esc } from "../../../src/xlsx/xml";
import { sgdPlan, sgdWorkbook, TABLE_ROW } from "../../helpers/sgd-plan";
import { parts, reopen } from "../../helpers/xlsx-file";

// Enough steps for the worksheet's XML to span several 1M-character chunks.
const STEPS = 6000;
const created = new Date("2026-01-02T03:04:05Z");
const plan = sgdWorkbook({ steps: STEPS });

describe("writeWorkbookTo", () => {
  it("hands out, chunk by chunk, exactly the bytes writeWorkbook returns", () => {
    const chunks: Uint8Array[] = [];
    writeWorkbookTo(plan, (b) => chunks.push(b), { created });
    expect(chunks.length).toBeGreaterThan(10);
    expect(Buffer.concat(chunks).equals(Buffer.from(writeWorkbook(plan, { created })))).toBe(true);
  });
});

describe("the workbook compressed by zlib", () => {
  const zlibBytes = writeWorkbookNode(plan, { created });

  it("holds the same parts, byte for byte, as the one compressed by fflate", () => {
    const sheet = parts(zlibBytes)["xl/worksheets/sheet1.xml"];
    expect(sheet.length).toBeGreaterThan(3 << 20);
    expect(parts(zlibBytes)).toEqual(parts(writeWorkbook(plan, { created })));
  });

  it("opens in exceljs with every step's formula and cached value", async () => {
    const p = sgdPlan({ steps: STEPS });
    const ws = (await reopen(zlibBytes)).getWorksheet("Run")!;
    for (const [j, col] of p.tables[0].columns.entries()) {
      if (!col.formula) continue;
      for (const i of [0, 1, 2, 2999, 3000, STEPS - 1]) {
        const cell = ws.getCell(TABLE_ROW + 2 + i, j + 1);
        expect(`=${cell.formula}`, `${col.key} row ${i}`).toBe(formulaAt(col.formula, i));
        expect(cell.result).toBe(col.cached![i]);
      }
    }
  });

  it("is what writeWorkbookFile streams to disk", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradsheet-stream-"));
    try {
      const file = join(dir, "run.xlsx");
      const n = writeWorkbookFile(plan, file, { created });
      expect(n).toBe(zlibBytes.length);
      expect(readFileSync(file).equals(Buffer.from(zlibBytes))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves an existing file as it was, and no partial file, when writing fails midway", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradsheet-stream-"));
    try {
      const file = join(dir, "run.xlsx");
      writeFileSync(file, "old");
      const bad = sgdWorkbook({ steps: STEPS });
      const column = bad.sheets[0].tables[0].columns.find((c) => c.formula)!;
      column.cached = column.cached!.slice(0, STEPS - 1); // the last step's value is missing
      expect(() => writeWorkbookFile(bad, file)).toThrow(/has no cached value/);
      expect(readFileSync(file, "utf8")).toBe("old");
      expect(readdirSync(dir)).toEqual(["run.xlsx"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!zlibCrc32)("gives each entry zlib's CRC-32, the same file as with fflate's", () => {
    const withFflateCrc = writeWorkbook(plan, { created, deflate: zlibDeflate });
    expect(Buffer.from(zlibBytes).equals(Buffer.from(withFflateCrc))).toBe(true);
    // and the option is the one used: a wrong CRC-32 gives another file
    const wrong = writeWorkbook(plan, { created, deflate: zlibDeflate, crc32: () => 0 });
    expect(Buffer.from(wrong).equals(Buffer.from(withFflateCrc))).toBe(false);
  });

  it("ends each chunk but the last without the final-block bit, so the chunks concatenate", () => {
    const text = new TextEncoder().encode("<row/>".repeat(1000));
    const joined = Buffer.concat([
      zlibDeflate(text, false, 6),
      zlibDeflate(text, false, 1),
      zlibDeflate(text, true, 9),
    ]);
    expect(inflateRawSync(joined).toString()).toBe("<row/>".repeat(3000));
  });
});

describe("esc", () => {
  it("keeps surrogate pairs, drops lone surrogates and control characters, and escapes markup", () => {
    expect(esc("a\u{1F600}b")).toBe("a\u{1F600}b");
    expect(esc("x\ud800y\udc00z\u0001\ufffe")).toBe("xyz");
    expect(esc("\udc00\ud800\udc00\ud800")).toBe("\ud800\udc00");
    expect(esc('<a href="1">&</a>')).toBe("&lt;a href=&quot;1&quot;&gt;&amp;&lt;/a&gt;");
    expect(esc("plain text √SSE")).toBe("plain text √SSE");
  });
});
