/**
 * The zip reader's CRC-32 (slicing-by-16, a word loop on aligned bytes) against the bit-by-bit
 * definition, on any bytes at any offset and cut into any pieces (the streaming path runs it chunk
 * by chunk). A wrong CRC would refuse every file, or worse, accept damaged ones.
 */
import fc from 'fast-check';
import { crc32 } from '../../src/xlsx/zip';

function bitwise(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

test('crc32 is the CRC-32 of the bytes, at any offset and cut into any pieces', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 7 }), fc.array(fc.nat({ max: 300 }), { maxLength: 4 }), (bytes, offset, cuts) => {
      const buf = new Uint8Array(bytes.length + offset);
      buf.set(bytes, offset);
      const data = buf.subarray(offset);
      const expected = bitwise(bytes);
      expect(crc32(0, data)).toBe(expected);
      let c = 0;
      let from = 0;
      for (const at of [...cuts.map((x) => Math.min(x, data.length)).sort((a, b) => a - b), data.length]) {
        c = crc32(c, data.subarray(from, Math.max(from, at)));
        from = Math.max(from, at);
      }
      expect(c).toBe(expected);
    }),
    { numRuns: 500 },
  );
  expect(crc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});
