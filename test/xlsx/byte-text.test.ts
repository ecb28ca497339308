/**
 * The reader tokenizes byte views of the parts (src/xlsx/byte-text.ts) and turns only the texts it
 * hands out into Unicode. These tests hold it to what decoding the whole part with TextDecoder
 * gives (the path it replaced): for random text with CJK, emoji, entities, `_xHHHH_` escapes and
 * invalid UTF-8, cut into random chunks, through each way a view can be made (Node's Buffer,
 * TextDecoder('windows-1252') as in a browser, fromCharCode).
 */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { gridFormula, gridValue } from '../../src/core/workbook/grid';
import { bytesOfUnicode, bytesToLatin1, fromCharCodeLatin1, LATIN1_DECODERS, unicodeOfBytes, type Latin1Decoder } from '../../src/xlsx/byte-text';
import { DEFAULT_READ_LIMITS } from '../../src/xlsx/limits';
import { readWorkbookGridSync } from '../../src/xlsx/read';
import { newCellBudget, SheetGridBuilder } from '../../src/xlsx/sheet-reader';
import { decodeXmlText, XmlScanner, xmlAttr } from '../../src/xlsx/xml-scan';
import { minimalXlsx } from '../helpers/forge-xlsx';

const decoders = Object.entries(LATIN1_DECODERS).filter((e): e is [string, Latin1Decoder] => e[1] !== undefined);

/** What TextDecoder('windows-1252') does in a browser (Node's decodes 0x80–0x9F as latin1): the view unicodeOfBytes must also accept. */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const browserWindows1252: Latin1Decoder = (bytes) => fromCharCodeLatin1(bytes).replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252[c.charCodeAt(0) - 0x80]!));

const allDecoders: Array<[string, Latin1Decoder]> = [...decoders, ['browser windows-1252', browserWindows1252]];

