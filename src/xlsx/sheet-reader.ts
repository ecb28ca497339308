/**
 * SpreadsheetML parts read through the streaming tokenizer (xml-scan.ts) straight into the
 * grid shape: worksheets (values, cached results of formulas, formulas with shared formulas
 * expanded, inline and shared strings, booleans, errors, dates as serial numbers), the shared
 * string table, workbook.xml (sheets, states, defined names) and relationships.
 *
 * The XML is a byte view of the part (byte-text.ts); every text taken out of it is real Unicode.
 *
 * Every number taken from the file is checked before it sizes anything: row numbers
 * (`r="2000000000"`, `r="Infinity"`), column letters, the count of non-empty cells and the
 * area the grid would allocate; a value outside them ends the file with a bilingual error.
 */
import type { DefinedNameGrid, GridValue, SheetGrid } from '../core/workbook/grid';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from './limits';
import { formulaTokens, translateFormula } from '../core/workbook/formula-text';
import type { Token } from '../core/workbook/formula';
import { unicodeOfBytes } from './byte-text';
import { charsOver, decodeXmlBytes, decodeXmlText, RAW, scanXml, tagEnd, xmlAttr, XmlScanner, type XmlHandler } from './xml-scan';

/** Excel's own sheet size. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const bad = (part: string, zh: string, en: string) =>
  new WorkbookReadError('corrupt', { zh: `文件已损坏：部件 ${part} ${zh}`, en: `the file is damaged: part ${part} ${en}` });

/** Cells counted over the whole workbook (every sheet draws on it). */
export interface CellBudget {
  cells: number;
  /** Grid slots (rows and padding included) the arrays may still grow by. */
  slots: number;
}

export function newCellBudget(limits: ReadLimits): CellBudget {
  return { cells: limits.maxCells, slots: limits.maxGridSlots };
}

/** `123` → 123 for a valid 1-based row number, else NaN (`Infinity`, `1e3`, `-1`, `00` are all refused as row numbers). */
function rowNumberOf(s: string): number {
  if (s.length === 0 || s.length > 7) return NaN;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Column of the A1 reference `s[a..b)` (`AB12` → 28), read in place (no substring per cell), or
 * NaN; the row part is validated too (as rowNumberOf reads a row number).
 */
function refColumnAt(s: string, a: number, b: number): number {
  let col = 0;
  let i = a;
  for (; i < b && i < a + 4; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  if (i === a || i > a + 3) return NaN;
  // The row part as rowNumberOf reads it: 1–7 digits, at least 1.
  const digits = b - i;
  if (digits === 0 || digits > 7) return NaN;
  let row = 0;
  for (; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    row = row * 10 + d;
  }
  return row >= 1 ? col : NaN;
}

/** Whether `s[a..b)` holds an entity, an `_xHHHH_` escape (`_x`) or a non-ASCII byte (a character loop: no substring). */
function needsDecode(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c >= 0x80 || (c === 95 && s.charCodeAt(i + 1) === 120)) return true;
  }
  return false;
}

/** Text of the byte view `s[a..b)` as XML text, in Unicode: entities and `_xHHHH_` decoded, CDATA taken literally. */
function textOf(s: string, a: number, b: number): string {
  if (!needsDecode(s, a, b) && s.charCodeAt(a) !== 60) return s.slice(a, b);
  const raw = s.slice(a, b);
  if (raw.includes('<![CDATA[')) {
    return decodeXmlText(unicodeOfBytes(raw).replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, x: string) => x.replace(/&/g, '&amp;').replace(/_x/g, '_x005F_x')));
  }
  return decodeXmlBytes(raw);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The row number written as digits in `s[a..b)` (1–7 of them), else NaN: rowNumberOf in place. */
