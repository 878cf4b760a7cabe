// Draws Admit's icon (a white check on an aubergine rounded square) and writes the PNG set and
// the .icns to resources/, with nothing but zlib. Run: node build/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const out = path.join(import.meta.dirname, '..', 'resources');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks need it. */
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** Encodes RGBA pixels as a PNG. */
const encodePng = (size, rgba) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const segmentDistance = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

/** Coverage-sampled colour of one point of the unit square: transparent, aubergine, or white. */
const sample = (x, y) => {
  // macOS grid: the shape fills 824/1024 of the canvas, corners of radius 0.225 of the shape.
  const inset = 100 / 1024;
  const radius = 0.225 * (1 - 2 * inset);
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
  if (Math.hypot(qx, qy) > radius) return null;
  const check = [
    [0.3, 0.52],
    [0.44, 0.66],
    [0.71, 0.37],
  ];
  const stroke = Math.min(
    segmentDistance(x, y, check[0], check[1]),
    segmentDistance(x, y, check[1], check[2]),
  );
  if (stroke < 0.045) return [255, 255, 255];
  const t = y; // top-to-bottom gradient
  return [
    Math.round(0x61 + (0x3f - 0x61) * t),
    Math.round(0x1f + (0x0e - 0x1f) * t),
    Math.round(0x69 + (0x40 - 0x69) * t),
  ];
};

/** Renders the icon at `size` pixels with 4×4 supersampling. */
const renderIcon = (size) => {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0)
        rgba.set(
          [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (n * n))],
          i,
        );
    }
  }
  return encodePng(size, rgba);
};

/** An .icns made of PNG entries (macOS 10.7+). */
const encodeIcns = (pngsBySize) => {
  const types = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const entries = Object.entries(types)
    .filter(([size]) => pngsBySize.has(Number(size)))
    .map(([size, type]) => {
      const png = pngsBySize.get(Number(size));
      const head = Buffer.alloc(8);
      head.write(type, 0, 'ascii');
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
};

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((size) => [size, renderIcon(size)]));
mkdirSync(path.join(out, 'icons'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), png);
writeFileSync(path.join(out, 'icon.png'), pngs.get(1024));
writeFileSync(path.join(out, 'icon.icns'), encodeIcns(pngs));
console.log(`wrote ${sizes.length} PNGs, icon.png and icon.icns to ${out}`);
