import { unzipSync, zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { diagnoseFile, DoctorInputError, fixFile } from "../../../src/xlsx/doctor";
import { readChart } from "../../../src/xlsx/doctor/chart-read";
import { parseXml } from "../../../src/xlsx/doctor/xml";
import { crc32, readZip } from "../../../src/xlsx/doctor/zip";
import { expectOnlyChartsChanged } from "./package-diff";
import { buildWorkbook, errorByEpochBook, forumBook, secondaryBook } from "./workbooks";

/**
 * A zip written the way streaming writers do: general-purpose flag bit 3, zero sizes in the local
 * headers, and a data descriptor after each entry's (stored) data.
 */
function streamedZip(files: Record<string, Uint8Array>): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = enc.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0008, true);
    const desc = new DataView(new ArrayBuffer(16));
    desc.setUint32(0, 0x08074b50, true);
    desc.setUint32(4, crc, true);
    desc.setUint32(8, data.length, true);
    desc.setUint32(12, data.length, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x0008, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, data.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, n.length, true);
    cd.setUint32(42, offset, true);
    local.setUint16(26, n.length, true);
    parts.push(new Uint8Array(local.buffer), n, data, new Uint8Array(desc.buffer));
    central.push(new Uint8Array(cd.buffer), n);
    offset += 30 + n.length + data.length + 16;
  }
  const cdSize = central.reduce((k, c) => k + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, Object.keys(files).length, true);
  end.setUint16(10, Object.keys(files).length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

const chartOf = (bytes: Uint8Array) => {
  const xml = new TextDecoder().decode(unzipSync(bytes)["xl/charts/chart1.xml"]);
  return { xml, model: readChart(parseXml(xml), "xl/charts/chart1.xml")!.model };
};

describe("diagnoseFile", () => {
  it("reads the forum's workbook: a line chart with typed-in categories 1..21 over x cells −80..120", () => {
    const { model, findings } = diagnoseFile(buildWorkbook(forumBook()));
    expect(model.charts).toHaveLength(1);
    const [chart] = model.charts;
    expect(chart).toMatchObject({
      id: "xl/charts/chart1.xml",
      name: "Chart 1",
      sheet: "Sheet1",
      title: "y = 2x + 30",
      type: "line",
    });
    expect(chart.series[0]).toMatchObject({
      name: "y",
      nameSource: { kind: "ref", ref: "Sheet1!$B$1" },
      y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
      color: "1F77B4",
      axisGroup: "primary",
    });
    expect(chart.series[0].x).toEqual({
      kind: "literal",
      values: Array.from({ length: 21 }, (_, i) => i + 1),
    });
    expect(chart.axes.map((a) => [a.direction, a.kind, a.title])).toEqual([
      ["horizontal", "category", "x"],
      ["vertical", "value", "y"],
    ]);
    expect(model.sheets[0].values[0]).toEqual(["x", "y"]); // shared strings
    expect(model.sheets[0].values[1]).toEqual([-80, -130]);
    expect(model.calcMode).toBe("automatic");
    expect(findings.map((f) => [f.code, f.fixable])).toEqual([["literal-categories", true]]);
  });

  it("reads a visible but untitled secondary axis as one the reader cannot read", () => {
    const { model, findings } = diagnoseFile(buildWorkbook(secondaryBook()));
    const axis = model.charts[0].axes.find(
      (a) => a.group === "secondary" && a.direction === "vertical"
    );
    expect(axis).toMatchObject({ visible: true });
    expect(axis?.title).toBeUndefined();
    expect(findings[0].explanation).toContain("untitled");
  });

  it("reads a hidden secondary axis and reports it and the rescaling", () => {
    const { model, findings } = diagnoseFile(buildWorkbook(secondaryBook({ hidden: true })));
    expect(model.charts[0].series.map((s) => s.axisGroup)).toEqual(["primary", "secondary"]);
    expect(
      model.charts[0].axes.find((a) => a.group === "secondary" && a.direction === "vertical")
        ?.visible
    ).toBe(false);
    expect(findings.map((f) => f.code)).toEqual([
      "secondary-axis-hidden",
      "secondary-axis-rescaled",
    ]);
  });

  it("reads graddesc's Error by epoch chart with no categories as a note: its epochs count 1..n by design", () => {
    const { findings } = diagnoseFile(buildWorkbook(errorByEpochBook()));
    expect(findings.map((f) => [f.code, f.severity, f.fixable])).toEqual([
      ["absent-categories", "note", false],
    ]);
  });

  it("reads inline strings, formula text, booleans, errors (as gaps) and rows without r attributes", () => {
    const files = unzipSync(buildWorkbook(forumBook()));
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    const patched = sheet
      .replace(
        /<row r="1">.*?<\/row>/,
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="str"><f>"y"</f><v>y</v></c></row>'
      )
      .replace(/<row r="2">.*?<\/row>/, '<row><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c></row>');
    files["xl/worksheets/sheet1.xml"] = strToU8(patched);
    const { model } = diagnoseFile(zipSync(files));
    expect(model.sheets[0].values.slice(0, 3)).toEqual([
      ["x", "y"],
      [null, true],
      [-70, -110],
    ]);
  });

  it("finds a chart on its own chart sheet, reading its data from the data sheet", () => {
    const input = buildWorkbook({ ...forumBook(), chartSheet: true });
    const { model, findings } = diagnoseFile(input);
    expect(model.charts.map((c) => [c.sheet, c.type])).toEqual([["Chart1", "line"]]);
    expect(findings.map((f) => [f.code, f.fixable])).toEqual([["literal-categories", true]]);
    const r = fixFile(input);
    expectOnlyChartsChanged(input, r.bytes, r.changedParts);
    expect(r.remaining).toEqual([]);
  });

  it("reads manual calculation from workbook.xml", () => {
    const { findings } = diagnoseFile(buildWorkbook(forumBook({ calcMode: "manual" })));
    expect(findings.map((f) => f.code)).toContain("manual-calculation");
  });
});

describe("fixFile", () => {
  it("turns the forum's chart into a scatter chart linked to the x cells, changing only the chart part (macros included)", () => {
    const input = buildWorkbook(forumBook({ macro: true }));
    const copy = input.slice();
    const r = fixFile(input);
    expect(Buffer.from(input).equals(Buffer.from(copy))).toBe(true); // input untouched
    expect(r.changedParts).toEqual(["xl/charts/chart1.xml"]);
    expectOnlyChartsChanged(input, r.bytes, r.changedParts);
    expect(r.remaining).toEqual([]);
    const { xml, model } = chartOf(r.bytes);
    expect(model.type).toBe("scatter");
    expect(model.series[0]).toMatchObject({
      name: "y",
      color: "1F77B4",
      x: { kind: "ref", ref: "Sheet1!$A$2:$A$22" },
      y: { kind: "ref", ref: "Sheet1!$B$2:$B$22" },
    });
    expect(model.axes.map((a) => [a.direction, a.kind, a.title])).toEqual([
      ["horizontal", "value", "x"],
      ["vertical", "value", "y"],
    ]);
    expect(xml).not.toContain("c:lineChart");
    expect(xml).not.toContain("c:catAx");
    expect(xml).toContain('<c:pt idx="0"><c:v>-80</c:v></c:pt>');
    expect(xml).toContain("<a:t>y = 2x + 30</a:t>");
  });

  it("never writes into the caller's bytes, even when they are a Node Buffer sharing memory", () => {
    const pool = Buffer.alloc(50_000, 7);
    const book = buildWorkbook(forumBook({ macro: true }));
    book.forEach((b, i) => (pool[1000 + i] = b));
    const input = pool.subarray(1000, 1000 + book.length);
    const before = Buffer.from(pool);
    const r = fixFile(input);
    expect(pool.equals(before)).toBe(true);
    expectOnlyChartsChanged(book, r.bytes, r.changedParts);
  });

  it("copies entries that carry data descriptors (streaming writers) byte for byte", () => {
    const input = streamedZip(unzipSync(buildWorkbook(forumBook({ macro: true }))));
    const r = fixFile(input);
    expect(r.changedParts).toEqual(["xl/charts/chart1.xml"]);
    expectOnlyChartsChanged(input, r.bytes, r.changedParts);
    expect(chartOf(r.bytes).model.type).toBe("scatter");
  });

  it("moves the secondary series back to the primary axis and removes the hidden axes", () => {
    const input = buildWorkbook(secondaryBook({ hidden: true }));
    const r = fixFile(input);
    expectOnlyChartsChanged(input, r.bytes, r.changedParts);
    const { xml, model } = chartOf(r.bytes);
    expect(model.series.map((s) => [s.name, s.axisGroup, s.color])).toEqual([
      ["target", "primary", "1F77B4"],
      ["prediction", "primary", "2CA02C"],
    ]);
    expect(model.axes).toHaveLength(2);
    expect(xml.match(/<c:scatterChart>/g)).toHaveLength(1);
    expect(r.remaining).toEqual([]);
  });

  it("merges a line chart's secondary line group into the primary scatter group", () => {
    const spec = forumBook();
    spec.rows = spec.rows.map((row, i) =>
      i === 0 ? [...row, "pred"] : [...row, 2.5 * (row[0] as number) + 10]
    );
    spec.chart.series.push({
      name: "pred",
      x: { lit: Array.from({ length: 21 }, (_, i) => i + 1) },
      y: { ref: "Sheet1!$C$2:$C$22", values: [] },
      color: "2CA02C",
      secondary: true,
    });
    spec.chart.secondaryAxis = { deleted: false };
    const r = fixFile(buildWorkbook(spec));
    expect(r.findings.map((f) => f.code)).toEqual([
      "literal-categories",
      "secondary-axis-hidden",
      "secondary-axis-rescaled",
    ]);
    const { xml, model } = chartOf(r.bytes);
    expect(model.series.map((s) => [s.name, s.axisGroup, s.x.kind === "ref" && s.x.ref])).toEqual([
      ["y", "primary", "Sheet1!$A$2:$A$22"],
      ["pred", "primary", "Sheet1!$A$2:$A$22"],
    ]);
    expect(xml.match(/<c:scatterChart>/g)).toHaveLength(1);
    expect(xml.match(/<c:valAx>/g)).toHaveLength(2);
    expect(xml).not.toContain("c:catAx");
    expect(r.remaining).toEqual([]);
  });

  it.each([true, false])(
    "leaves graddesc's Error by epoch chart as it is (epoch column: %s): only a note remains",
    (epochs) => {
      const input = buildWorkbook(errorByEpochBook(epochs));
      const r = fixFile(input);
      expect(r.changedParts).toEqual([]);
      expect(Buffer.from(r.bytes).equals(Buffer.from(input))).toBe(true);
      expect(r.skipped).toEqual([]);
      expect(r.remaining.map((f) => [f.code, f.severity])).toEqual([["absent-categories", "note"]]);
    }
  );

  it("does not change workbook.xml for manual calculation, and says so", () => {
    const input = buildWorkbook(forumBook({ calcMode: "manual" }));
    const r = fixFile(input);
    expect(r.changedParts).toEqual(["xl/charts/chart1.xml"]);
    expect(r.skipped.map((s) => s.code)).toEqual(["manual-calculation"]);
    expect(r.remaining.map((f) => f.code)).toEqual(["manual-calculation"]);
  });

  it("switches a log axis over negative values to linear", () => {
    const spec = secondaryBook();
    spec.chart.series = [spec.chart.series[0]];
    spec.chart.logY = true;
    const r = fixFile(buildWorkbook(spec));
    expect(r.applied.map((a) => a.code)).toEqual(["log-axis-nonpositive"]);
    expect(chartOf(r.bytes).xml).not.toContain("c:logBase");
    expect(r.remaining).toEqual([]);
  });
});

describe("bad input", () => {
  const reject = (bytes: Uint8Array, msg: RegExp) => {
    expect(() => diagnoseFile(bytes)).toThrow(DoctorInputError);
    expect(() => diagnoseFile(bytes)).toThrow(msg);
  };

  const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)];
  const utf16 = (s: string) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]);

  it("rejects a password-protected (encrypted OLE) file with one clear message", () => {
    reject(Uint8Array.from([...OLE, ...utf16("EncryptedPackage")]), /password-protected/);
  });

  it("calls any other OLE2 compound file an old .xls (or other binary Office) file, not an encrypted one", () => {
    for (const stream of ["Workbook", "WordDocument", ""])
      reject(
        Uint8Array.from([...OLE, ...utf16(stream)]),
        /^the file is an old \.xls \(or other binary Office\) file: save it as \.xlsx/
      );
  });

  it("refuses a Word document renamed .xlsx as not an Excel workbook", () => {
    const files = unzipSync(buildWorkbook(forumBook()));
    const word = zipSync({
      "_rels/.rels": strToU8(
        new TextDecoder()
          .decode(files["_rels/.rels"])
          .replace("xl/workbook.xml", "word/document.xml")
      ),
      "word/document.xml": strToU8(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
      ),
    });
    reject(
      word,
      /^the file is a zip but not an Excel workbook \(its main part word\/document\.xml is <w:document>/
    );
    reject(
      zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet") }),
      /not an Excel workbook \(it has no workbook part\)/
    );
  });

  it("reports a part the relationships name but the zip lacks, naming both", () => {
    for (const missing of [
      "xl/worksheets/sheet1.xml",
      "xl/drawings/drawing1.xml",
      "xl/charts/chart1.xml",
      "xl/sharedStrings.xml",
      "xl/workbook.xml",
    ]) {
      const files = unzipSync(buildWorkbook(forumBook()));
      delete files[missing];
      reject(
        zipSync(files),
        new RegExp(
          `^the workbook is damaged \\(.*\\.rels: it names the part ${missing.replace(/\./g, "\\.")}, which the file does not hold\\)$`
        )
      );
    }
  });

  it("rejects text, a truncated zip and a zip that is not a workbook", () => {
    reject(strToU8("x,y\n1,2\n"), /not a zip archive/);
    const book = buildWorkbook(forumBook());
    reject(book.slice(0, book.length - 40), /damaged/);
    reject(zipSync({ "hello.txt": strToU8("hi") }), /not an Excel workbook/);
  });

  it("rejects a workbook whose chart part is not well-formed XML", () => {
    const files = unzipSync(buildWorkbook(forumBook()));
    files["xl/charts/chart1.xml"] = strToU8("<c:chartSpace><c:chart>");
    reject(zipSync(files), /damaged \(xl\/charts\/chart1.xml/);
  });

  it("rejects a zip entry whose bytes fail their checksum", () => {
    const book = buildWorkbook(forumBook());
    const zip = readZip(book);
    const e = zip.entries.find((x) => x.name === "xl/workbook.xml")!;
    const bad = book.slice();
    bad[e.dataOffset + 5] ^= 0xff;
    reject(bad, /damaged/);
  });
});
