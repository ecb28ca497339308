/**
 * Text files from users (CSV for `fill`, unit lists, plan JSON) as Windows writes them: UTF-8
 * with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), or GB18030/GBK (Excel's
 * "CSV (逗号分隔)" on a Chinese Windows, Notepad's "ANSI"). ONE decoder, used by every surface,
 * so a file reads the same in the CLI and the add-in.
 *
 * Detection, in order: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); else valid UTF-8 is UTF-8
 * (GB18030 text of any length is almost never valid UTF-8, the reverse is not true); else
 * GB18030 (a superset of GBK and GB2312), which every browser and Node with full ICU decode
 * through `TextDecoder('gb18030')` with no dependency. When nothing fits, the error says which
 * encoding to save the file as.
 */
import type { Bilingual } from '../i18n/text';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** The file started with a byte-order mark (removed from `text`). */
  bom: boolean;
}

/** A text file that cannot be decoded, with a message saying how to save it instead. */
export class TextDecodeError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = 'TextDecodeError';
  }
}

const SAVE_AS: Bilingual = {
  zh: '请用 UTF-8 编码另存（Excel：另存为 →「CSV UTF-8（逗号分隔）」；记事本：另存为 → 编码选「UTF-8」）',
  en: 'save it as UTF-8 (Excel: Save As → "CSV UTF-8 (Comma delimited)"; Notepad: Save As → Encoding "UTF-8")',
};

function decoder(encoding: TextEncodingName): TextDecoder | undefined {
  try {
    // ignoreBOM: the BOM is detected and skipped here, so it is never left at the start of text.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined; // a runtime without this encoding (small-ICU builds)
  }
}

function tryDecode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  const d = decoder(encoding);
  if (!d) return undefined;
  try {
    return d.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Many zero bytes in text: UTF-16 written without its BOM, or not text at all. */
function looksLikeUtf16OrBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (n === 0) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return zeros * 10 > n;
}

/**
 * Decodes a user's text file. `what` names the file in messages (「CSV 文件」/ "CSV file").
 * Throws TextDecodeError with the encoding to save as.
 */
export function decodeText(bytes: Uint8Array, what: Bilingual = { zh: '文件', en: 'file' }): DecodedText {
  const fail = (why: Bilingual): never => {
    throw new TextDecodeError({ zh: `${what.zh}无法解码（${why.zh}）：${SAVE_AS.zh}`, en: `the ${what.en} cannot be decoded (${why.en}): ${SAVE_AS.en}` });
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text === undefined) return fail({ zh: '以 UTF-8 标记开头，但内容不是有效的 UTF-8', en: 'it starts with a UTF-8 mark but is not valid UTF-8' });
    return { text, encoding: 'utf-8', bom: true };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding: TextEncodingName = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = tryDecode(encoding, bytes.subarray(2));
    if (text === undefined) return fail({ zh: '以 UTF-16 标记开头，但内容不是有效的 UTF-16', en: 'it starts with a UTF-16 mark but is not valid UTF-16' });
    return { text, encoding, bom: true };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== undefined && !looksLikeUtf16OrBinary(bytes)) return { text: utf8, encoding: 'utf-8', bom: false };
  if (looksLikeUtf16OrBinary(bytes)) {
    return fail({ zh: '含大量空字节：可能是不带 BOM 的 UTF-16，或不是文本文件', en: 'it holds many zero bytes: UTF-16 without a byte-order mark, or not a text file' });
  }
  const gb = tryDecode('gb18030', bytes);
  if (gb !== undefined) return { text: gb, encoding: 'gb18030', bom: false };
  return fail({ zh: '既不是 UTF-8，也不是 GB18030/GBK', en: 'it is neither UTF-8 nor GB18030/GBK' });
}
