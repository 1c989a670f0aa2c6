#!/usr/bin/env node
/**
 * Draws GradSheet's icons (assets/icon-16/32/64/80/128.png) with no image library: a green rounded
 * tile, a white loss curve falling from top left, and the descent steps as dots on it.
 * Supersampled 4×4 per pixel for smooth edges; PNG written with node:zlib.
 */
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The loss curve in unit coordinates (0..1, y down): high at the left, flattening at the bottom right. */
const curve = (u) => 0.2 + (0.56 * (1 - Math.exp(-4.5 * u))) / (1 - Math.exp(-4.5));
const point = (u) => [0.2 + 0.62 * u, curve(u)];
const steps = [0.0, 0.14, 0.32, 0.58, 0.9];
function distToCurve(x, y) {
  let best = Infinity;
  for (let i = 0; i <= 200; i++) {
    const u = i / 200;
    const [px, py] = point(u);
    best = Math.min(best, Math.hypot(x - px, y - py));
  }
  return best;
}
function sample(x, y, size) {
  // Rounded tile.
  const r = 0.2,
    m = 0.03;
  const dx = Math.max(m + r - x, 0, x - (1 - m - r)),
    dy = Math.max(m + r - y, 0, y - (1 - m - r));
  if (Math.hypot(dx, dy) > r) return [0, 0, 0, 0];
  const tile = [16, 124, 65, 255]; // Excel green #107C41
  const line = Math.max(0.055, 1.4 / size);
  for (const s of steps) {
    const [px, py] = point(s);
    if (Math.hypot(x - px, y - py) < line * 1.25) return [255, 255, 255, 255];
  }
  if (distToCurve(x, y) < line / 2) return [220, 240, 228, 255];
  // Axis: a faint baseline.
  if (Math.abs(y - 0.84) < line / 3 && x > 0.16 && x < 0.86) return [120, 190, 150, 255];
  return tile;
}
function draw(size) {
  const S = 4;
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = sample((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size, size);
          for (let k = 0; k < 3; k++) acc[k] += c[k] * c[3];
          acc[3] += c[3];
        }
      const i = (py * size + px) * 4;
      const a = acc[3] / (S * S);
      for (let k = 0; k < 3; k++) buf[i + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
      buf[i + 3] = Math.round(a);
    }
  return png(size, buf);
}

mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(join(out, `icon-${size}.png`), draw(size));
  console.log(`assets/icon-${size}.png`);
}
