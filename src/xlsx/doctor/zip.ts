/**
 * Just enough ZIP to rewrite a workbook while leaving every untouched entry's bytes alone: the
 * central directory is read directly, unchanged entries are copied as their raw local records
 * (header, compressed data, data descriptor), and only replaced entries are deflated anew with
 * fflate. Timestamps, flags, extra fields, comments and macro parts stay exactly as they were.
 */
import { concatBytes } from "../bytes";
import { crc32 as jsCrc32 } from "../crc32";
import { codec, InflateLimit } from "./codec";

export { InflateLimit, useInflater, useZipCodec, type RawInflate } from "./codec";

/** A file the doctor cannot read: wrong format, encrypted, damaged. The CLI prints it as one line. */
export class DoctorInputError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localOffset: number;
  /** Offset of the compressed data. */
  dataOffset: number;
  /** The raw central directory record (header, name, extra, comment). */
  central: Uint8Array;
}

export interface ZipArchive {
  bytes: Uint8Array;
  /** Bytes inflated from this archive so far (at most MAX_INFLATED_TOTAL). */
  inflated: number;
  entries: ZipEntry[];
  /** Offset of the central directory (the end of the last local record). */
  centralOffset: number;
  /** The archive comment from the end record. */
  comment: Uint8Array;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/**
 * An OLE2 compound file is either an old binary Office file (.xls, .doc) or an encrypted OOXML
 * file, whose directory holds a stream named "EncryptedPackage" (MS-OFFCRYPTO 2.3.4.4).
 */
function encryptedPackage(bytes: Uint8Array): boolean {
  const name = "EncryptedPackage";
  const limit = Math.min(bytes.length, 64 * 1024 * 1024) - name.length * 2;
  outer: for (let o = 0; o <= limit; o++) {
    for (let k = 0; k < name.length; k++)
      if (bytes[o + 2 * k] !== name.charCodeAt(k) || bytes[o + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Read the directory of a zip. Throws DoctorInputError for anything that is not a plain, unencrypted zip. */
export function readZip(input: Uint8Array): ZipArchive {
  // A plain view: Node Buffers' slice() shares memory, and edits must never reach the input.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length >= 4 && u32(bytes, 0) === 0xe011cfd0)
    throw new DoctorInputError(
      encryptedPackage(bytes)
        ? "the file is password-protected (an encrypted Office file); remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password) and try again"
        : "the file is an old .xls (or other binary Office) file: save it as .xlsx in Excel (File > Save As > Excel Workbook)"
    );
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50)
    throw new DoctorInputError("the file is not an .xlsx/.xlsm workbook (it is not a zip archive)");
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(bytes, o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0)
    throw new DoctorInputError(
      "the workbook is damaged (its zip directory is missing; the file may be truncated)"
    );
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  const commentLength = u16(bytes, eocd + 20);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new DoctorInputError("ZIP64 workbooks are not supported");
  if (cdOffset + cdSize > eocd)
    throw new DoctorInputError(
      "the workbook is damaged (its zip directory points outside the file)"
    );
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const records = new Set<number>();
  let o = cdOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50)
      throw new DoctorInputError("the workbook is damaged (bad zip directory record)");
    const flags = u16(bytes, o + 8);
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    const commentLen = u16(bytes, o + 32);
    const localOffset = u32(bytes, o + 42);
    const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    if (flags & 1)
      throw new DoctorInputError(
        `the workbook is damaged or encrypted (zip entry ${name} is encrypted)`
      );
    if (localOffset + 30 > cdOffset || u32(bytes, localOffset) !== 0x04034b50)
      throw new DoctorInputError(`the workbook is damaged (zip entry ${name} has no local header)`);
    // OPC: a part name appears once, compared without regard to ASCII case.
    const key = name.toLowerCase();
    if (names.has(key))
      throw new DoctorInputError(
        `the workbook is damaged (two zip entries are named ${name}; a package holds each part once)`
      );
    names.add(key);
    if (records.has(localOffset))
      throw new DoctorInputError(
        `the workbook is damaged (zip entry ${name} shares its data with another entry)`
      );
    records.add(localOffset);
    const dataOffset =
      localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    const end = o + 46 + nameLength + extraLength + commentLen;
    entries.push({
      name,
      method: u16(bytes, o + 10),
      flags,
      crc: u32(bytes, o + 16),
      compressedSize: u32(bytes, o + 20),
      size: u32(bytes, o + 24),
      localOffset,
      dataOffset,
      central: bytes.slice(o, end),
    });
    if (dataOffset + entries[entries.length - 1].compressedSize > cdOffset)
      throw new DoctorInputError(
        `the workbook is damaged (zip entry ${name} runs past the end of the data)`
      );
    o = end;
  }
  return {
    bytes,
    inflated: 0,
    entries,
    centralOffset: cdOffset,
    comment: bytes.slice(eocd + 22, eocd + 22 + commentLength),
  };
}

/** The most one part may inflate to (256 MiB): more is refused as soon as it is produced. */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** The most all the parts read from one archive may inflate to together (1 GiB). */
export const MAX_INFLATED_TOTAL = 1024 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * The uncompressed bytes of an entry, checked against its size and CRC. Inflation is counted as
 * it goes, by the bytes actually produced: past the entry's stated size, past MAX_PART_BYTES, or
 * past MAX_INFLATED_TOTAL for the archive, it stops at once with a DoctorInputError.
 */
export function entryData(zip: ZipArchive, e: ZipEntry): Uint8Array {
  const raw = zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  const tooBig = (): DoctorInputError =>
    new DoctorInputError(
      `zip entry ${e.name} inflates to more than ${MAX_PART_BYTES / MIB} MiB, more than the doctor reads in one part`
    );
  const tooMuch = (): DoctorInputError =>
    new DoctorInputError(
      `the workbook's parts inflate to more than ${MAX_INFLATED_TOTAL / MIB} MiB in all, more than the doctor reads`
    );
  const liar = (): DoctorInputError =>
    new DoctorInputError(
      `the workbook is damaged (zip entry ${e.name} inflates to more than the ${e.size} bytes its directory states)`
    );
  if (e.size > MAX_PART_BYTES) throw tooBig();
  if (zip.inflated + e.size > MAX_INFLATED_TOTAL) throw tooMuch();
  let out: Uint8Array;
  if (e.method === 0) out = raw.slice();
  else if (e.method === 8) {
    try {
      out = codec.inflate(raw, e.size);
    } catch (err) {
      if (err instanceof InflateLimit) throw liar();
      throw new DoctorInputError(
        `the workbook is damaged (zip entry ${e.name} does not decompress)`
      );
    }
  } else
    throw new DoctorInputError(
      `zip entry ${e.name} uses compression method ${e.method}, which is not supported`
    );
  zip.inflated += out.length;
  if (out.length !== e.size || crc32(out) !== e.crc)
    throw new DoctorInputError(`the workbook is damaged (zip entry ${e.name} fails its checksum)`);
  return out;
}

/** The raw local record of an entry: from its local header to the start of the next record. */
export function rawRecord(zip: ZipArchive, e: ZipEntry): Uint8Array {
  let offsets = OFFSETS.get(zip);
  if (!offsets) {
    offsets = Float64Array.from(zip.entries, (x) => x.localOffset).sort();
    OFFSETS.set(zip, offsets);
  }
  let lo = 0;
  let hi = offsets.length; // the first offset above e's, by binary search
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid] <= e.localOffset) lo = mid + 1;
    else hi = mid;
  }
  const end = lo < offsets.length ? offsets[lo] : zip.centralOffset;
  return zip.bytes.subarray(e.localOffset, end);
}
const OFFSETS = /* @__PURE__ */ new WeakMap<ZipArchive, Float64Array>();