function refRow(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Whether `lit` is written at `s[i]` (startsWith is a call per use; this loop inlines in the per-cell path). */
function hasAt(s: string, i: number, lit: string): boolean {
  if (i + lit.length > s.length) return false;
  for (let k = 0; k < lit.length; k++) if (s.charCodeAt(i + k) !== lit.charCodeAt(k)) return false;
  return true;
}

/** A shared-string index written as plain digits in `s[a..b)` (1–9 of them), else -1 (then read as any value is). */
function indexAt(s: string, a: number, b: number): number {
  if (b <= a || b - a > 9) return -1;
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Builds one sheet's grid. The cells (`<sheetData>`) are read by a hand-written scanner over the
 * raw text — `<row r>`, `<c r t>`, `<v>`, `<f>`, `<is>` — with indexOf and character codes, no
 * regular expressions and no substring per tag; every number from the file is checked before it
 * sizes anything. The rest of the part (before: `<dimension>`, `<cols>` …) goes through the generic
 * tokenizer; after `</sheetData>` nothing is needed.
 */
export class SheetGridBuilder implements XmlHandler {
  readonly values: GridValue[][] = [];
  readonly formulas: (string | null)[][] = [];
  cells = 0;
  private row = 0;
  private col = 0;
  private type = 'n';
  private vText: string | undefined;
  private formula: string | null = null;
  private fShared: string | undefined;
  private isText = '';
  /** Where scanAttrs found `r` and `t` (value start, end; -1 when absent) and whether the tag closed itself. */
  private rAt = -1;
  private rEnd = -1;
  private tAt = -1;
  private tEnd = -1;
  private selfClosed = false;
  private readonly masters = new Map<string, { formula: string; row: number; col: number; tokens?: Token[] }>();

  constructor(
    private readonly part: string,
    private readonly shared: readonly string[],
    private readonly budget: CellBudget,
    private readonly limits: ReadLimits,
  ) {}

  open(name: string, _attrs: string, selfClosing: boolean): boolean | typeof RAW | void {
    if (name === 'sheetData' && !selfClosing) return RAW;
  }

  close(name: string): boolean | void {
    // Nothing after the cells (formats, validations, page setup) is part of the grid.
    if (name === 'sheetData') return true;
  }

  /** The content of `<sheetData>`: see XmlHandler.raw. */
  raw(s: string, from: number): number {
    const n = s.length;
    let pos = from;
    for (;;) {
      // The next tag nearly always starts right here (cells follow one another).
      const lt = s.charCodeAt(pos) === 60 ? pos : s.indexOf('<', pos);
      if (lt < 0) return n;
      if (lt + 1 >= n) return lt;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 47) {
        // An end tag: `</row>`, or `</sheetData>` (which ends the cells).
        const gt = s.indexOf('>', lt);
        if (gt < 0) return lt;
        let a = lt + 2;
        for (let i = a; i < gt; i++) if (s.charCodeAt(i) === 58) a = i + 1;
        if (gt - a >= 9 && hasAt(s, a, 'sheetData')) return ~(gt + 1);
        pos = gt + 1;
        continue;
      }
      // The usual `<c r="A1" s="3" t="s">` and `<row r="2" …>`: attributes read in one pass.
      if (c1 === 99 && s.charCodeAt(lt + 2) === 32) {
        const gt = this.scanAttrs(s, lt + 2);
        if (gt >= 0) {
          const type = this.tAt < 0 ? 'n' : this.tEnd === this.tAt + 1 && s.charCodeAt(this.tAt) === 115 ? 's' : s.slice(this.tAt, this.tEnd);
          const end = this.cellBody(s, lt, lt + 2, gt, this.selfClosed, this.rAt, this.rEnd, type);
          if (end < 0) return lt;
          pos = end;
          continue;
        }
      } else if (c1 === 114 && s.charCodeAt(lt + 4) === 32 && hasAt(s, lt + 1, 'row')) {
        const gt = this.scanAttrs(s, lt + 4);
        if (gt >= 0) {
          this.startRowAt(s, this.rAt, this.rEnd);
          pos = gt + 1;
          continue;
        }
      }
      if (c1 === 33 || c1 === 63) {
        // A comment or processing instruction between rows.
        const endMark = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : c1 === 63 ? '?>' : '>';
        const e = s.indexOf(endMark, lt + 2);
        if (e < 0) return lt;
        pos = e + endMark.length;
        continue;
      }
      const gt = tagEnd(s, lt);
      if (gt < 0) return lt;
      // Element name (namespace prefix dropped).
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
      let a = lt + 1;
      for (let i = a; i < nameEnd; i++) if (s.charCodeAt(i) === 58) a = i + 1;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      const len = nameEnd - a;
      if (len === 1 && s.charCodeAt(a) === 99) {
        // <c …>
        const end = this.cell(s, lt, nameEnd, gt, selfClosing);
        if (end < 0) return lt;
        pos = end;
        continue;
      }
      if (len === 3 && hasAt(s, a, 'row')) this.startRow(s.slice(nameEnd, selfClosing ? gt - 1 : gt));
      pos = gt + 1;
    }
  }

  /**
   * A start tag's attributes from `from` in one pass, when they are the plain kind every writer
   * uses (letter-and-digit names, prefixed ones like `x14ac:dyDescent` skipped, `="…"` with no
   * entity, single spaces): notes where `r`
   * and `t` are and returns the index of the tag's `>`. -1 for anything else (a prefix, a
   * duplicate, an entity, other spacing, the tag's end not in `s`): then the general path reads
   * the tag, with the same result.
   */
  private scanAttrs(s: string, from: number): number {
    this.rAt = this.rEnd = this.tAt = this.tEnd = -1;
    const n = s.length;
    let i = from;
    for (;;) {
      let c = s.charCodeAt(i);
      while (c === 32) c = s.charCodeAt(++i);
      if (c === 62) {
        this.selfClosed = false;
        return i;
      }
      if (c === 47) {
        if (s.charCodeAt(i + 1) !== 62) return -1;
        this.selfClosed = true;
        return i + 1;
      }
      let name = i;
      const first = i;
      while ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 58) {
        if (c === 58) name = i + 1;
        c = s.charCodeAt(++i);
      }
      if (c !== 61 || i === name || s.charCodeAt(i + 1) !== 34) return -1;
      // A prefixed `x:r` or `x:t` (which the general path reads as `r`, `t` in a cell but not in a row): that path decides.
      if (name !== first && i - name === 1 && (s.charCodeAt(name) === 114 || s.charCodeAt(name) === 116)) return -1;
      const start = i + 2;
      let end = start;
      for (;;) {
        if (end >= n) return -1;
        const d = s.charCodeAt(end);
        if (d === 34) break;
        if (d === 38) return -1;
        end++;
      }
      if (i - name === 1) {
        const a = s.charCodeAt(name);
        if (a === 114) {
          if (this.rAt >= 0) return -1;
          this.rAt = start;
          this.rEnd = end;
        } else if (a === 116) {
          if (this.tAt >= 0) return -1;
          this.tAt = start;
          this.tEnd = end;
        }
      }
      i = end + 1;
      // Attributes are separated by whitespace (what follows a value is a space or the tag's end).
      const next = s.charCodeAt(i);
      if (next !== 32 && next !== 62 && next !== 47) return -1;
    }
  }

  /** A row whose `r` is `s[a..b)` (a < 0: none), as startRow reads it. */
  private startRowAt(s: string, a: number, b: number): void {
    if (a < 0) {
      this.startRow('');
      return;
    }
    const n = b - a >= 1 && b - a <= 7 ? refRow(s, a, b) : NaN;
    if (n >= 1 && n <= this.limits.maxRows) {
      this.row = n;
      this.col = 0;
    } else this.startRow(s.slice(a - 4, b + 1)); // ` r="…"`: the general path names the value in its error
  }

  private startRow(attrs: string): void {
    const r = xmlAttr(attrs, 'r');
    const n = r === undefined ? this.row + 1 : rowNumberOf(r);
    if (!(n >= 1 && n <= this.limits.maxRows)) {
      throw bad(
        this.part,
        `的行号无效（r="${(r ?? String(n)).slice(0, 20)}"，应为 1–${this.limits.maxRows}）`,
        `has an invalid row number (r="${(r ?? String(n)).slice(0, 20)}", expected 1–${this.limits.maxRows})`,
      );
    }
    this.row = n;
    this.col = 0;
  }

  /**
   * One `<c …>` at `lt` (its start tag ends at `gt`): returns the index after the cell, or -1 when
   * the cell's end is not in `s` yet.
   */
  private cell(s: string, lt: number, nameEnd: number, gt: number, selfClosing: boolean): number {
    // Attributes by hand: `r` (the address) and `t` (the type); `s` (style) and others skipped.
    // The reference's place in `s` (start, end), read in place; sliced only to name it in an error.
    let refAt = -1;
    let refEnd = -1;
    let type = 'n';
    const attrEnd = selfClosing ? gt - 1 : gt;
    // Character loops, not indexOf: a cell's attributes are a few characters, a call costs more.
    for (let i = nameEnd; i < attrEnd; ) {
      while (i < attrEnd && isSpace(s.charCodeAt(i))) i++;
      let eq = i;
      while (eq < attrEnd && s.charCodeAt(eq) !== 61) eq++;
      if (eq >= attrEnd) break;
      let q = eq + 1;
      while (isSpace(s.charCodeAt(q))) q++;
      const quote = s.charCodeAt(q) === 39 ? 39 : 34;
      let close = q + 1;
      while (close < attrEnd && s.charCodeAt(close) !== quote) close++;
      if (close >= attrEnd) break;
      let nameStart = i;
      let nameStop = eq;
      while (nameStop > nameStart && isSpace(s.charCodeAt(nameStop - 1))) nameStop--;
      for (let k = nameStart; k < nameStop; k++) if (s.charCodeAt(k) === 58) nameStart = k + 1;
      if (nameStop - nameStart === 1) {
        const c = s.charCodeAt(nameStart);
        if (c === 114) {
          refAt = q + 1;
          refEnd = close;
        } else if (c === 116) type = close === q + 2 && s.charCodeAt(q + 1) === 115 ? 's' : s.slice(q + 1, close);
      }
      i = close + 1;
    }
    return this.cellBody(s, lt, nameEnd, gt, selfClosing, refAt, refEnd, type);
  }

  /** A cell whose attributes are read (`r` at `s[refAt..refEnd)`, -1: none): see `cell`. */
  private cellBody(s: string, lt: number, nameEnd: number, gt: number, selfClosing: boolean, refAt: number, refEnd: number, type: string): number {
    const col = refAt < 0 ? this.col + 1 : refColumnAt(s, refAt, refEnd);
    if (!(col >= 1 && col <= this.limits.maxColumns)) {
      const ref = refAt < 0 ? '' : unicodeOfBytes(s.slice(refAt, Math.min(refEnd, refAt + 20)));
      throw bad(this.part, `的单元格地址无效（r="${ref}"）`, `has an invalid cell address (r="${ref}")`);
    }
    if (this.row === 0) this.row = 1;
    this.col = col;
    if (selfClosing) return gt + 1;
    if (nameEnd === lt + 2 && s.charCodeAt(gt + 1) === 60 && s.charCodeAt(gt + 2) === 118 && s.charCodeAt(gt + 3) === 62) {
      // Most valued cells are `<c …><v>…</v></c>`: read at once (what content() would make of it).
      let ve = gt + 4;
      while (ve < s.length && s.charCodeAt(ve) !== 60) ve++;
      if (hasAt(s, ve, '</v></c>')) {
        if (charsOver(s, gt + 3, ve, this.limits.maxTextLength)) this.tooLongText();
        this.formula = null;
        this.fShared = undefined;
        this.isText = '';
        const idx = type === 's' ? indexAt(s, gt + 4, ve) : -1;
        if (idx >= 0 && idx < this.shared.length) {
          // A shared string: its index read in place (no substring, no Number()).
          const value = this.shared[idx];
          if (value !== '') this.place(value, null);
        } else {
          this.type = type;
          this.vText = textOf(s, gt + 4, ve);
          this.endCell();
        }
        return ve + 8;
      }
    }
    // The cell's end tag (same prefix as its start tag); its content holds no `<` but tags.
    const endTag = nameEnd === lt + 2 ? '</c>' : `</${s.slice(lt + 1, nameEnd)}>`;
    const ce = s.indexOf(endTag, gt + 1);
    if (ce < 0) return -1;
    this.type = type;
    this.vText = undefined;
    this.formula = null;
    this.fShared = undefined;
    this.isText = '';
    this.content(s, gt + 1, ce);
    this.endCell();
    return ce + endTag.length;
  }

  /** `<v>`, `<f>` and `<is>` inside a cell's content `s[a..b)`. */
  private content(s: string, a: number, b: number): void {
    let p = a;
    while (p < b) {
      const lt = s.indexOf('<', p);
      if (lt < 0 || lt >= b) return;
      const gt = tagEnd(s, lt);
      if (gt < 0 || gt >= b) throw bad(this.part, '的单元格结构无效', 'holds a malformed cell');
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
      let na = lt + 1;
      for (let i = na; i < nameEnd; i++) if (s.charCodeAt(i) === 58) na = i + 1;
      // The usual unprefixed `<v>` / `<f>` without a new string per tag.
      const plain = nameEnd === lt + 2;
      const c0 = s.charCodeAt(lt + 1);
      const name = plain && c0 === 118 ? 'v' : plain && c0 === 102 ? 'f' : s.slice(na, nameEnd);
      const qname = plain ? name : s.slice(lt + 1, nameEnd);
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      if (name === 'c' || name === 'row') throw bad(this.part, '的单元格未结束（缺少 </c>）', 'has an unterminated cell (no </c>)');
      if (selfClosing) {
        if (name === 'f') this.readFormula(s.slice(nameEnd, gt - 1), '');
        else if (name === 'v') this.vText = '';
        p = gt + 1;
        continue;
      }
      const endTag = qname === 'v' ? '</v>' : qname === 'f' ? '</f>' : `</${qname}>`;
      const e = s.indexOf(endTag, gt + 1);
      if (e < 0 || e > b) throw bad(this.part, `的单元格中 <${unicodeOfBytes(qname)}> 未结束`, `holds an unterminated <${unicodeOfBytes(qname)}> in a cell`);
      if (charsOver(s, gt, e, this.limits.maxTextLength)) this.tooLongText();
      if (name === 'v') this.vText = textOf(s, gt + 1, e);
      else if (name === 'f') this.readFormula(s.slice(nameEnd, gt), textOf(s, gt + 1, e));
      else if (name === 'is') this.isText = inlineText(s, gt + 1, e);
      p = e + endTag.length;
    }
  }

  private tooLongText(): never {
    throw bad(this.part, `含有过长的文本（超过 ${this.limits.maxTextLength} 个字符）`, `holds a text longer than ${this.limits.maxTextLength} characters`);
  }

  private readFormula(attrs: string, text: string): void {
    this.fShared = attrs.length > 0 && xmlAttr(attrs, 't') === 'shared' ? (xmlAttr(attrs, 'si') ?? undefined) : undefined;
    this.setFormula(text);
  }

  private setFormula(text: string): void {
    const si = this.fShared;
    if (si === undefined) {
      this.formula = text || null;
      return;
    }
    if (text) {
      this.masters.set(si, { formula: text, row: this.row, col: this.col });
      this.formula = text;
    } else {
      const m = this.masters.get(si);
      if (m) {
        // Tokenized once per master (the codec's one tokenizer), however many cells share it.
        m.tokens ??= formulaTokens(m.formula);
        this.formula = translateFormula(m.formula, this.row - m.row, this.col - m.col, m.tokens);
      } else this.formula = null;
    }
  }

  private endCell(): void {
    const raw = this.vText;
    let value: GridValue = null;
    switch (this.type) {
      case 's': {
        if (raw === undefined || raw === '') break;
        const idx = Number(raw);
        if (!(Number.isInteger(idx) && idx >= 0 && idx < this.shared.length)) {
          throw bad(this.part, `引用了不存在的共享字符串（${raw.slice(0, 20)}）`, `refers to a shared string that does not exist (${raw.slice(0, 20)})`);
        }
        value = this.shared[idx];
        break;
      }
      case 'inlineStr':
        value = this.isText;
        break;
      case 'str':
        value = raw ?? null;
        break;
      case 'b':
        value = raw === undefined ? null : raw === '1' || raw === 'true';
        break;
      case 'e':
        value = raw === undefined ? null : { error: raw };
        break;
      case 'd': {
        const t = raw === undefined ? NaN : Date.parse(raw);
        value = Number.isNaN(t) ? (raw ?? null) : (t - EXCEL_EPOCH_MS) / 86_400_000;
        break;
      }
      default: {
        const n = raw === undefined || raw === '' ? NaN : Number(raw);
        value = Number.isFinite(n) ? n : null;
      }
    }
    if (value === '') value = null; // empty text and an empty cell read the same
    if (value === null && this.formula === null) return;
    this.place(value, this.formula);
  }

  private place(value: GridValue, formula: string | null): void {
    const { budget, row, col } = this;
    if (--budget.cells < 0) {
      throw new WorkbookReadError('too-many-cells', {
        zh: `单元格过多（上限 ${this.limits.maxCells}）`,
        en: `too many cells (limit ${this.limits.maxCells})`,
      });
    }
    this.cells++;
    const values = this.values;
    let grow = 0;
    if (values.length < row) grow += row - values.length;
    const vr = values[row - 1];
    if (vr === undefined || vr.length < col) grow += col - (vr?.length ?? 0);
    if (formula !== null) {
      // Like the values: only what the formula rows actually grow by (a table of 330,000 formula
      // cells is not 330,000 × its width).
      grow += Math.max(0, row - this.formulas.length);
      const fr = this.formulas[row - 1];
      if (fr === undefined || fr.length < col) grow += col - (fr?.length ?? 0);
    }
    if (grow > 0) {
      budget.slots -= grow;
      if (budget.slots < 0) {
        throw new WorkbookReadError('too-many-cells', {
          zh: `工作表的已用区域过大（单元格分布过散，上限约 ${this.limits.maxGridSlots} 个格子）`,
          en: `the sheets' used area is too large (cells spread too far; limit about ${this.limits.maxGridSlots} slots)`,
        });
      }
      while (values.length < row) values.push([]);
    }
    const v = values[row - 1];
    while (v.length < col - 1) v.push(null);
    v[col - 1] = value;
    // Formula rows exist only where a formula does (a grid's rows may be ragged: gridFormula reads null).
    if (formula !== null) {
      const formulas = this.formulas;
      while (formulas.length < row) formulas.push([]);
      const f = formulas[row - 1];
      while (f.length < col - 1) f.push(null);
      f[col - 1] = formula;
    }
  }

  grid(name: string, state: SheetGrid['state']): SheetGrid {
    return { name, state, values: this.values, formulas: this.formulas };
  }
}

