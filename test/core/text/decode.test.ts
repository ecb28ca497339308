/** The one decoder for users' text files, and the one rule for when two unit names are one unit. */
import fc from 'fast-check';
import { decodeText, TextDecodeError } from '../../../src/core/text/decode';
import { normalizeUnitName } from '../../../src/core/unit-name';
import { describeXmlInvalid, hasXmlInvalid, stripXmlInvalid } from '../../../src/core/text/xml-chars';
import { encodeGbk, encodeUtf16 } from '../../helpers/gbk';

const CSV = '单位,数据项,值\n城关小学,在校生数,1200\n实验小学（东校区）,专任教师数,"1,900"\n';

describe('decodeText', () => {
  test('UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(CSV))).toEqual({ text: CSV, encoding: 'utf-8', bom: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]))).toEqual({ text: CSV, encoding: 'utf-8', bom: true });
  });

  test('UTF-16 by its BOM, both byte orders', () => {
    expect(decodeText(encodeUtf16(CSV))).toEqual({ text: CSV, encoding: 'utf-16le', bom: true });
    expect(decodeText(encodeUtf16(CSV, 'be'))).toEqual({ text: CSV, encoding: 'utf-16be', bom: true });
  });

  test('GBK / GB18030 (Excel "CSV (逗号分隔)" on a Chinese Windows) when it is not UTF-8', () => {
    const gbk = encodeGbk(CSV);
    expect(gbk.includes(Buffer.from('城关'))).toBe(false);
    expect(decodeText(gbk)).toEqual({ text: CSV, encoding: 'gb18030', bom: false });
  });

  test('what cannot be decoded says which encoding to save as', () => {
    const broken = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xc3, 0x28])]);
    expect(() => decodeText(broken, { zh: 'CSV 文件', en: 'CSV file' })).toThrow(TextDecodeError);
    try {
      decodeText(broken, { zh: 'CSV 文件', en: 'CSV file' });
    } catch (e) {
      expect((e as TextDecodeError).text.zh).toMatch(/CSV 文件无法解码.*UTF-8/);
      expect((e as TextDecodeError).text.en).toMatch(/save it as UTF-8/);
    }
    // UTF-16 without its BOM (many zero bytes) is not silently read as GBK.
    const noBom = Buffer.from('unit,input,value\n', 'utf16le');
    expect(() => decodeText(noBom)).toThrow(/UTF-16/);
    // Bytes that are neither UTF-8 nor GB18030.
    expect(() => decodeText(Buffer.from([0x41, 0xff, 0x42]))).toThrow(TextDecodeError);
  });

  test('property: any text survives UTF-8 and UTF-16 round trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const text = s.replace(/^\uFEFF/, '');
        expect(decodeText(Buffer.from(text)).text).toBe(text);
        expect(decodeText(encodeUtf16(text)).text).toBe(text);
      }),
    );
  });
});

describe('unit names (the one normaliser, core/unit-name.ts)', () => {
  const same = (a: string, b: string) => normalizeUnitName(a) === normalizeUnitName(b);
  test('width and surrounding or repeated spaces do not make another unit; case and punctuation do', () => {
    expect(same('甲校1', '甲校１')).toBe(true);
    expect(same(' 第一小学\u3000', '第一小学')).toBe(true);
    expect(same('第一  小学', '第一 小学')).toBe(true);
    expect(same('（东校区）', '(东校区)')).toBe(true);
    expect(same('甲校1', '甲校2')).toBe(false);
    expect(same('一中', '一中（初中部）')).toBe(false);
  });
});

describe('XML-invalid characters', () => {
  test('are found, named and stripped; tab, line feed and emoji stay', () => {
    expect(hasXmlInvalid('a\u0007b')).toBe(true);
    expect(hasXmlInvalid('a\tb\nc😀')).toBe(false);
    expect(stripXmlInvalid('1\u00002\u001b3\uFFFF')).toBe('123');
    expect(describeXmlInvalid('\u0007x\u001b')).toBe('U+0007, U+001B');
  });
});