/** Pieces of text as bytes: ASCII, CJK, emoji, entities and escapes as written in XML, and invalid UTF-8. */
const piece = fc.oneof(
  fc.constantFrom('a', '1', ' ', '数', '学校', '😀', '𠀀', 'é', '&amp;', '&lt;', '&gt;', '&quot;', '&#x4E2D;', '&#128512;', '_x0041_', '_x005F_', '&amp;lt;', '\t').map((s) => strToU8(s)),
  fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => strToU8(s.replace(/[<&"]/g, 'x'))),
  // Invalid UTF-8: lone continuation bytes, cut sequences, overlong forms, 0x80–0x9F.
  fc.uint8Array({ minLength: 1, maxLength: 3, min: 0x80, max: 0xff }),
  fc.constantFrom(Uint8Array.of(0xe4, 0xb8), Uint8Array.of(0xf0, 0x9f, 0x98), Uint8Array.of(0xc0, 0xaf), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0x80), Uint8Array.of(0x9f)),
);
const textBytes = fc.array(piece, { maxLength: 12 }).map(concat);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` cut at the given fractions (sorted, deduplicated) into consecutive chunks. */
function cut(bytes: Uint8Array, fractions: number[]): Uint8Array[] {
  const at = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);

describe('byte views', () => {
  test('every way of making a view gives one character per byte, and unicodeOfBytes decodes each exactly as TextDecoder does', () => {
    fc.assert(
      fc.property(textBytes, (bytes) => {
        for (const [, decode] of allDecoders) {
          const view = decode(bytes);
          expect(view.length).toBe(bytes.length);
          expect(unicodeOfBytes(view)).toBe(utf8(bytes));
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a view of a real text comes back as that text; ASCII is its own view', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(unicodeOfBytes(bytesOfUnicode(s))).toBe(s);
      }),
    );
    expect(bytesOfUnicode('A1:B2')).toBe('A1:B2');
    expect(bytesToLatin1(strToU8('中'))).toBe('\u00e4\u00b8\u00ad');
    // Invalid UTF-8 reads as TextDecoder reads it: U+FFFD per maximal bad subsequence.
    expect(unicodeOfBytes('\u00e4\u00b8"')).toBe('\ufffd"');
    expect(unicodeOfBytes('\u00ff\u0080')).toBe('\ufffd\ufffd');
  });
});

describe('the tokenizer on views cut anywhere', () => {
  test('attribute values and captured texts equal the TextDecoder-then-scan reading of the whole part', () => {
    const items = fc.array(fc.record({ attr: textBytes, text: textBytes, cdata: fc.boolean() }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(items, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), fc.constantFrom(...allDecoders), (list, fractions, [, decode]) => {
        const doc = concat([
          strToU8('<?xml version="1.0" encoding="UTF-8"?><root>'),
          ...list.flatMap((it) => [
            strToU8('<t a="'),
            it.attr,
            strToU8('">'),
            ...(it.cdata ? [strToU8('<![CDATA['), it.text.map((b) => (b === 0x5d ? 0x78 : b)), strToU8(']]>')] : [it.text]),
            strToU8('</t>'),
          ]),
          strToU8('</root>'),
        ]);
        // The old path: the whole part decoded by TextDecoder, then entities.
        const whole = utf8(doc);
        const expected: string[] = [];
        for (const m of whole.matchAll(/<t a="([^"]*)">(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))<\/t>/g)) {
          // CDATA's `&` is literal (its `_xHHHH_` escapes are decoded like any text's, as they always were).
          expected.push(decodeXmlText(m[1]!), decodeXmlText(m[2] !== undefined ? m[2].replace(/&/g, '&amp;') : m[3]!));
        }
        expect(expected).toHaveLength(list.length * 2);
        const got: string[] = [];
        const scanner = new XmlScanner(
          {
            open: (name, attrs) => {
              if (name !== 't') return;
              got.push(xmlAttr(attrs, 'a')!);
              return true;
            },
            close: (name, text) => {
              if (name === 't') got.push(text!);
            },
          },
          'test.xml',
        );
        for (const chunk of cut(doc, fractions)) scanner.push(decode(chunk));
        scanner.end();
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('cells (inline strings, str values, formulas, shared-string references) read the same cut anywhere', () => {
    const cells = fc.array(fc.record({ kind: fc.constantFrom('inline', 'str', 'formula', 'shared'), text: textBytes }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(cells, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), fc.constantFrom(...allDecoders), (list, fractions, [, decode]) => {
        const shared = ['共享', '😀 x', 'plain'];
        const body = list.map((c, i) => {
          const r = `A${i + 1}`;
          if (c.kind === 'inline') return [strToU8(`<row r="${i + 1}"><c r="${r}" t="inlineStr"><is><r><t>`), c.text, strToU8('</t></r><r><t>尾</t></r></is></c></row>')];
          if (c.kind === 'str') return [strToU8(`<row r="${i + 1}"><c r="${r}" t="str"><v>`), c.text, strToU8('</v></c></row>')];
          if (c.kind === 'formula') return [strToU8(`<row r="${i + 1}"><c r="${r}" t="str"><f>"`), c.text, strToU8('"</f><v>1</v></c></row>')];
          return [strToU8(`<row r="${i + 1}"><c r="${r}" t="s"><v>${i % 3}</v></c></row>`)];
        });
        const doc = concat([strToU8('<worksheet><sheetData>'), ...body.flat(), strToU8('</sheetData></worksheet>')]);
        const b = new SheetGridBuilder('sheet', shared, newCellBudget(DEFAULT_READ_LIMITS), DEFAULT_READ_LIMITS);
        const scanner = new XmlScanner(b, 'sheet', DEFAULT_READ_LIMITS);
        for (const chunk of cut(doc, fractions)) scanner.push(decode(chunk));
        scanner.end();
        const grid = { name: 'S', values: b.values, formulas: b.formulas };
        list.forEach((c, i) => {
          const t = decodeXmlText(utf8(c.text));
          if (c.kind === 'inline') expect(gridValue(grid, i + 1, 1)).toBe(`${t}尾`);
          else if (c.kind === 'str') expect(gridValue(grid, i + 1, 1)).toBe(t === '' ? null : t);
          else if (c.kind === 'formula') expect(gridFormula(grid, i + 1, 1)).toBe(`"${t}"`);
          else expect(gridValue(grid, i + 1, 1)).toBe(shared[i % 3]);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('whole workbooks', () => {
  test('an ExcelJS workbook with Chinese and emoji sheet names, defined names, shared strings, rich text and formulas reads as written', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('指标填报');
    const b = wb.addWorksheet('规划 😀 表');
    const hidden = wb.addWorksheet('_edu_meta', { state: 'veryHidden' });
    a.getCell('A1').value = '学校名称 <&> "引号" \'单\'';
    a.getCell('B1').value = '第1学校';
    a.getCell('A2').value = { richText: [{ text: '生均' }, { font: { bold: true }, text: '面积 😀' }, { text: ' (m²)' }] };
    a.getCell('B2').value = 12.5;
    a.getCell('C2').value = { formula: 'IF(B2="","未填",B2*2)', result: 25 };
    a.getCell('D2').value = { formula: 'CONCATENATE("中","文")', result: '中文' };
    a.getCell('A3').value = true;
    a.getCell('A4').value = 'tab\tand ünïcödé';
    b.getCell('A1').value = '第1学校'; // the same shared string on another sheet
    b.getCell('B1').value = '𠀀 (U+20000)';
    hidden.getCell('A1').value = JSON.stringify({ 名称: '优质均衡', 指标: ['生均'.repeat(2000)] });
    wb.definedNames.add("'指标填报'!$B$2", '生均面积');
    wb.definedNames.add("'规划 😀 表'!$A$1:$B$1", '学校_表');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const book = readWorkbookGridSync(bytes);
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      ['指标填报', 'visible'],
      ['规划 😀 表', 'visible'],
      ['_edu_meta', 'veryHidden'],
    ]);
    const [sa, sb, sm] = book.sheets;
    expect(gridValue(sa, 1, 1)).toBe('学校名称 <&> "引号" \'单\'');
    expect(gridValue(sa, 1, 2)).toBe('第1学校');
    expect(gridValue(sa, 2, 1)).toBe('生均面积 😀 (m²)');
    expect(gridValue(sa, 2, 2)).toBe(12.5);
    expect(gridFormula(sa, 2, 3)).toBe('IF(B2="","未填",B2*2)');
    expect(gridValue(sa, 2, 3)).toBe(25);
    expect(gridFormula(sa, 2, 4)).toBe('CONCATENATE("中","文")');
    expect(gridValue(sa, 2, 4)).toBe('中文');
    expect(gridValue(sa, 3, 1)).toBe(true);
    expect(gridValue(sa, 4, 1)).toBe('tab\tand ünïcödé');
    expect(gridValue(sb, 1, 1)).toBe('第1学校');
    expect(gridValue(sb, 1, 2)).toBe('𠀀 (U+20000)');
    expect(JSON.parse(gridValue(sm, 1, 1) as string)).toEqual({ 名称: '优质均衡', 指标: ['生均'.repeat(2000)] });
    const names = new Map(book.definedNames.map((n) => [n.name, n.ref]));
    expect(names.get('生均面积')).toBe("'指标填报'!$B$2");
    expect(names.get('学校_表')).toBe("'规划 😀 表'!$A$1:$B$1");
  });

  test('a hand-written workbook: a Chinese sheet name with an entity, inline strings, invalid UTF-8 read as U+FFFD', () => {
    const bad = concat([strToU8('<row r="1"><c r="A1" t="inlineStr"><is><t>坏'), Uint8Array.of(0xe4, 0xb8), strToU8('字</t></is></c><c r="B1" t="inlineStr"><is><t>&#x4E2D;&amp;文</t></is></c></row>')]);
    const bytes = minimalXlsx({ '甲&amp;乙': '<row r="1"><c r="A1"><v>1</v></c></row>' }, { 'xl/worksheets/sheet1.xml': concat([strToU8('<worksheet><sheetData>'), bad, strToU8('</sheetData></worksheet>')]) });
    const book = readWorkbookGridSync(bytes);
    expect(book.sheets[0]!.name).toBe('甲&乙');
    expect(gridValue(book.sheets[0]!, 1, 1)).toBe('坏\ufffd字');
    expect(gridValue(book.sheets[0]!, 1, 2)).toBe('中&文');
  });

  test('limits count characters, not bytes: a 3-byte character text at the limit reads, one more is refused', () => {
    const limits = { ...DEFAULT_READ_LIMITS, maxTextLength: 100 };
    const xml = (n: number) => `<row r="1"><c r="A1" t="inlineStr"><is><t>${'中'.repeat(n)}</t></is></c></row>`;
    const sst = (n: number) => `<sst><si><t>${'中'.repeat(n)}</t></si></sst>`;
    // (An inline string's limit counts its `<t>` markup too: 90 characters and 8 of markup, in 278 bytes.)
    expect(gridValue(readWorkbookGridSync(minimalXlsx({ S: xml(90) }), limits).sheets[0]!, 1, 1)).toBe('中'.repeat(90));
    expect(() => readWorkbookGridSync(minimalXlsx({ S: xml(101) }), limits)).toThrow(/过长的文本/);
    const withShared = (n: number) => minimalXlsx({ S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }, { 'xl/sharedStrings.xml': sst(n) });
    expect(gridValue(readWorkbookGridSync(withShared(100), limits).sheets[0]!, 1, 1)).toBe('中'.repeat(100));
    expect(() => readWorkbookGridSync(withShared(101), limits)).toThrow(/过长的文本/);
  });
});