/** Plain text of an inline string's content `s[a..b)`: its `<t>` runs, phonetic guides (`<rPh>`) left out. */
function inlineText(s: string, a: number, b: number): string {
  let out = '';
  let p = a;
  while (p < b) {
    const lt = s.indexOf('<', p);
    if (lt < 0 || lt >= b) break;
    const gt = tagEnd(s, lt);
    if (gt < 0 || gt >= b) break;
    let nameEnd = lt + 1;
    while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
    let na = lt + 1;
    for (let i = na; i < nameEnd; i++) if (s.charCodeAt(i) === 58) na = i + 1;
    const len = nameEnd - na;
    const qname = s.slice(lt + 1, nameEnd);
    if (s.charCodeAt(gt - 1) !== 47 && ((len === 1 && s.charCodeAt(na) === 116) || (len === 3 && s.startsWith('rPh', na)))) {
      const endTag = `</${qname}>`;
      const e = s.indexOf(endTag, gt + 1);
      if (e < 0 || e > b) break;
      if (len === 1) out += textOf(s, gt + 1, e);
      p = e + endTag.length;
      continue;
    }
    p = gt + 1;
  }
  return out;
}

/**
 * The shared-string table: plain text of each item (rich-text runs joined, phonetic guides left
 * out). The table's content is read raw, item by item: a plain item (`<si><t>…</t></si>`, most
 * of them) is taken in place; any other (rich text, phonetic guides, CDATA, comments) goes through
 * the tokenizer with the element rules below, exactly as the whole table once did.
 */
