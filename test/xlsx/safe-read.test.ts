/**
 * The lean reader against hostile and damaged files, all generated here: lying sizes, bad CRCs,
 * truncation, huge and invalid row numbers, a million rows, deep nesting, 300k unclosed rows.
 * Each case ends with a WorkbookReadError whose message is Chinese first and names the problem
 * in plain words (never a library's `Bug : …`).
 */
import { zipSync, strToU8 } from 'fflate';
import { gridValue } from '../../src/core/workbook/grid';
import { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits } from '../../src/xlsx/limits';
import { openWorkbook, readWorkbookGridSync } from '../../src/xlsx/read';
import { patchSheetXml } from '../../src/xlsx/patch';
import { minimalXlsx, withBadCrc, withDamagedData, withDeclaredSize } from '../helpers/forge-xlsx';

function failure(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): WorkbookReadError {
  try {
    readWorkbookGridSync(bytes, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    const err = e as WorkbookReadError;
    expect(err.text.zh).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
    expect(err.message).not.toMatch(/\bBug\b|invalid zip data|unexpected EOF/);
    return err;
  }
  throw new Error('expected the read to fail');
}

const SHEET = 'xl/worksheets/sheet1.xml';
const ok = minimalXlsx({ 数据: '<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="inlineStr"><is><t>甲校</t></is></c></row>' });

test('`_x001B_` in cell text is decoded to the character it escapes (the CLI makes it visible, never acts on it)', () => {
  const book = readWorkbookGridSync(minimalXlsx({ S: '<row r="1"><c r="A1" t="inlineStr"><is><t>_x001B_[2J红</t></is></c></row>' }));
  expect(gridValue(book.sheets[0], 1, 1)).toBe('\u001b[2J红');
});

test('a minimal workbook reads', () => {
  const book = readWorkbookGridSync(ok);
  expect(book.sheets.map((s) => s.name)).toEqual(['数据']);
  expect(gridValue(book.sheets[0], 1, 1)).toBe(42);
  expect(gridValue(book.sheets[0], 1, 2)).toBe('甲校');
});

describe('zip container', () => {
  test('a lying deflate size stops at the declared size, not at the end of the bomb', () => {
    // 40 MB of one repeated row, declared as 2,000 bytes: the ratio check sees nothing unusual.
    const body = '<row><c><v>1</v></c></row>'.repeat((40 * 1024 * 1024) / 26);
    const bomb = withDeclaredSize(minimalXlsx({ S: body }), SHEET, 2000);
    const before = process.memoryUsage().rss;
    const err = failure(bomb);
    expect(err.code).toBe('zip-bomb');
    expect(err.text.zh).toContain('超过其声明的大小');
    expect(err.text.zh).toContain(SHEET);
    // Stopped after one slice of output, far from the 40 MB the part holds.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test('a part larger than the whole budget is refused while inflating', () => {
    const body = '<row><c><v>1</v></c></row>'.repeat((8 * 1024 * 1024) / 26);
    const bytes = minimalXlsx({ S: body });
    expect(readWorkbookGridSync(bytes, { ...DEFAULT_READ_LIMITS, maxRatio: 1e9 }).sheets[0].values.length).toBeGreaterThan(300_000);
    // Declared honestly but beyond a small budget: refused before inflating.
    expect(failure(bytes, { ...DEFAULT_READ_LIMITS, maxRatio: 1e9, maxUncompressedBytes: 1024 * 1024 }).code).toBe('zip-bomb');
    // Declared small (a lie) and over the budget: the running budget stops it.
    const lying = withDeclaredSize(bytes, SHEET, 500 * 1024);
    expect(failure(lying, { ...DEFAULT_READ_LIMITS, maxRatio: 1e9, maxUncompressedBytes: 1024 * 1024 }).code).toBe('zip-bomb');
  });

  test('a bad CRC, damaged data, a truncated file, a size mismatch are plain-word errors', () => {
    const crc = failure(withBadCrc(ok, SHEET));
    expect(crc.code).toBe('corrupt');
    expect(crc.text.zh).toContain('校验码');
    const damaged = failure(withDamagedData(minimalXlsx({ S: '<row><c><v>1</v></c></row>'.repeat(2000) }), SHEET));
    expect(damaged.code).toBe('corrupt');
    expect(damaged.text.zh).toMatch(/损坏/);
    for (const cut of [ok.length - 10, Math.floor(ok.length / 2), 100]) {
      const e = failure(ok.subarray(0, cut));
      expect(e.code).toBe('corrupt');
      expect(e.text.zh).toMatch(/损坏|不完整/);
    }
    const bigger = withDeclaredSize(ok, SHEET, 5000);
    const e = failure(bigger);
    expect(e.code).toBe('corrupt');
    expect(e.text.zh).toContain('不符');
  });

  test('an encrypted (OLE) file, an old .xls, an .ods, a plain zip, plain text', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(failure(ole).code).toBe('encrypted');
    expect(failure(ole).text.zh).toMatch(/另存为.*\.xlsx/);
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') });
    expect(failure(ods).text.zh).toContain('.ods');
    expect(failure(zipSync({ 'hello.txt': strToU8('hi') })).code).toBe('corrupt');
    expect(failure(strToU8('单位,入学人数\n甲校,1')).code).toBe('not-xlsx');
  });

  test('the entry count is not trusted and parts are capped', () => {
    const err = failure(ok, { ...DEFAULT_READ_LIMITS, maxEntries: 3 });
    expect(err.code).toBe('zip-bomb');
  });
});

