/**
 * Output safe by construction (issue 23, fault 4): every command that writes a file writes a
 * temporary file beside it and renames it; a failure (a full disk) leaves nothing behind; an output
 * that is the input (same path, symlink, hard link) and a FIFO, device or folder are refused; a
 * package with two entries of one name is refused, so "byte-identical" is true whenever it is said.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { doctorCommand } from "../../../src/cli/commands/doctor";
import { exportCommand } from "../../../src/cli/commands/export";
import { main } from "../../../src/cli/main";
import { writeOutput } from "../../../src/cli/safe-file";
import { ConfigError } from "../../../src/core";
import { diagnoseFile, DoctorInputError } from "../../../src/xlsx/doctor";
import { crc32 } from "../../../src/xlsx/doctor/zip";
import { buildWorkbook, forumBook } from "./workbooks";

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) }, [
    doctorCommand,
    exportCommand,
  ]);
  return { code, out, err };
}

const hash = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "gradsheet-output-"));
}

function forumFile(dir: string): string {
  const p = join(dir, "forum.xlsx");
  writeFileSync(p, buildWorkbook(forumBook()));
  return p;
}

describe("an output that is the input", () => {
  it("is refused for --fix through a hard link, and the input is unchanged", async () => {
    const dir = freshDir();
    const input = forumFile(dir);
    const before = hash(input);
    linkSync(input, join(dir, "link.xlsx"));
    const r = await run("doctor", input, "--fix", join(dir, "link.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain(`is the input ${input}: name a new file`);
    expect(hash(input)).toBe(before);
  });

  it("is refused for --fix through a symlink and through the same path written differently", async () => {
    const dir = freshDir();
    const input = forumFile(dir);
    symlinkSync(input, join(dir, "sym.xlsx"));
    for (const out of [join(dir, "sym.xlsx"), join(dir, ".", "forum.xlsx")]) {
      const r = await run("doctor", input, "--fix", out);
      expect(r.code).toBe(2);
      expect(r.err).toContain("itself");
    }
  });
});

describe("inputs and outputs that are not files", () => {
  it("refuses a FIFO as the workbook without blocking on it", async () => {
    const dir = freshDir();
    const fifo = join(dir, "x.xlsx");
    execFileSync("mkfifo", [fifo]);
    const r = await run("doctor", fifo);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`gradsheet doctor: ${fifo} is a FIFO (named pipe), not a file.\n`);
  });

  it("refuses a folder as the workbook and as --fix, a FIFO as --data, a device as --out", async () => {
    const dir = freshDir();
    const input = forumFile(dir);
    mkdirSync(join(dir, "folder.xlsx"));
    expect((await run("doctor", join(dir, "folder.xlsx"))).err).toContain(
      "is a folder, not a file"
    );
    const fix = await run("doctor", input, "--fix", join(dir, "folder.xlsx"));
    expect(fix.err).toContain("it is a folder");
    const fifo = join(dir, "data.csv");
    execFileSync("mkfifo", [fifo]);
    const data = await run("export", "--data", fifo, "--out", join(dir, "o.xlsx"));
    expect(data.code).toBe(2);
    expect(data.err).toContain("is a FIFO (named pipe), not a file");
    symlinkSync("/dev/null", join(dir, "null.xlsx"));
    const dev = await run("export", "--out", join(dir, "null.xlsx"));
    expect(dev.code).toBe(2);
    expect(dev.err).toContain("it is a device");
  });
});

describe("writing an output", () => {
  it("leaves nothing behind when the disk fills up midway (no output, no temporary file)", () => {
    const dir = freshDir();
    const out = join(dir, "out.xlsx");
    const full = Object.assign(new Error("no space"), { code: "ENOSPC" });
    expect(() =>
      writeOutput(out, "out", (sink) => {
        sink(new Uint8Array(1000));
        throw full;
      })
    ).toThrow(new ConfigError("out", `Cannot write ${out}: ENOSPC (the disk is full).`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps an existing output as it was when writing fails", () => {
    const dir = freshDir();
    const out = join(dir, "out.xlsx");
    writeFileSync(out, "old");
    expect(() =>
      writeOutput(out, "out", () => {
        throw Object.assign(new Error("io"), { code: "EIO" });
      })
    ).toThrow(ConfigError);
    expect(readFileSync(out, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  it("writes export's workbook whole and leaves no temporary file", async () => {
    const dir = freshDir();
    const r = await run("export", "--out", join(dir, "run.xlsx"));
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["run.xlsx"]);
    expect(existsSync(join(dir, "run.xlsx"))).toBe(true);
  });
});

/** A stored zip of `files` in order, names as given (duplicates allowed). */
function storedZip(files: [string, Uint8Array][]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = enc.encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc32(data), true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint32(16, crc32(data), true);
    cd.setUint32(20, data.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, n.length, true);
    cd.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), n, data);
    central.push(new Uint8Array(cd.buffer), n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((k, c) => k + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((k, c) => k + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe("duplicate zip entries", () => {
  it("are refused (OPC holds each part once), whatever their case", async () => {
    const { unzipSync } = await import("fflate");
    const files = Object.entries(unzipSync(buildWorkbook(forumBook())));
    for (const dup of ["xl/styles.xml", "XL/Styles.xml"]) {
      const bytes = storedZip([...files, [dup, new TextEncoder().encode("<styleSheet/>")]]);
      let message = "";
      try {
        diagnoseFile(bytes);
      } catch (e) {
        if (e instanceof DoctorInputError) message = e.message;
      }
      expect(message).toBe(
        `the workbook is damaged (two zip entries are named ${dup}; a package holds each part once)`
      );
    }
  });
});
