/**
 * A streaming XML tokenizer for SpreadsheetML parts: text is pushed in pieces (as it is
 * inflated), tags are reported as they complete, and only the text a consumer asks for is kept.
 * Nothing is matched with a regular expression over a whole part (a backtracking pattern over
 * 300,000 unclosed `<row>` tags took minutes), memory is bounded by the longest tag or captured
 * text, and every limit (nesting depth, tag length, text length) ends the file with a plain
 * bilingual error.
 *
 * Element names are reported without their namespace prefix (`x:row` → `row`): some writers
 * prefix every SpreadsheetML element.
 *
 * The text pushed is a byte view of the part's UTF-8 (byte-text.ts: one character per byte);
 * every text handed to a handler as a value (`xmlAttr`, captured text, `decodeXmlBytes`) is real
 * Unicode. Limits on a tag's or a text's length count characters, as before: a view's length is
 * the UTF-8 byte count, at most 3× the characters, so only a view over the limit is decoded to
 * count them exactly.
 */
import { bytesOfUnicode, unicodeOfBytes } from './byte-text';
import { WorkbookReadError } from './limits';

export interface XmlScanLimits {
  /** Open elements at once (SpreadsheetML needs about 8). */
  maxDepth: number;
  /** Characters in one tag, attributes included. */
  maxTagLength: number;
  /** Characters of text captured for one element (entities counted as written). */
  maxTextLength: number;
}

export const DEFAULT_SCAN_LIMITS: XmlScanLimits = { maxDepth: 64, maxTagLength: 64 * 1024, maxTextLength: 256 * 1024 };

/** Returned by `open` to take the element's content as raw text (see `XmlHandler.raw`). */
export const RAW = 2;

export interface XmlHandler {
  /**
   * An element opened. `attrs` is the raw attribute text (read with `xmlAttr`); return true to
   * capture the element's text (delivered to `close`), or RAW to read its content yourself.
   */
  open(name: string, attrs: string, selfClosing: boolean): boolean | typeof RAW | void;
  /**
   * The raw content of an element `open` answered RAW for, from `pos` on: returns the index up
   * to which it was consumed (what follows is handed again with the next text), or `~index` of
   * the character after the element's end tag once it is reached.
   */
  raw?(s: string, pos: number): number;
  /**
   * An element closed; `text` is its decoded text when `open` asked for it. Return true when
   * the rest of the part is not needed: it is then inflated and checked but not tokenized.
   */
  close(name: string, text: string | undefined): boolean | void;
}

/**
 * Texts decoded lately: every return of one template carries the same embedded plan (tens of
 * thousands of characters, thousands of `&quot;`) and the same formulas (`IF(…,&quot;&quot;)` in
 * every value cell), decoded once per reader instead of per file. A pure function of its input, so
 * a cached answer is the answer; long and short texts are kept apart so formulas never push the
 * plan out.
 */
const LONG_TEXT = 4096;
const longTexts = new Map<string, string>();
const shortTexts = new Map<string, string>();
// Byte views apart from real texts: `Ã©` as a text and as a view of `é`'s bytes are one string.
const longViews = new Map<string, string>();
const shortViews = new Map<string, string>();

function remembered(cache: Map<string, string>, size: number, s: string, decode: (s: string) => string): string {
  const cached = cache.get(s);
  if (cached !== undefined) return cached;
  const out = decode(s);
  if (cache.size >= size) cache.delete(cache.keys().next().value as string);
  // Kept as copies of their own: `s` (and `out`, when nothing needed decoding) is usually a slice
  // of the whole part's text, and a slice keeps its parent alive — 4,096 cached slices held 4,096
  // sheets (~475 MB at 116 KB each), so a province-scale run grew without bound.
  const key = detached(s);
  const value = out === s ? key : detached(out);
  cache.set(key, value);
  return value;
}

/**
 * A flat copy of `s` that shares no storage with the string it was sliced from (V8 keeps a
 * slice's parent alive; concatenating and flattening copies the characters).
 */
function detached(s: string): string {
  return s.length === 0 ? '' : (' ' + s).slice(1);
}

const decodeView = (s: string) => decodeText(unicodeOfBytes(s));

/**
 * A byte view's text (byte-text.ts) as real Unicode, entities and `_xHHHH_` escapes decoded: UTF-8
 * first (entities are ASCII, and what they stand for must not be read as bytes), then as
 * decodeXmlText. Plain ASCII (numbers, references) is returned as it is; the labels every return
 * of a template repeats (most of its shared strings) are decoded once per reader.
 */