/**
 * A copy of the archive with some entries' contents replaced (by name). Every other entry is
 * copied as its original raw bytes; entry order and the archive comment are kept.
 */
export function rewriteZip(zip: ZipArchive, replace: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const order = [...zip.entries].sort((a, b) => a.localOffset - b.localOffset);
  for (const e of order) {
    const content = replace.get(e.name);
    const central = e.central.slice();
    const cv = new DataView(central.buffer, central.byteOffset, central.byteLength);
    cv.setUint32(42, offset, true);
    if (content === undefined) {
      const raw = rawRecord(zip, e);
      chunks.push(raw);
      centrals.push(central);
      offset += raw.length;
      continue;
    }
    const data = codec.deflate(content);
    const crc = crc32(content);
    const headerLength =
      30 + u16(zip.bytes, e.localOffset + 26) + u16(zip.bytes, e.localOffset + 28);
    const header = zip.bytes.slice(e.localOffset, e.localOffset + headerLength);
    const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const flags = e.flags & ~0x0008; // sizes are in the header now: no data descriptor
    hv.setUint16(4, Math.max(hv.getUint16(4, true), 20), true); // deflate needs "version 2.0 to extract"
    hv.setUint16(6, flags, true);
    hv.setUint16(8, 8, true);
    hv.setUint32(14, crc, true);
    hv.setUint32(18, data.length, true);
    hv.setUint32(22, content.length, true);
    cv.setUint16(6, Math.max(cv.getUint16(6, true), 20), true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, content.length, true);
    chunks.push(header, data);
    centrals.push(central);
    offset += header.length + data.length;
  }
  // Central records go in the original directory order.
  const byName = new Map(order.map((e, k) => [e.name, centrals[k]]));
  const dir = zip.entries.map((e) => byName.get(e.name)!);
  const dirSize = dir.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22 + zip.comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, dir.length, true);
  ev.setUint16(10, dir.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  ev.setUint16(20, zip.comment.length, true);
  end.set(zip.comment, 22);
  return concatBytes([...chunks, ...dir, end]);
}

/** CRC-32 (IEEE), as zip stores it: the codec's (zlib's in Node) or ../crc32's. */
export function crc32(data: Uint8Array): number {
  return codec.crc32 ? codec.crc32(data) >>> 0 : jsCrc32(data);
}