export class SharedStringsBuilder implements XmlHandler {
  readonly strings: string[];
  private inItem = false;
  private cur = '';
  private inPhonetic = 0;

  constructor(
    private readonly part: string,
    private readonly limits: ReadLimits,
    /** Set for the builder reading one item for a table (its strings go to the table's). */
    private readonly table?: SharedStringsBuilder,
  ) {
    this.strings = table ? table.strings : [];
  }

  open(name: string, _attrs: string, selfClosing: boolean): boolean | typeof RAW | void {
    if (name === 'sst' && !selfClosing && !this.table) return RAW;
    if (name === 'si') {
      if (selfClosing) this.push('');
      else {
        this.inItem = true;
        this.cur = '';
      }
      return;
    }
    if (!this.inItem) return;
    if (name === 'rPh' && !selfClosing) this.inPhonetic++;
    else if (name === 't') return this.inPhonetic === 0;
  }

  close(name: string, text: string | undefined): void {
    if (name === 't') {
      if (this.inItem && text !== undefined) this.cur += text;
    } else if (name === 'rPh') {
      if (this.inPhonetic > 0) this.inPhonetic--;
    } else if (name === 'si' && this.inItem) {
      this.inItem = false;
      this.push(this.cur);
    }
  }

  /** The content of `<sst>`: see XmlHandler.raw. */
  raw(s: string, from: number): number {
    const n = s.length;
    let pos = from;
    for (;;) {
      const lt = s.charCodeAt(pos) === 60 ? pos : s.indexOf('<', pos);
      if (lt < 0) return n;
      if (lt + 1 >= n) return lt;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 47) {
        // An end tag: `</sst>` ends the table (any other between items is stray and skipped).
        const gt = s.indexOf('>', lt);
        if (gt < 0) return lt;
        let a = lt + 2;
        for (let i = a; i < gt; i++) if (s.charCodeAt(i) === 58) a = i + 1;
        if (gt - a === 3 && hasAt(s, a, 'sst')) return ~(gt + 1);
        pos = gt + 1;
        continue;
      }
      if (c1 === 33 || c1 === 63) {
        const endMark = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : c1 === 63 ? '?>' : '>';
        const e = s.indexOf(endMark, lt + 2);
        if (e < 0) return lt;
        pos = e + endMark.length;
        continue;
      }
      const gt = tagEnd(s, lt);
      if (gt < 0) return lt;
      if (charsOver(s, lt, gt, this.limits.maxTagLength)) throw bad(this.part, '含有过长的标记', 'holds an overlong tag');
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
      let a = lt + 1;
      for (let i = a; i < nameEnd; i++) if (s.charCodeAt(i) === 58) a = i + 1;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      if (!(nameEnd - a === 2 && hasAt(s, a, 'si'))) {
        pos = gt + 1; // `<extLst>` and the like: not items
        continue;
      }
      if (selfClosing) {
        this.push('');
        pos = gt + 1;
        continue;
      }
      const endTag = nameEnd === lt + 3 ? '</si>' : `</${s.slice(lt + 1, nameEnd)}>`;
      const e = s.indexOf(endTag, gt + 1);
      if (e < 0) return lt;
      const plain = this.plainItem(s, gt + 1, e);
      if (plain !== undefined) this.push(plain);
      else {
        const item = new XmlScanner(new SharedStringsBuilder(this.part, this.limits, this), this.part, this.limits);
        item.push(s.slice(lt, e + endTag.length));
        item.end();
      }
      pos = e + endTag.length;
    }
  }

  /** The text of an item's content `s[a..b)` when it is one plain `<t>` (attributes allowed), else undefined. */
  private plainItem(s: string, a: number, b: number): string | undefined {
    if (s.charCodeAt(a) !== 60 || s.charCodeAt(a + 1) !== 116) return undefined;
    const c2 = s.charCodeAt(a + 2);
    if (c2 !== 62 && !isSpace(c2)) return undefined;
    const gt = c2 === 62 ? a + 2 : tagEnd(s, a);
    if (gt < 0 || gt >= b || s.charCodeAt(gt - 1) === 47) return undefined;
    // indexOf over the text (a native search: the embedded plan is tens of thousands of characters).
    const te = s.indexOf('<', gt + 1);
    if (te + 4 !== b || !hasAt(s, te, '</t>')) return undefined;
    if (charsOver(s, a, gt, this.limits.maxTagLength)) throw bad(this.part, '含有过长的标记', 'holds an overlong tag');
    if (charsOver(s, gt + 1, te, this.limits.maxTextLength)) {
      throw bad(this.part, `含有过长的文本（超过 ${this.limits.maxTextLength} 个字符）`, `holds a text longer than ${this.limits.maxTextLength} characters`);
    }
    return decodeXmlBytes(s.slice(gt + 1, te));
  }

  private push(s: string): void {
    if (this.strings.length >= this.limits.maxCells) {
      throw new WorkbookReadError('too-many-cells', {
        zh: `文件已损坏或异常：部件 ${this.part} 的共享字符串过多（上限 ${this.limits.maxCells}）`,
        en: `the file is damaged or unusual: part ${this.part} holds too many shared strings (limit ${this.limits.maxCells})`,
      });
    }
    this.strings.push(s);
  }
}