export function decodeXmlBytes(s: string): string {
  if (s.length >= LONG_TEXT) return remembered(longViews, 16, s, decodeView);
  let i = 0;
  const n = s.length;
  let nonAscii = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      nonAscii = true;
      break;
    }
    // `&` starts an entity; `_x` an escape (a plain `_`, as in `edu_t1_u1`, needs nothing).
    if (c === 38 || (c === 95 && s.charCodeAt(i + 1) === 120)) break;
  }
  if (i === n) return s;
  // (The scan stopped at the first non-ASCII byte or entity: what follows may hold either.)
  return nonAscii || n >= 16 ? remembered(shortViews, 4096, s, decodeView) : decodeView(s);
}

/** XML entities, then OOXML's `_xHHHH_` escapes of characters XML cannot carry. */
export function decodeXmlText(s: string): string {
  if (s.length >= LONG_TEXT) return remembered(longTexts, 16, s, decodeText);
  // Short texts with something to decode (a formula's quotes): most repeat from file to file.
  // Plain text (most labels) is returned as is, cheaper than looking it up.
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s.length >= 16 ? remembered(shortTexts, 4096, s, decodeText) : decodeText(s);
}

function decodeText(s: string): string {
  let out = s;
  if (out.includes('&')) {
    // Native replaceAll for the five named entities (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    if (out.includes('&#')) out = out.replace(/&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});/g, (m, e: string) => charRef(m, e));
    if (out.includes('&quot;')) out = out.replaceAll('&quot;', '"');
    if (out.includes('&lt;')) out = out.replaceAll('&lt;', '<');
    if (out.includes('&gt;')) out = out.replaceAll('&gt;', '>');
    if (out.includes('&apos;')) out = out.replaceAll('&apos;', "'");
    if (out.includes('&amp;')) out = out.replaceAll('&amp;', '&');
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** `&#65;` / `&#x41;` → `A`; a reference to no character stays as written. */
function charRef(m: string, e: string): string {
  const code = e[0] === 'x' ? parseInt(e.slice(1), 16) : parseInt(e, 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : m;
}

/**
 * An attribute's decoded value (real Unicode) from a tag's raw attribute text, a byte view (`name`
 * without namespace: any prefix matches only if given).
 */
export function xmlAttr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = i === 0 ? 32 : attrs.charCodeAt(i - 1);
    // Preceded by whitespace, followed by optional spaces and `=`.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let j = from;
    while (attrs.charCodeAt(j) === 32) j++;
    if (attrs.charCodeAt(j) !== 61) continue;
    j++;
    while (attrs.charCodeAt(j) === 32) j++;
    const q = attrs.charCodeAt(j);
    if (q !== 34 && q !== 39) return undefined;
    const close = attrs.indexOf(q === 34 ? '"' : "'", j + 1);
    if (close < 0) return undefined;
    return decodeXmlBytes(attrs.slice(j + 1, close));
  }
}

const malformed = (zh: string, en: string, part: string) =>
  new WorkbookReadError('corrupt', { zh: `文件已损坏：部件 ${part} ${zh}`, en: `the file is damaged: part ${part} ${en}` });

export class XmlScanner {
  private buf = '';
  private depth = 0;
  /** Depth at which text is being captured, or -1. */
  private captureDepth = -1;
  private text = '';
  private inMarkup: 'comment' | 'cdata' | 'pi' | null = null;
  /** Names of the open elements by depth (index 0 unused). */
  private readonly names: string[] = [''];
  private stopped = false;
  /** Name of the element whose content the handler reads raw, while it does. */
  private rawName: string | undefined;

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
    private readonly limits: XmlScanLimits = DEFAULT_SCAN_LIMITS,
  ) {}

  /** Scans more text (a byte view: byte-text.ts); returns true once the consumer needs no more. */
  push(chunk: string): boolean {
    if (!this.stopped) this.scan(chunk);
    return this.stopped;
  }

  private scan(chunk: string): void {
    const s = this.buf.length > 0 ? this.buf + chunk : chunk;
    this.buf = '';
    let pos = 0;
    const n = s.length;
    const { handler, limits } = this;
    if (this.rawName !== undefined) {
      pos = this.rawContent(s, 0);
      if (pos < 0 || this.stopped) return;
    }
    // Next single and double quote at or after the current tag (n: none in this chunk).
    let sq = -1;
    let dq = -1;
    while (pos < n) {
      if (this.inMarkup) {
        const endMark = this.inMarkup === 'comment' ? '-->' : this.inMarkup === 'cdata' ? ']]>' : '?>';
        const e = s.indexOf(endMark, pos);
        if (e < 0) {
          // Keep the tail in case the end mark straddles chunks; CDATA text is captured.
          const keep = Math.max(pos, n - 2);
          if (this.inMarkup === 'cdata') this.addText(s.slice(pos, keep), false);
          this.buf = s.slice(keep);
          return;
        }
        if (this.inMarkup === 'cdata') this.addText(s.slice(pos, e), false);
        this.inMarkup = null;
        pos = e + endMark.length;
        continue;
      }
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        this.addText(s.slice(pos), true);
        return;
      }
      if (lt > pos) this.addText(s.slice(pos, lt), true);
      // The tag's end: the first `>` not inside a quoted attribute value. Quote positions are
      // cached (dq, sq) so finding them stays linear over the chunk.
      let gt = s.indexOf('>', lt + 1);
      if (gt >= 0) {
        if (sq < lt) sq = indexOrEnd(s, "'", lt);
        if (sq < gt) gt = tagEndSlow(s, lt);
        else {
          if (dq < lt) dq = indexOrEnd(s, '"', lt);
          while (dq < gt) {
            const close = s.indexOf('"', dq + 1);
            if (close < 0) {
              gt = -1;
              break;
            }
            if (close > gt) gt = s.indexOf('>', close + 1);
            dq = indexOrEnd(s, '"', close + 1);
            if (gt < 0) break;
          }
        }
      }
      if (gt < 0) {
        // Incomplete tag (or markup start): wait for more text, within the tag limit.
        const c1 = s.charCodeAt(lt + 1);
        if (c1 === 33 || c1 === 63) {
          if (s.startsWith('<!--', lt)) {
            this.inMarkup = 'comment';
            pos = lt + 4;
            continue;
          }
          if (s.startsWith('<![CDATA[', lt)) {
            this.inMarkup = 'cdata';
            pos = lt + 9;
            continue;
          }
          if (c1 === 63) {
            this.inMarkup = 'pi';
            pos = lt + 2;
            continue;
          }
        }
        // A view of more than 3× the limit holds more characters than the limit (an exact count once the tag is complete).
        if (n - lt > 3 * limits.maxTagLength) throw malformed('含有过长或未结束的标记', 'holds an overlong or unterminated tag', this.part);
        this.buf = s.slice(lt);
        return;
      }
      const c1 = s.charCodeAt(lt + 1);
      if (charsOver(s, lt, gt, limits.maxTagLength)) throw malformed('含有过长的标记', 'holds an overlong tag', this.part);
      if (c1 === 47) {
        // </name>
        this.closeTag();
        if (this.stopped) return;
        pos = gt + 1;
        continue;
      }
      if (c1 === 33 || c1 === 63) {
        if (s.startsWith('<!--', lt)) {
          const e = s.indexOf('-->', lt + 4);
          if (e < 0) {
            this.inMarkup = 'comment';
            pos = lt + 4;
          } else pos = e + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          this.inMarkup = 'cdata';
          pos = lt + 9;
          continue;
        }
        if (c1 === 33 && s.startsWith('<!DOCTYPE', lt)) {
          // SpreadsheetML never has one; entity definitions are how XML bombs work.
          throw malformed('含有 DOCTYPE 声明（Excel 文件不会有），拒绝读取', 'holds a DOCTYPE declaration (Excel files never do); refused', this.part);
        }
        // <?xml …?> and other processing instructions.
        pos = gt + 1;
        continue;
      }
      let end = gt;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      if (selfClosing) end--;
      let nameEnd = lt + 1;
      while (nameEnd < end) {
        const c = s.charCodeAt(nameEnd);
        if (c === 32 || c === 9 || c === 10 || c === 13) break;
        nameEnd++;
      }
      const name = localName(s.slice(lt + 1, nameEnd));
      const attrs = nameEnd < end ? s.slice(nameEnd, end) : '';
      pos = gt + 1;
      if (++this.depth > limits.maxDepth) {
        throw malformed(`的元素嵌套过深（超过 ${limits.maxDepth} 层）`, `nests elements deeper than ${limits.maxDepth} levels`, this.part);
      }
      const opened = handler.open(name, attrs, selfClosing);
      if (opened === RAW && !selfClosing && handler.raw) {
        if (this.depth < this.names.length) this.names[this.depth] = name;
        else this.names.push(name);
        this.rawName = name;
        pos = this.rawContent(s, pos);
        if (pos < 0 || this.stopped) return;
        continue;
      }
      const capture = opened === true;
      if (selfClosing) {
        this.depth--;
        if (handler.close(name, capture ? '' : undefined) === true) this.stopped = true;
        if (this.stopped) return;
      } else if (this.depth < this.names.length) this.names[this.depth] = name;
      else this.names.push(name);
      if (!selfClosing && capture && this.captureDepth < 0) {
        this.captureDepth = this.depth;
        this.text = '';
      }
    }
  }

  /** End of the part: anything still open means it was cut off. */
  end(): void {
    if (this.stopped) return;
    if (this.rawName !== undefined) throw malformed('不完整（元素未结束）', 'is incomplete (an element is not closed)', this.part);
    if (this.depth > 0) throw malformed('不完整（元素未结束）', 'is incomplete (an element is not closed)', this.part);
    if (this.inMarkup || this.buf.trim().length > 0) throw malformed('不完整（标记未结束）', 'is incomplete (a tag is not finished)', this.part);
  }

  /** Hands raw content to the handler; -1 when the rest of `s` was kept for the next push. */
  private rawContent(s: string, pos: number): number {
    const r = this.handler.raw!(s, pos);
    if (r >= 0) {
      if (s.length - r > 3 * (this.limits.maxTagLength + this.limits.maxTextLength)) {
        throw malformed('含有过长或未结束的单元格', 'holds an overlong or unterminated cell', this.part);
      }
      this.buf = s.slice(r);
      return -1;
    }
    this.rawName = undefined;
    this.closeTag();
    return ~r;
  }

  /** The consumer has all it needs: the rest of the part is not tokenized (still inflated and checked). */
  stop(): void {
    this.stopped = true;
  }

  private closeTag(): void {
    if (this.depth === 0) throw malformed('的结构无效（多余的结束标记）', 'is malformed (an unmatched end tag)', this.part);
    // Element names are taken from the open tags (end tags are not re-read).
    const name = this.names[this.depth];
    let text: string | undefined;
    if (this.captureDepth === this.depth) {
      if (charsOver(this.text, 0, this.text.length, this.limits.maxTextLength)) this.tooLongText();
      text = decodeXmlBytes(this.text);
      this.text = '';
      this.captureDepth = -1;
    }
    this.depth--;
    if (this.handler.close(name, text) === true) this.stopped = true;
  }

  private addText(t: string, entities: boolean): void {
    if (this.captureDepth < 0 || t.length === 0) return;
    // CDATA is literal: protect its `&` from entity decoding later.
    this.text += entities ? t : t.replace(/&/g, '&amp;');
    // Counted exactly when the element closes; a view over 3× the limit is over it already.
    if (this.text.length > 3 * this.limits.maxTextLength) this.tooLongText();
  }

  private tooLongText(): never {
    throw malformed(`含有过长的文本（超过 ${this.limits.maxTextLength} 个字符）`, `holds a text longer than ${this.limits.maxTextLength} characters`, this.part);
  }
}

/** Whether the byte view `s[a..b)` stands for more than `limit` characters (decoded only when its bytes are). */
export function charsOver(s: string, a: number, b: number, limit: number): boolean {
  return b - a > limit && unicodeOfBytes(s.slice(a, b)).length > limit;
}

function indexOrEnd(s: string, c: string, from: number): number {
  const i = s.indexOf(c, from);
  return i < 0 ? s.length : i;
}

/** The `>` ending the tag that starts at `lt` (quoted attribute values skipped), or -1 when not in `s`. */
export function tagEnd(s: string, lt: number): number {
  // Character by character over the tag only (an indexOf for a quote could run to the end of the text).
  return tagEndSlow(s, lt);
}

/** A tag's end scanning character by character (tags with quoted attributes). */
function tagEndSlow(s: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 62) return i;
    else if (c === 34 || c === 39) quote = c;
  }
  return -1;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Scans a whole (real Unicode) string: small parts, tests. */
export function scanXml(xml: string, part: string, handler: XmlHandler, limits?: XmlScanLimits): void {
  const s = new XmlScanner(handler, part, limits);
  s.push(bytesOfUnicode(xml));
  s.end();
}
