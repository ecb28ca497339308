/**
 * The reader tokenizes each part as a *byte view* of its UTF-8: one character per byte
 * (U+0000–U+00FF, "latin1"), not as decoded text. SpreadsheetML's markup is ASCII, so the
 * tokenizer works on the view unchanged, a chunk boundary can never split a character, and making
 * the view costs a copy (~10 ms for 300 returns) where UTF-8 decoding the whole of every part cost
 * ~250 ms. Only the texts handed out (attribute values, cell and shared-string text, formulas,
 * names) are turned into real Unicode — `unicodeOfBytes` — and most of them are ASCII (numbers,
 * references), which is already right as it is.
 *
 * No Node API: Node's Buffer is used when present (feature-detected), else TextDecoder's
 * windows-1252 (which differs from latin1 on 0x80–0x9F, mapped back here), else fromCharCode.
 */

/** How a byte view is made from bytes (exported for tests: each way must give the same text). */
export type Latin1Decoder = (bytes: Uint8Array) => string;

interface NodeBufferLike {
  prototype: { latin1Slice?: (this: Uint8Array, start: number, end: number) => string };
}

/** Node: Buffer.prototype.latin1Slice works on any Uint8Array (one memcpy into a one-byte string). */
function nodeLatin1(): Latin1Decoder | undefined {
  const B = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
  const slice = B?.prototype?.latin1Slice;
  if (typeof slice !== 'function') return undefined;
  return (bytes) => slice.call(bytes, 0, bytes.length);
}

/**
 * windows-1252's code points for bytes 0x80–0x9F (WHATWG: `latin1` and `windows-1252` decode as
 * this; the five it leaves undefined are the C1 controls themselves). Node decodes them as latin1;
 * a browser as this table: both are mapped back to the byte by `BYTE_OF`.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const BYTE_OF = new Map<number, number>(CP1252_HIGH.map((c, i) => [c, 0x80 + i]));

/** Browser: TextDecoder('windows-1252') (native, fast); its 0x80–0x9F code points are mapped back on the way out. */
function textDecoderLatin1(): Latin1Decoder | undefined {
  try {
    const d = new TextDecoder('windows-1252');
    return (bytes) => d.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Anywhere: String.fromCharCode over 8 KB pieces (an argument list has a size limit). */
export const fromCharCodeLatin1: Latin1Decoder = (bytes) => {
  let out = '';
  for (let p = 0; p < bytes.length; p += 8192) out += String.fromCharCode.apply(null, bytes.subarray(p, p + 8192) as unknown as number[]);
  return out;
};

export const LATIN1_DECODERS: Readonly<Record<'node' | 'textDecoder' | 'fromCharCode', Latin1Decoder | undefined>> = {
  node: nodeLatin1(),
  textDecoder: textDecoderLatin1(),
  fromCharCode: fromCharCodeLatin1,
};

/** The byte view of `bytes`: one character per byte. */
export const bytesToLatin1: Latin1Decoder = LATIN1_DECODERS.node ?? LATIN1_DECODERS.textDecoder ?? fromCharCodeLatin1;

/** Whether `s[a..b)` holds a character outside ASCII (a loop: no substring). */
export function hasNonAscii(s: string, a = 0, b = s.length): boolean {
  for (let i = a; i < b; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

// Made on first use, not at import: a page or test environment may install TextDecoder after
// this module loads (jsdom has none of its own), and a reader never needs it before it reads.
let utf8: TextDecoder | undefined;
/** Reused for the bytes of texts being decoded (grown as needed). */
let scratch = new Uint8Array(256);

/**
 * The real text a byte view stands for: its bytes decoded as UTF-8, exactly as TextDecoder decodes
 * the whole part (invalid sequences become U+FFFD; a view is only ever cut at ASCII characters,
 * where a UTF-8 decoder's state is reset anyway). ASCII is returned as it is.
 */
export function unicodeOfBytes(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) < 0x80) i++;
  if (i === n) return s;
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  const bytes = scratch;
  for (let k = 0; k < i; k++) bytes[k] = s.charCodeAt(k);
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    // A character beyond 0xFF is windows-1252's reading of a byte 0x80–0x9F (never in a view otherwise).
    bytes[k] = c < 0x100 ? c : (BYTE_OF.get(c) ?? 0x3f);
  }
  return (utf8 ??= new TextDecoder('utf-8')).decode(bytes.subarray(0, n));
}

let utf8Encoder: TextEncoder | undefined;

/** The byte view of a real text's UTF-8 (strings handed to the tokenizer whole: small parts, tests). */
export function bytesOfUnicode(s: string): string {
  return hasNonAscii(s) ? bytesToLatin1((utf8Encoder ??= new TextEncoder()).encode(s)) : s;
}
