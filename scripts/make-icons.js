/**
 * Draws the add-in's icons (assets/icon-*.png): a rounded teal tile with three rising bars and a
 * target line — "indicators against targets". Pure Node (zlib), so the icons can be redrawn
 * anywhere: `node scripts/make-icons.js`.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TEAL = [0, 120, 112, 255];
const WHITE = [255, 255, 255, 255];
const GOLD = [255, 196, 0, 255];
const CLEAR = [0, 0, 0, 0];

/** Icon variants: the tile, plus a check mark for 校验 and a plus for 插入模板. */
function tile(mark) {
  return (x, y) => {
    const r = 0.18, m = 0.04;
    const dx = Math.max(m + r - x, 0, x - (1 - m - r));
    const dy = Math.max(m + r - y, 0, y - (1 - m - r));
    if (x < m || y < m || x > 1 - m || y > 1 - m || dx * dx + dy * dy > r * r) return CLEAR;
    // target line
    if (y > 0.27 && y < 0.33 && x > 0.14 && x < 0.86) return GOLD;
    const bars = [[0.18, 0.36, 0.62], [0.42, 0.6, 0.45], [0.66, 0.84, 0.3]];
    for (const [x0, x1, top] of bars) if (x >= x0 && x < x1 && y >= top && y < 0.84) return WHITE;
    if (mark === 'check' && Math.abs(y - (0.95 - Math.abs(x - 0.3))) < 0.05 && x > 0.12 && x < 0.6) return GOLD;
    return TEAL;
  };
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size, tile()));
  fs.writeFileSync(path.join(out, `validate-${size}.png`), png(size, tile('check')));
}
console.log('icons written to', out);
