/**
 * Text as Windows writes it, for tests of the decoder: GBK (a table built once from the
 * platform's own GB18030 decoder, so no encoder package is needed) and UTF-16 with its BOM.
 */
let table: Map<string, number[]> | undefined;

function gbkTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const d = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = d.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
}

/** `text` in GBK (two-byte GBK for Chinese, ASCII as is); throws on a character GBK lacks. */
export function encodeGbk(text: string): Buffer {
  const t = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = t.get(ch);
      if (!bytes) throw new Error(`encodeGbk: no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/** UTF-16 with a byte-order mark, as Excel's "Unicode text" and Notepad's "UTF-16 LE" save. */
export function encodeUtf16(text: string, endian: 'le' | 'be' = 'le'): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}
