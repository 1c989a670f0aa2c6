/**
 * Open an .xlsx file in the fake, as a user opens an exported workbook in Excel: sheets, cell
 * constants and formulas, defined names (workbook or sheet scope) and custom XML parts.
 * Styles and charts are not read (the recognition of runs needs none of them).
 */
import { strFromU8, unzipSync } from "fflate";
import { createFakeExcel, type FakeExcel } from "./index";
import { parseRangeA1 } from "../src/sheet/address";
import { parseAddress } from "./objects";
import { cellKey } from "./state";

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** A fake Excel whose workbook is the .xlsx `bytes`. */
export function openXlsx(
  bytes: Uint8Array,
  opts: Parameters<typeof createFakeExcel>[0] = {}
): FakeExcel {
  const files = unzipSync(bytes);
  const text = (path: string) => (files[path] ? strFromU8(files[path]) : "");
  const workbook = text("xl/workbook.xml");
  const rels = new Map(
    [...text("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attr(m[0], "Id"),
      attr(m[0], "Target"),
    ])
  );
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescape(attr(m[0], "name")!),
    target: rels.get(attr(m[0], "r:id"))!,
  }));
  const shared = [...text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""))
  );
  const fake = createFakeExcel({ ...opts, sheets: sheets.map((s) => s.name) });
  sheets.forEach((s, i) => {
    const cells = fake.state.sheets[i].cells;
    const xml = text(`xl/${s.target.replace(/^\/?xl\//, "")}`);
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = parseAddress(s.name, attr(m[1], "r")!);
      const body = m[2] ?? "";
      const f = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const t = attr(m[1], "t");
      const cell = { format: {} } as {
        format: Record<string, unknown>;
        formula?: string;
        value?: string | number | boolean;
      };
      if (f !== undefined) cell.formula = `=${unescape(f)}`;
      else if (v !== undefined)
        cell.value =
          t === "s"
            ? shared[Number(v)]
            : t === "str" || t === "e"
              ? unescape(v)
              : t === "b"
                ? v === "1"
                : Number(v);
      else continue;
      cells.set(cellKey(ref.row, ref.col), cell);
    }
  });
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const local = attr(m[1], "localSheetId");
    const target = unescape(m[2]);
    // One area is a range; anything else (a print area's union, a constant) is kept as its formula.
    const ref = parseRangeA1(target);
    fake.state.names.push({
      name: attr(m[1], "name")!,
      scopeSheetId: local === undefined ? null : fake.state.sheets[Number(local)].id,
      ref,
      ...(ref ? {} : { formula: `=${target}` }),
      visible: attr(m[1], "hidden") !== "1",
    });
  }
  for (const path of Object.keys(files).filter((p) => /^customXml\/item\d+\.xml$/.test(p)))
    fake.state.customXmlParts.push({ id: `{${path}}`, xml: text(path) });
  return fake;
}
