/**
 * Generated workbooks kept between bench runs (writing a 5,000-school table with ExcelJS takes
 * far longer than everything measured on it). Keyed by a hash of what decides their content, in
 * the OS temp directory; a changed generator or template makes a new key.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const DIR = path.join(os.tmpdir(), 'edu-indicators-bench-cache');

function keyOf(parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : JSON.stringify(p)).update('\u0000');
  return h.digest('hex').slice(0, 24);
}

/** The cached bytes for `parts`, or `make()`'s bytes (then cached). */
async function cachedBytes(name, parts, make) {
  const file = path.join(DIR, `${name}-${keyOf(parts)}.bin`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const bytes = await make();
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(`${file}.tmp${process.pid}`, bytes);
  fs.renameSync(`${file}.tmp${process.pid}`, file);
  return bytes;
}

/** Several files in one cache entry (a folder of returns), as an array of buffers. */
async function cachedFiles(name, parts, make) {
  const packed = await cachedBytes(name, parts, async () => {
    const files = await make();
    const header = Buffer.from(JSON.stringify(files.map((f) => f.length)));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    return Buffer.concat([len, header, ...files]);
  });
  const n = packed.readUInt32LE(0);
  const sizes = JSON.parse(packed.subarray(4, 4 + n).toString());
  const out = [];
  let at = 4 + n;
  for (const s of sizes) {
    out.push(packed.subarray(at, at + s));
    at += s;
  }
  return out;
}

module.exports = { cachedBytes, cachedFiles, keyOf };