describe('sheet XML', () => {
  test.each([['2000000000'], ['Infinity'], ['1e3'], ['-1'], ['0'], ['1048577']])('row number r="%s" is refused', (r) => {
    const err = failure(minimalXlsx({ S: `<row r="${r}"><c><v>1</v></c></row>` }));
    expect(err.code).toBe('corrupt');
    expect(err.text.zh).toContain('行号无效');
  });

  test.each([['XFE1'], ['A0'], ['Infinity'], ['AAAA1']])('cell address r="%s" is refused', (r) => {
    const err = failure(minimalXlsx({ S: `<row r="1"><c r="${r}"><v>1</v></c></row>` }));
    expect(err.text.zh).toContain('单元格地址无效');
  });

  test('cells spread over the whole sheet exhaust the grid area, not memory', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const err = failure(minimalXlsx({ S: rows }));
    expect(err.code).toBe('too-many-cells');
    expect(err.text.zh).toContain('已用区域过大');
  });

  test('a million rows read within the limits; over the cell limit it is refused', () => {
    const rows: string[] = [];
    for (let i = 1; i <= 1_000_000; i++) rows.push(`<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`);
    const bytes = minimalXlsx({ S: rows.join('') });
    expect(bytes.length).toBeLessThan(DEFAULT_READ_LIMITS.maxBytes);
    const book = readWorkbookGridSync(bytes);
    expect(book.sheets[0].values).toHaveLength(1_000_000);
    expect(gridValue(book.sheets[0], 999_999, 1)).toBe(999_999);
    const err = failure(bytes, { ...DEFAULT_READ_LIMITS, maxCells: 500_000 });
    expect(err.code).toBe('too-many-cells');
  });

  test('deeply nested XML stops at the nesting limit; 300k unclosed <row> tags read at once, as nothing', () => {
    const deep = `<worksheet>${'<a>'.repeat(100_000)}<sheetData/></worksheet>`;
    expect(failure(minimalXlsx({ S: deep })).text.zh).toContain('嵌套过深');
    // Inside <sheetData> rows cannot nest: each unclosed <row> is just the next (empty) row.
    const unclosed = `<worksheet><sheetData>${'<row>'.repeat(300_000)}<row><c><v>7</v></c></row></sheetData></worksheet>`;
    const t0 = Date.now();
    // (The default limits refuse this file for its compression ratio already; the scanner is tested here.)
    const book = readWorkbookGridSync(minimalXlsx({ S: unclosed }), { ...DEFAULT_READ_LIMITS, maxRatio: 1e9 });
    expect(gridValue(book.sheets[0], 300_001, 1)).toBe(7);
    expect(failure(minimalXlsx({ S: unclosed })).code).toBe('zip-bomb');
    // Not a timing assertion of speed, a guard against the minutes the old regex took.
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  test('an overlong text, an unterminated tag, a DOCTYPE, a dangling end tag', () => {
    const long = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(300 * 1024)}</t></is></c></row>`;
    expect(failure(minimalXlsx({ S: long })).text.zh).toContain('过长的文本');
    const unterminated = `<worksheet><sheetData><row r="1"><c r="A1" t="${'x'.repeat(100 * 1024)}`;
    expect(failure(minimalXlsx({ S: unterminated })).text.zh).toMatch(/过长|未结束/);
    const doctype = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>';
    expect(failure(minimalXlsx({ S: doctype })).text.zh).toContain('DOCTYPE');
    const dangling = minimalXlsx({ S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }, { 'xl/sharedStrings.xml': '<sst><si><t>a</t></si></sst></sst>' });
    expect(failure(dangling).text.zh).toContain('结束标记');
    expect(failure(minimalXlsx({ S: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>' })).text.zh).toContain('不完整');
  });

  test('a shared-string index that does not exist is an error, not an empty cell', () => {
    const bytes = minimalXlsx({ S: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }, { 'xl/sharedStrings.xml': '<sst><si><t>a</t></si></sst>' });
    expect(failure(bytes).text.zh).toContain('共享字符串');
  });

  test('prefixed SpreadsheetML, comments, CDATA, attributes holding `>`', () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- a <row> in a comment --><x:sheetData>' +
      '<x:row r="2" x14ac:dyDescent="0.25 > 0"><x:c r="C2" t="str"><x:f>A1&amp;"&gt;"</x:f><x:v><![CDATA[a<b&c]]></x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const book = readWorkbookGridSync(minimalXlsx({ S: xml }));
    expect(gridValue(book.sheets[0], 2, 3)).toBe('a<b&c');
    expect(book.sheets[0].formulas[1][2]).toBe('A1&">"');
  });

  test('only the sheets asked for are inflated', () => {
    // The second sheet is damaged: reading only the first never touches it.
    const two = withBadCrc(minimalXlsx({ A: '<row r="1"><c r="A1"><v>1</v></c></row>', B: '<row r="1"><c r="A1"><v>2</v></c></row>' }), 'xl/worksheets/sheet2.xml');
    const book = openWorkbook(two);
    expect(book.sheets.map((s) => s.name)).toEqual(['A', 'B']);
    expect(gridValue(book.readSheet(book.sheets[0]), 1, 1)).toBe(1);
    expect(() => book.readSheet(book.sheets[1])).toThrow(WorkbookReadError);
    expect(readWorkbookGridSync(two, DEFAULT_READ_LIMITS, { sheets: (s) => s.name === 'A' }).sheets).toHaveLength(1);
  });
});

test('formula cells count their area once against the slot budget (a wide table of formulas is not width × cells)', () => {
  // 400 rows × 100 formula columns = 40,000 slots; counting the width per formula cell would be 2 million.
  const rows: string[] = [];
  for (let r = 1; r <= 400; r++) {
    let cells = '';
    for (let c = 1; c <= 100; c++) cells += `<c r="${colName(c)}${r}"><f>A${r}+1</f><v>1</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  const bytes = minimalXlsx({ S: rows.join('') });
  const book = readWorkbookGridSync(bytes, { ...DEFAULT_READ_LIMITS, maxGridSlots: 100_000 });
  expect(book.sheets[0].formulas[399]![99]).toBe('A400+1');
  // A budget below the area is still refused.
  expect(failure(bytes, { ...DEFAULT_READ_LIMITS, maxGridSlots: 60_000 }).code).toBe('too-many-cells');
});

function colName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

test('fill\'s patcher refuses unclosed rows and cells at once instead of backtracking for minutes', () => {
  const t0 = Date.now();
  for (const body of ['<row>'.repeat(300_000), `<row r="1">${'<c r="A1">'.repeat(300_000)}</row>`]) {
    expect(() => patchSheetXml(`<worksheet><sheetData>${body}</sheetData></worksheet>`, [{ address: 'A1', value: 1 }])).toThrow(WorkbookReadError);
  }
  // Not a timing assertion of speed, a guard against the minutes a backtracking pattern takes.
  expect(Date.now() - t0).toBeLessThan(10_000);
  expect(patchSheetXml('<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>', [{ address: 'B1', value: 2 }])).toContain('<c r="B1"><v>2</v></c>');
});
