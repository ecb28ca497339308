/**
 * The tokenizer's caches of decoded texts must not keep the parts they were cut from alive: a
 * cached key that is a slice of a sheet's text holds the whole sheet, and a province-scale run
 * (thousands of returns, each with different text) then grows by one sheet per cached entry.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { decodeXmlBytes, decodeXmlText } from '../../src/xlsx/xml-scan';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A large, unique "part text" per call, and a ≥ 16-character piece of it the caches will keep. */
function pieceOfBigPart(i: number, nonAscii: boolean): string {
  const filler = String(i).padStart(8, '0').repeat(64 * 1024); // ~512 K characters
  const tag = nonAscii ? `\u00e6\u0088\u0091${i}\u00e6\u0088\u0091-\u00e5\u00ad\u00a6\u00e6\u00a0\u00a1-${i}` : `&quot;text-${i}&quot;-long-enough`;
  const part = `<c r="A1"><v>${filler}</v><t>${tag}</t></c>`;
  const start = part.indexOf(tag);
  return part.slice(start, start + tag.length);
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test.each([
  ['byte views (decodeXmlBytes)', (i: number) => decodeXmlBytes(pieceOfBigPart(i, true))],
  ['texts with entities (decodeXmlText)', (i: number) => decodeXmlText(pieceOfBigPart(i, false))],
])('the cache of %s keeps only the pieces, not the parts they were cut from', (_name, decodeOne) => {
  const before = heapAfterGc();
  const kept: string[] = [];
  // 300 parts of ~0.5 M characters: ~150 MB (or 300 MB as two-byte strings) if each cached piece held its part.
  for (let i = 0; i < 300; i++) kept.push(decodeOne(i));
  const grown = heapAfterGc() - before;
  expect(kept[7]).toContain('7');
  expect(grown).toBeLessThan(20 * 1024 * 1024);
});