export interface SheetEntry {
  name: string;
  state: NonNullable<SheetGrid['state']>;
  /** Relationship id pointing at the sheet's part. */
  rid: string;
}

/** workbook.xml: sheets in tab order with their states, workbook-scoped defined names. */
export class WorkbookBuilder implements XmlHandler {
  readonly sheets: SheetEntry[] = [];
  readonly definedNames: DefinedNameGrid[] = [];
  private name: { name: string; local: boolean } | undefined;

  open(name: string, attrs: string): boolean | void {
    if (name === 'sheet') {
      const sheetName = xmlAttr(attrs, 'name');
      // The relationship id's prefix is whatever the writer bound the namespace to (`r:id` usually).
      const ridView = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
      const rid = ridView === undefined ? undefined : unicodeOfBytes(ridView);
      const state = xmlAttr(attrs, 'state');
      if (sheetName && rid) {
        this.sheets.push({ name: sheetName, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', rid });
      }
      return;
    }
    if (name === 'definedName') {
      const n = xmlAttr(attrs, 'name');
      this.name = n ? { name: n, local: xmlAttr(attrs, 'localSheetId') !== undefined } : undefined;
      return true;
    }
  }

  close(name: string, text: string | undefined): void {
    if (name !== 'definedName') return;
    // Sheet-scoped names (print titles and the like) are not ours.
    if (this.name && !this.name.local) this.definedNames.push({ name: this.name.name, ref: (text ?? '').trim() });
    this.name = undefined;
  }
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved package path (no leading `/`). */
  target: string;
}

/** A part's relationships, targets resolved against the part's folder. */
export class RelationshipsBuilder implements XmlHandler {
  readonly rels: Relationship[] = [];

  constructor(private readonly baseDir: string) {}

  open(name: string, attrs: string): boolean | void {
    if (name !== 'Relationship') return;
    const id = xmlAttr(attrs, 'Id');
    const target = xmlAttr(attrs, 'Target');
    if (!id || !target || xmlAttr(attrs, 'TargetMode') === 'External') return;
    this.rels.push({ id, type: xmlAttr(attrs, 'Type') ?? '', target: resolvePartPath(this.baseDir, target) });
  }

  close(): void {}
}

/** `worksheets/sheet1.xml` against `xl/` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` is absolute. */
export function resolvePartPath(baseDir: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const s of target.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

/** A worksheet's XML text read into values and formulas (tests and small parts). */
export function parseSheetXml(
  xml: string,
  shared: readonly string[],
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): { values: GridValue[][]; formulas: (string | null)[][]; cells: number } {
  const b = new SheetGridBuilder('sheet', shared, newCellBudget(limits), limits);
  scanXml(xml, 'sheet', b, limits);
  return { values: b.values, formulas: b.formulas, cells: b.cells };
}

/** A shared-string part's text read into its strings. */
export function parseSharedStrings(xml: string, limits: ReadLimits = DEFAULT_READ_LIMITS): string[] {
  const b = new SharedStringsBuilder('xl/sharedStrings.xml', limits);
  scanXml(xml, 'xl/sharedStrings.xml', b, limits);
  return b.strings;
}
