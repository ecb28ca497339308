/**
 * Text files from Windows offices: UTF-8 (with or without BOM), UTF-16 by its BOM, else GB18030
 * (which covers GBK and GB2312, what Excel's "CSV" and Notepad write on a Chinese Windows).
 * TextDecoder with full ICU is in Node ≥ 20 and every browser, so this stays pure.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
