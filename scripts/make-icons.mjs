// Draws the toolbar icon (two facing panels: a claim and its answer) as PNGs at the sizes the
// manifest lists. Run once with `node scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Coverage of a rounded rectangle, antialiased over one pixel.
const roundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  const d = Math.hypot(x - cx, y - cy) - r;
  return Math.min(1, Math.max(0, 0.5 - d));
};

const LEFT = [0xc2, 0x41, 0x0c]; // the claim: warm
const RIGHT = [0x1d, 0x4e, 0xd8]; // the answer: cool
function pixel(x, y, s) {
  const u = s / 16;
  const a = roundRect(x, y, 1 * u, 2 * u, 7.5 * u, 13 * u, 1.5 * u);
  const b = roundRect(x, y, 8.5 * u, 3 * u, 15 * u, 14 * u, 1.5 * u);
  if (b > 0) return [...RIGHT, Math.round(255 * b)];
  if (a > 0) return [...LEFT, Math.round(255 * a)];
  return [0, 0, 0, 0];
}

for (const size of [16, 32, 48, 128])
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size, pixel));
